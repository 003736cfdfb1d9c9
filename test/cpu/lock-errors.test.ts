/** Lock misuse and deadlocks end the run with a clear InputError instead of hanging. */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/util/errors.js';
import { testMachine } from '../support/machine.js';
import { run } from '../support/run.js';
import { textReader } from '../support/trace.js';

async function fails(body: string): Promise<string> {
  try {
    await run(await textReader(`# txsim-trace 1\n${body}`), testMachine({ cores: 2 }));
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('the run did not fail');
}

describe('lock errors', () => {
  it('unlock of a lock nobody holds', async () => {
    expect(await fails('0 unlock 0x2000\n')).toBe('trace thread 0 unlocks 0x2000, which is not held');
  });

  it('unlock by a thread that does not hold the lock', async () => {
    expect(await fails('0 lock 0x2000\n1 c 500\n1 unlock 0x2000\n0 c 1000\n0 unlock 0x2000\n')).toBe(
      'trace thread 1 unlocks 0x2000, which is held by trace thread 0',
    );
  });

  it('a thread that ends holding a lock', async () => {
    expect(await fails('0 lock 0x2000\n0 r 0x1000 8\n')).toBe(
      'trace thread 0 ended while holding lock 0x2000 (a lock that is never released)',
    );
  });

  it('locking a lock already held by the same thread', async () => {
    expect(await fails('0 lock 0x2000\n0 lock 0x2000\n')).toMatch(
      /trace thread 0 locks 0x2000, which it already holds/,
    );
  });

  it('two threads waiting for each other’s lock', async () => {
    const msg = await fails(
      '0 lock 0x100\n1 lock 0x200\n0 c 500\n1 c 500\n0 lock 0x200\n1 lock 0x100\n0 unlock 0x200\n0 unlock 0x100\n1 unlock 0x100\n1 unlock 0x200\n',
    );
    expect(msg).toBe(
      'deadlock: trace thread 0 waits for lock 0x200 held by trace thread 1; trace thread 1 waits for lock 0x100 held by trace thread 0',
    );
  });

  it('a thread waiting for a lock whose holder never releases it', async () => {
    // Thread 1 ends while thread 0 still spins: the holder's end is the error.
    expect(await fails('1 lock 0x100\n1 c 1000\n0 c 500\n0 lock 0x100\n')).toBe(
      'trace thread 1 ended while holding lock 0x100 (a lock that is never released)',
    );
  });
});
