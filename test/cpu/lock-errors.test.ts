/**
 * Lock misuse and deadlocks end the run with a clear InputError instead of hanging, located
 * at the trace line of the event at fault (found by re-reading the file); a trace that
 * cannot be read again names the event by its number instead.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openTrace } from '../../src/trace/open.js';
import type { TraceReader } from '../../src/trace/reader.js';
import { InputError } from '../../src/util/errors.js';
import { denseAddressing } from '../../src/sim/multicore.js';
import { testMachine } from '../support/machine.js';
import { run } from '../support/run.js';
import { textReader } from '../support/trace.js';
import { tempDir } from '../trace/helpers.js';

const dir = tempDir();
let files = 0;

const machine = testMachine({ cores: 2 });

/** The message of the InputError that running `reader` on 2 cores ends with. */
async function failure(reader: TraceReader): Promise<string> {
  try {
    await run(reader, machine);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  } finally {
    await reader.close();
  }
  throw new Error('the run did not fail');
}

/**
 * Runs `body` (after the header, a comment and a blank line) from a file; returns the
 * message and the file. The message must be the same on dense addresses (trace/dense.ts).
 */
async function fails(body: string): Promise<{ message: string; file: string }> {
  const file = join(dir, `t${files++}.trace`);
  writeFileSync(file, `# txsim-trace 1\n# lines of events start at 4\n\n${body}`);
  const message = await failure(await openTrace(file));
  const dense = denseAddressing(machine) ?? undefined;
  expect(await failure(await openTrace(file, { dense }))).toBe(message);
  return { message, file };
}

describe('lock errors', () => {
  it('unlock of a lock nobody holds', async () => {
    const { message, file } = await fails('0 r 0x1000 8\n0 unlock 0x2000\n');
    expect(message).toBe(`${file}:5: trace thread 0 unlocks 0x2000, which is not held`);
  });

  it('unlock by a thread that does not hold the lock', async () => {
    const { message, file } = await fails(
      '0 lock 0x2000\n1 c 500\n1 unlock 0x2000\n0 c 1000\n0 unlock 0x2000\n',
    );
    expect(message).toBe(`${file}:6: trace thread 1 unlocks 0x2000, which is held by trace thread 0`);
  });

  it('a thread that ends holding a lock: the line of the lock event that took it', async () => {
    const { message, file } = await fails('0 lock 0x3000\n0 unlock 0x3000\n0 lock 0x2000\n0 r 0x1000 8\n');
    expect(message).toBe(
      `${file}:6: trace thread 0 ended while holding lock 0x2000, taken here and never released`,
    );
  });

  it('a lock word that straddles two cache lines (a split lock)', async () => {
    // The word is 4 bytes: at 0x3e it covers 0x3e..0x41, across the 64-byte line at 0x40.
    const { message, file } = await fails('0 r 0x1000 8\n0 lock 0x3e\n0 unlock 0x3e\n');
    expect(message).toBe(
      `${file}:5: trace thread 0 locks 0x3e: its 4-byte lock word straddles two 64-byte cache lines (a split lock, not modelled)`,
    );
  });

  it('a lock word past the largest address', async () => {
    const { message, file } = await fails('0 unlock 0x1ffffffffffffd\n');
    expect(message).toBe(
      `${file}:4: trace thread 0 unlocks 0x1ffffffffffffd: its 4-byte lock word runs past the largest supported address 0x1fffffffffffff (2^53-1)`,
    );
  });

  it('locking a lock already held by the same thread', async () => {
    const { message, file } = await fails('0 lock 0x2000\n1 r 0x40 8\n0 lock 0x2000\n');
    expect(message).toBe(
      `${file}:6: trace thread 0 locks 0x2000, which it already holds (locks are not recursive)`,
    );
  });

  it('two threads waiting for each other’s lock: the first waiter’s lock, and the other’s line', async () => {
    const { message, file } = await fails(
      '0 lock 0x100\n1 lock 0x200\n0 c 500\n1 c 500\n0 lock 0x200\n1 lock 0x100\n0 unlock 0x200\n0 unlock 0x100\n1 unlock 0x100\n1 unlock 0x200\n',
    );
    expect(message).toBe(
      `${file}:8: deadlock: trace thread 0 waits here for lock 0x200 held by trace thread 1; trace thread 1 waits at line 9 for lock 0x100 held by trace thread 0`,
    );
  });

  it('a thread waiting for a lock whose holder never releases it', async () => {
    // Thread 1 ends while thread 0 still spins: the holder's end is the error.
    const { message, file } = await fails('1 lock 0x100\n1 c 1000\n0 c 500\n0 lock 0x100\n');
    expect(message).toBe(
      `${file}:4: trace thread 1 ended while holding lock 0x100, taken here and never released`,
    );
  });

  it('a trace that cannot be read again: the event by its number', async () => {
    const reader = await textReader('# txsim-trace 1\n0 r 0x1000 8\n1 c 5\n0 unlock 0x2000\n', '<memory>');
    expect(await failure(reader)).toBe(
      '<memory>: trace thread 0 unlocks 0x2000, which is not held (at event 2 of trace thread 0)',
    );
    const deadlock = await textReader(
      '# txsim-trace 1\n0 lock 0x100\n1 lock 0x200\n0 c 500\n1 c 500\n0 lock 0x200\n1 lock 0x100\n',
      '<memory>',
    );
    expect(await failure(deadlock)).toBe(
      '<memory>: deadlock: trace thread 0 waits here for lock 0x200 held by trace thread 1; trace thread 1 waits at its event 3 for lock 0x100 held by trace thread 0 (at event 3 of trace thread 0)',
    );
  });
});
