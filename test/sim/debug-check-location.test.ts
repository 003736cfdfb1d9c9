/**
 * A failed debug check (a simulator bug) is reported as one, with the trace line of the
 * event that ran last, its thread, core and cycle, so the failure can be reproduced.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { St } from '../../src/cache/coherence/compile.js';
import { MulticoreHierarchy } from '../../src/cache/multicore/hierarchy.js';
import { STATE_BITS } from '../../src/cache/multicore/private-caches.js';
import { InputError } from '../../src/util/errors.js';
import { openTrace } from '../../src/trace/open.js';
import { testMachine } from '../support/machine.js';
import { run } from '../support/run.js';
import { tempDir } from '../trace/helpers.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('a failed debug check', () => {
  it('names the trace line, thread, core and cycle of the last event', async () => {
    const file = join(tempDir(), 'shared.trace');
    writeFileSync(file, '# txsim-trace 1\n0 r 0x1000 8\n1 r 0x1000 8\n');
    // Break the hierarchy on purpose: after core 1's read, core 0's copy claims M.
    const access = MulticoreHierarchy.prototype.access;
    vi.spyOn(MulticoreHierarchy.prototype, 'access').mockImplementation(function (
      this: MulticoreHierarchy,
      ...args: Parameters<typeof access>
    ) {
      const cycles = access.apply(this, args);
      if (args[0] === 1) {
        const l1d = this.privates[0]!.l1d;
        const line = l1d.find(0x1000 / 64);
        l1d.meta[line] = ((l1d.meta[line] as number) & ~STATE_BITS) | St.M;
      }
      return cycles;
    });
    const reader = await openTrace(file);
    let error: unknown;
    try {
      await run(reader, testMachine({ cores: 2 }));
    } catch (e) {
      error = e;
    } finally {
      await reader.close();
    }
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(InputError);
    const message = (error as Error).message;
    expect(message).toMatch(
      /^coherence invariant violated:\n {2}I1 block 64: a core may write it while 2 cores hold it\n/,
    );
    expect(message).toMatch(
      new RegExp(`\\n {2}after ${file}:3: trace thread 1's event on core 1, its clock at cycle \\d+$`),
    );
  });
});
