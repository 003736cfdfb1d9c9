/**
 * On a machine too large to scan after every step (here 2,112 lines, scanned every 3
 * steps), `--debug-checks` checks the blocks each step changed at once, and finds a
 * corruption of a block the step did not touch at the next whole-machine scan (or the one
 * at the end of the run), saying so.
 * Either way the message names the trace line of the event that ran last.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { St } from '../../src/cache/coherence/compile.js';
import { MulticoreHierarchy } from '../../src/cache/multicore/hierarchy.js';
import { STATE_BITS } from '../../src/cache/multicore/private-caches.js';
import { openTrace } from '../../src/trace/open.js';
import { level, testMachine } from '../support/machine.js';
import { run } from '../support/run.js';
import { tempDir } from '../trace/helpers.js';

afterEach(() => {
  vi.restoreAllMocks();
});

/** Runs the trace with core 0's copy of `block` made M right after an access to `when`; returns the error message. */
async function corrupted(block: number, when: number): Promise<{ file: string; message: string }> {
  const file = join(tempDir(), 'shared.trace');
  writeFileSync(
    file,
    '# txsim-trace 1\n0 r 0x1000 8\n1 r 0x1000 8\n0 r 0x1040 8\n1 r 0x1080 8\n0 r 0x10c0 8\n1 r 0x1100 8\n0 r 0x1140 8\n',
  );
  const access = MulticoreHierarchy.prototype.access;
  vi.spyOn(MulticoreHierarchy.prototype, 'access').mockImplementation(function (
    this: MulticoreHierarchy,
    ...args: Parameters<typeof access>
  ) {
    const cycles = access.apply(this, args);
    if (args[1] === when) {
      const l1d = this.privates[0]!.l1d;
      const line = l1d.find(block);
      l1d.meta[line] = ((l1d.meta[line] as number) & ~STATE_BITS) | St.M;
    }
    return cycles;
  });
  const reader = await openTrace(file);
  try {
    // 2 × (16 + 16) private lines and a 2,048-line LLC: a scan every 3 steps.
    await run(reader, testMachine({ cores: 2, llc: level(131072, 8, 10) }));
  } catch (e) {
    return { file, message: (e as Error).message };
  } finally {
    await reader.close();
  }
  throw new Error('the corruption was not found');
}

describe('debug checks on a large machine', () => {
  it('find a corruption of a block the step touched at that step', async () => {
    // Core 1's read of 0x1000 (line 3) shares the block; core 0's copy then claims M.
    const { file, message } = await corrupted(0x1000 / 64, 0x1000);
    expect(message).toMatch(
      /^coherence invariant violated:\n {2}I1 block 64: a core may write it while 2 cores hold it\n/,
    );
    expect(message).not.toContain('whole-machine scan');
    expect(message).toMatch(new RegExp(`\\n {2}after ${file}:3: trace thread 1's event on core 1`));
  });

  it('find a corruption of another block at the next scan, and say the scan found it', async () => {
    // Core 1's read of 0x1100 (line 7, the 5th step) corrupts core 0's copy of 0x1000,
    // shared since line 3 (each address has its own set: nothing evicts it). The scan after
    // the 6th step, core 0's read of 0x10c0 (line 6, at an earlier cycle), finds it.
    const { file, message } = await corrupted(0x1000 / 64, 0x1100);
    expect(message).toMatch(
      /^coherence invariant violated:\n {2}I1 block 64: a core may write it while 2 cores hold it\n/,
    );
    expect(message).toContain(
      '(found by the whole-machine scan made every 3 steps: it happened in one of the last 3)',
    );
    expect(message).toMatch(new RegExp(`\\n {2}after ${file}:6: trace thread 0's event on core 0`));
  });

  it('find a corruption in the last step at the scan that ends the run', async () => {
    // Core 0's read of 0x1140 (line 8) is the 7th and last step.
    const { file, message } = await corrupted(0x1000 / 64, 0x1140);
    expect(message).toContain('whole-machine scan');
    expect(message).toMatch(new RegExp(`\\n {2}after ${file}:8: trace thread 0's event on core 0`));
  });
});
