/**
 * A lock word is 4 bytes: one at the last 4 bytes of a line (0x3c) touches that line only,
 * so locking and unlocking it uncontended costs one miss, as it does at the line's start.
 */
import { describe, expect, it } from 'vitest';
import { loadPreset } from '../../src/sim/machine.js';
import { run } from '../support/run.js';
import { textReader } from '../support/trace.js';

async function lockUnlock(word: string): Promise<number[]> {
  const s = await run(
    await textReader(`# txsim-trace 1\n0 lock ${word}\n0 unlock ${word}\n`),
    loadPreset('tiny'),
  );
  return ['l1d.load.misses', 'l1d.store.misses', 'coherence.gets', 'coherence.getm', 'cycles'].map((n) =>
    s(`core0.${n}`),
  );
}

describe('the lock word', () => {
  it('at the end of a line touches one line', async () => {
    const start = await lockUnlock('0x40');
    expect(await lockUnlock('0x3c')).toEqual(start);
    // One miss (the test load's, a GetS answered in E), which the test-and-set and the
    // unlock then hit.
    expect(start.slice(0, 4)).toEqual([1, 0, 1, 0]);
  });
});
