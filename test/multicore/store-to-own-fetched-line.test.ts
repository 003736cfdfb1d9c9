/**
 * A store to a line the core holds only in its L1I (as fetched code) is a GetM like any
 * other: the L1D misses and takes the data from the LLC, other holders lose the line (a
 * remote-forward cost when there are any), and it is counted as a GetM, not an upgrade.
 * Hand-derived on the tiny preset (no L2; LLC 10, remote forward 40, upgrade 30, memory
 * 100 cycles; 2 banks busy 2 cycles), cores 2, one thread per core:
 *   t0 fetch 0x1000 @0:  LLC miss, memory 100, core 0 gets E;
 *   t1 fetch 0x1000 @0:  bank 0 busy until 2 (wait 2), core 0 forwards (40): 42, both S;
 *   t1 store 0x1000 @42: GetM; core 0 is invalidated (40): core 1 ends at 82.
 */
import { describe, expect, it } from 'vitest';
import { loadPreset } from '../../src/sim/machine.js';
import { run } from '../support/run.js';
import { textReader } from '../support/trace.js';

describe('a store to a line held only in the own L1I', () => {
  it('costs and counts as a GetM', async () => {
    const trace = '# txsim-trace 1\n0 i 0x1000 4\n1 i 0x1000 4\n1 w 0x1000 4\n';
    const v = await run(await textReader(trace), { ...loadPreset('tiny'), cores: 2, threadsPerCore: 1 });
    expect(v('core1.cycles')).toBe(82);
    expect(v('core1.coherence.getm')).toBe(1);
    expect(v('core1.coherence.upgrades')).toBe(0);
    expect(v('core0.coherence.forwards')).toBe(1);
    expect(v('core0.coherence.invalidations')).toBe(1);
  });
});
