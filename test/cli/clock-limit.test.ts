// A clock beyond what the scheduler keys hold exactly (2^45 cycles) is one clear error that
// says where such a clock comes from (and the trace line that took it there), not a wrong
// schedule.
import { describe, expect, it } from 'vitest';
import { tempFile } from '../trace/helpers.js';
import { cliFails } from '../support/cli.js';

describe('txsim replay: a clock past 2^45 cycles', () => {
  it('names the thread, the cycle and the likely causes', async () => {
    const trace = tempFile('big.trace', '# txsim-trace 1\n0 c 9007199254740991\n0 r 0x10\n');
    expect(await cliFails(['replay', trace])).toBe(
      `txsim: ${trace}:2: trace thread 0 reached cycle 9007199254740991, past 2^45, the longest run txsim can schedule exactly (look for a huge 'c' event, or latencies in the preset or --latency)\n`,
    );
  });
});
