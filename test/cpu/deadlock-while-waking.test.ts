/**
 * A deadlock is an error as soon as its wait-for cycle closes, not only once every thread
 * sleeps: two spinners whose lock words share a direct-mapped LLC set evict each other's
 * line at every test load, so each wakes the other forever (the run used to hang until
 * the 2^45-cycle limit); and a thread that is still running does not hide a deadlock of
 * two others. Stepped spinning (no sleeping) finds the same deadlock.
 */
import { describe, expect, it } from 'vitest';
import type { MachineConfig } from '../../src/sim/machine.js';
import { InputError } from '../../src/util/errors.js';
import { level, testMachine } from '../support/machine.js';
import { runKnobs } from '../support/run.js';
import { textReader } from '../support/trace.js';

/** The message of the InputError the run ends with (stepped spinning when `spinSleep` is false). */
async function failure(trace: string, machine: MachineConfig, spinSleep = true): Promise<string> {
  try {
    await runKnobs(await textReader(`# txsim-trace 1\n${trace}`, '<t>'), machine, { spinSleep });
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('the run did not fail');
}

// Thread 0 holds 0x1000 and wants 0x2000; thread 1 the reverse.
const CROSSED = '0 lock 0x1000\n1 lock 0x2000\n0 c 100\n1 c 100\n0 lock 0x2000\n1 lock 0x1000\n';
const MESSAGE =
  '<t>: deadlock: trace thread 0 waits here for lock 0x2000 held by trace thread 1; trace thread 1 waits at its event 3 for lock 0x1000 held by trace thread 0 (at event 3 of trace thread 0)';

describe('a deadlock', () => {
  it('whose spinners evict each other from a one-line LLC set', { timeout: 5000 }, async () => {
    // 64 B direct-mapped LLC: both lock words' lines fall in its one set.
    const machine = testMachine({ cores: 2, llc: level(64, 1, 10) });
    expect(await failure(CROSSED, machine)).toBe(MESSAGE);
    expect(await failure(CROSSED, machine, false)).toBe(MESSAGE);
  });

  it('while another thread still runs', async () => {
    const machine = testMachine({ cores: 3 });
    // Thread 2's bad unlock, a billion cycles on, comes after the deadlock closed at about
    // cycle 100: it used to be reported instead (the deadlock waited for every thread to sleep).
    const busy = `2 c 1000000000\n${CROSSED}2 unlock 0x3000\n`;
    expect(await failure(busy, machine)).toBe(MESSAGE);
  });
});
