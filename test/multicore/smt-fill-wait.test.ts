/**
 * The caches apply a miss at its issue cycle, so an SMT sibling could otherwise hit a line
 * whose data has not arrived. Instead its access waits for the fill, as a load that finds
 * its line in the fill buffer does (counted as `fill_waits`, `fill_wait_cycles`), when
 * it reaches the L1 being filled (a load's L1D hit does not wait for the L1I's fill).
 */
import { describe, expect, it } from 'vitest';
import { WINDOW_EVENTS } from '../../src/cpu/demux.js';
import { loadPreset } from '../../src/sim/machine.js';
import { run } from '../support/run.js';
import { litmusReader, textReader } from '../support/trace.js';

const tiny = loadPreset('tiny'); // L1 hit 1 cycle, memory 100

describe('an SMT sibling’s access to a line still being filled', () => {
  it('waits for the data', async () => {
    const v = await run(await textReader('# txsim-trace 1\n0 r 0x1000 8\n1 r 0x1000 8\n1 r 0x1000 8\n'), {
      ...tiny,
      cores: 1,
    });
    // Thread 0 misses at 0 (data at 100). Thread 1 hits at 0 but waits until 100, then
    // hits again at 100 without waiting.
    expect([v('core0.thread0.cycles'), v('core0.thread1.cycles')]).toEqual([100, 101]);
    expect([v('core0.fill_waits'), v('core0.fill_wait_cycles')]).toEqual([1, 99]);
    expect([v('core0.l1d.load.hits'), v('core0.l1d.load.misses')]).toEqual([2, 1]);
  });

  it('cannot take a lock before the lock word arrives', async () => {
    // contended-lock.trace on one core's two threads. Both test loads see the lock free
    // at cycle 0; thread 1's waits for thread 0's miss until 100. At 100 thread 0's
    // test-and-set goes first (lower id) and wins; thread 1's fails and it spins on L1
    // hits until thread 0's unlock at 202 (after a 100-cycle miss on the counter); its
    // load at 202 goes after the unlock and sees the lock free: lock wait 202, then its
    // test-and-set (203), two hits on the counter and the unlock end it at 207.
    const v = await run(await litmusReader('contended-lock.trace'), tiny, { threadMap: '0:0,1:1' });
    expect([v('core0.fill_waits'), v('core0.fill_wait_cycles')]).toEqual([1, 99]);
    expect([v('core0.thread0.lock.wait_cycles'), v('core0.thread1.lock.wait_cycles')]).toEqual([0, 202]);
    expect(v('core0.lock.failed_rmw')).toBe(1);
    expect([v('core0.thread0.cycles'), v('core0.thread1.cycles')]).toEqual([203, 207]);
  });

  it('also when the sibling starts while the miss is still filling', async () => {
    // The first window: thread 0 misses at 0 (data at 100) and computes past 4,000;
    // thread 2 (core 1) needs the next window at cycle 50, where thread 1 starts on
    // thread 0's core and reads the line still being filled.
    const first = '0 r 0x1000 8\n' + '0 c 1\n'.repeat(WINDOW_EVENTS - 2) + '2 c 50\n';
    const v = await run(await textReader(`# txsim-trace 1\n${first}1 r 0x1000 8\n`), tiny, {
      threadMap: '0:0,1:1,2:2',
    });
    expect(v('core0.start_cycle')).toBe(0);
    expect(v('core0.thread1.cycles')).toBe(100);
    expect([v('core0.fill_waits'), v('core0.fill_wait_cycles')]).toEqual([1, 49]);
  });

  it('waits for a fetch fill only from the same L1, or when it misses its own', async () => {
    // Thread 1 has the line in the L1D (read at 0, data at 100). At 200 thread 0 fetches it
    // (an L1I miss, an LLC hit: in at 210). Thread 1's load at 201 hits the L1D and does
    // not wait for the L1I's fill; its fetch at 202 finds the line in the L1I (applied at
    // 200) and waits until 210, as for a miss from the same L1.
    const v = await run(
      await textReader(
        '# txsim-trace 1\n1 r 0x1000 8\n1 c 100\n1 r 0x1000 8\n1 i 0x1000 4\n0 c 200\n0 i 0x1000 4\n',
      ),
      { ...tiny, cores: 1 },
    );
    expect([v('core0.fill_waits'), v('core0.fill_wait_cycles'), v('core0.thread1.cycles')]).toEqual([
      1, 8, 210,
    ]);
  });

  it('has nothing to wait for on another core', async () => {
    // The same trace with the threads on two cores: the second read is a coherence miss.
    const v = await run(await textReader('# txsim-trace 1\n0 r 0x1000 8\n1 r 0x1000 8\n'), tiny);
    expect(v('total.fill_waits')).toBe(0);
  });
});
