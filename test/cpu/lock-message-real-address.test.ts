/**
 * Lock messages name the lock word at the address the trace gave, though the simulation
 * runs on dense addresses (trace/dense.ts): here the lock's region is numbered second, so
 * its dense address (0x100000) differs from its real one.
 */
import { expect, it } from 'vitest';
import { cliFails } from '../support/cli.js';
import { tempFile } from '../trace/helpers.js';

it('a lock held at the end is named at its real address', async () => {
  const trace = tempFile('held.trace', '# txsim-trace 1\n0 r 0x7f0000000000\n0 lock 0x5000000010\n');
  expect(await cliFails(['replay', trace, '--preset', 'tiny'])).toBe(
    `txsim: ${trace}:3: trace thread 0 ended while holding lock 0x5000000010, taken here and never released\n`,
  );
});
