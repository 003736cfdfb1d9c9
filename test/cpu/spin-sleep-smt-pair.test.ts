/**
 * Two SMT siblings spinning on one lock sleep together: a sibling's plain hit on the line
 * a sleeper watches changes nothing the sleeper's skipped iterations would not (they touch
 * that line too), so it does not wake it. Under every replacement policy the statistics
 * equal stepping every iteration, also when a sibling stores to another word of the line.
 */
import { describe, expect, it } from 'vitest';
import { REPLACEMENT_NAMES } from '../../src/cache/replacement/policy.js';
import { level, testMachine } from '../support/machine.js';
import { runKnobs } from '../support/run.js';
import { textReader } from '../support/trace.js';

// Thread 0 (core 1) holds the lock for 5,000 cycles; threads 1 and 2 (core 0's two SMT
// threads) spin on it, thread 2 after two stores to the lock word's line (a miss, then a
// hit). After the release each takes the lock in turn and stores to the line.
const TRACE = `# txsim-trace 1
0 lock 0x1000
0 c 5000
0 unlock 0x1000
1 c 100
1 lock 0x1000
1 w 0x1008
1 unlock 0x1000
2 c 300
2 w 0x1010
2 w 0x1010
2 lock 0x1000
2 w 0x1008
2 unlock 0x1000
`;

describe('two SMT siblings spinning on one lock', () => {
  it.each(REPLACEMENT_NAMES)('%s: equal step-by-step spinning', async (replacement) => {
    const machine = testMachine({
      cores: 2,
      threadsPerCore: 2,
      l1d: level(1024, 2, 1, replacement),
      llc: level(16384, 4, 10),
    });
    const knobs = { threadMap: '0:2,1:0,2:1' };
    const asleep = await runKnobs(await textReader(TRACE), machine, { ...knobs, spinSleep: true });
    const spinning = await runKnobs(await textReader(TRACE), machine, { ...knobs, spinSleep: false });
    expect(asleep).toEqual(spinning);
    // Both spun through most of the 5,000 cycles.
    expect(spinning['core0.lock.test_loads']).toBeGreaterThan(2 * 4000);
  });
});
