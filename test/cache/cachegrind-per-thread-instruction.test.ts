/**
 * Per-instruction counts (`--cachegrind-out-file`) charge a data access to its own
 * thread's last instruction fetch, even when threads' events interleave.
 */
import { describe, expect, it } from 'vitest';
import { runCachegrind } from '../support/run.js';
import { textReader } from '../support/trace.js';

describe('per-instruction attribution', () => {
  it('follows each thread’s own instruction', async () => {
    const reader = await textReader(
      '# txsim-trace 1\n0 i 0x400000 4\n1 i 0x500000 4\n0 r 0x1000 8\n1 w 0x2000 8\n0 r 0x3000 8\n',
    );
    const r = await runCachegrind(reader, { perInstruction: true });
    // Counters in CG_EVENTS order: Ir I1mr ILmr Dr D1mr DLmr Dw D1mw DLmw.
    // Row -1 holds accesses before any fetch (none here).
    expect(r.perInstruction).toEqual([
      [-1, [0, 0, 0, 0, 0, 0, 0, 0, 0]],
      [0x400000, [1, 1, 1, 2, 2, 2, 0, 0, 0]],
      [0x500000, [1, 1, 1, 0, 0, 0, 1, 1, 1]],
    ]);
  });
});
