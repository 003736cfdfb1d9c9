// Opening a trace that is not there (or not a file) is an InputError naming the path.
import { describe, expect, it } from 'vitest';
import { openTrace } from '../../src/trace/open.js';
import { inputError, readAll, tempDir } from './helpers.js';

describe('missing trace files', () => {
  it('reports a missing file', async () => {
    const err = await inputError(() => openTrace('no/such/trace.txt'));
    expect(err.message).toBe('no/such/trace.txt: cannot open trace: no such file');
    expect(err.location).toEqual({ file: 'no/such/trace.txt' });
  });

  it('reports a directory', async () => {
    const dir = tempDir();
    const err = await inputError(async () => readAll(await openTrace(dir)));
    expect(err.message).toBe(`${dir}: cannot read trace: is a directory`);
  });
});
