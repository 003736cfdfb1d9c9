// A trace without events is an InputError 'trace is empty', whatever its format.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { writeBinary } from '../../src/trace/binary-writer.js';
import { openTrace } from '../../src/trace/open.js';
import { MemorySink } from '../../src/trace/sink.js';
import { inputError, readAll, sourceOf, tempFile } from './helpers.js';

async function emptyBinary(): Promise<Buffer> {
  const sink = new MemorySink();
  await writeBinary(sourceOf([]), sink);
  return sink.bytes();
}

describe('empty traces', () => {
  it.each([
    ['an empty file', () => ''],
    ['a text trace with only its header and comments', () => '# txsim-trace 1\n# nothing\n\n@site 1 a.c:1\n'],
    ['a lackey log with only valgrind messages', () => '==1== Lackey\n==1== \n'],
    ['gzip of nothing', () => gzipSync('')],
    ['a binary trace with no events', emptyBinary],
  ])('rejects %s', async (_what, content) => {
    const path = tempFile('e.trace', await content());
    const err = await inputError(async () => readAll(await openTrace(path)));
    expect(err.message).toBe(`${path}: trace is empty`);
  });
});
