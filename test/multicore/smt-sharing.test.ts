/**
 * SMT siblings share their core's caches: a line one sibling brought in is an L1 hit for
 * the other, and a store by one is seen by the other without any coherence message; the
 * same two threads on two cores exchange the line through the directory.
 */
import { describe, expect, it } from 'vitest';
import { run } from '../support/run.js';
import { textReader } from '../support/trace.js';
import { testMachine } from '../support/machine.js';

const TRACE = `# txsim-trace 1
0 w 0x1000 8
1 c 200
1 r 0x1000 8
1 w 0x1000 8
`;

describe('SMT siblings', () => {
  it('share the L1: the second thread hits, no coherence traffic', async () => {
    const machine = testMachine({ cores: 1, threadsPerCore: 2 });
    const v = await run(await textReader(TRACE), machine);
    expect([v('core0.l1d.load.hits'), v('core0.l1d.store.hits'), v('core0.l1d.store.misses')]).toEqual([
      1, 1, 1,
    ]);
    expect([v('coherence.gets'), v('coherence.getm'), v('coherence.forwards')]).toEqual([0, 1, 0]);
    // Thread 0: memory miss, 100 cycles. Thread 1: 200 compute, then two L1 hits.
    expect([v('core0.thread0.cycles'), v('core0.thread1.cycles'), v('core0.cycles')]).toEqual([
      100, 202, 202,
    ]);
  });

  it('on two cores the line moves through the directory', async () => {
    const v = await run(await textReader(TRACE), testMachine({ cores: 2, threadsPerCore: 2 }), {
      threadMap: '0:0,1:2',
    });
    expect([v('core1.coherence.gets'), v('core1.coherence.upgrades'), v('core0.coherence.forwards')]).toEqual(
      [1, 1, 1],
    );
    expect(v('core1.cycles')).toBe(200 + 40 + 30);
  });
});
