/**
 * `txsim inspect` lists every site of a trace that defines hundreds of thousands of them
 * (its tables used to be passed as function arguments, which overflowed the stack).
 */
import { describe, expect, it } from 'vitest';
import { renderSummary } from '../../src/cli/commands/inspect.js';
import { inspectTrace } from '../../src/trace/inspect.js';
import { tempFile } from './helpers.js';

describe('inspect with many sites', () => {
  it('lists 200,000 sites', async () => {
    const sites = Array.from({ length: 200_000 }, (_, i) => `@site ${i} s${i}.c:1 f\n`).join('');
    const path = tempFile('sites.trace', `# txsim-trace 1\n${sites}0 r 0x40 8 @199999\n`);
    const text = renderSummary(await inspectTrace(path));
    expect(text).toContain('\nsites          200000\n');
    expect(text).toContain('\n  199999  s199999.c:1  f\n');
  });
});
