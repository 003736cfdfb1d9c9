/**
 * The debug checker's per-step block checks are complete: on random multi-threaded traces
 * (every protocol, with and without an L2 and SMT, run-ahead on, threads starting late),
 * every block whose state changed in a step (any private copy's line or meta word, its LLC
 * line, its directory entry) is one the step logged or one of the hits the stepped thread
 * took ahead. So checking those blocks after each step finds every violation the step made.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PROTOCOL_NAMES } from '../../src/cache/coherence/types.js';
import type { BlockLog } from '../../src/cache/multicore/block-log.js';
import { DebugChecker } from '../../src/cache/multicore/checker.js';
import type { MulticoreHierarchy } from '../../src/cache/multicore/hierarchy.js';
import { INVALID } from '../../src/cache/tag-array.js';
import { churnMachine } from '../support/machine.js';
import { threadCount, traceArb } from '../support/random-trace.js';
import { runKnobs } from '../support/run.js';
import { readerOf } from '../support/trace.js';

/**
 * Demultiplexer windows: small ones start threads late, and an SMT thread that starts late
 * takes back its sibling's pending hits, on blocks no step of its own touches.
 */
const WINDOWS = fc.constantFrom(3, 8, 4096);

afterEach(() => {
  vi.restoreAllMocks();
});

/** Every block the machine knows of → a description of all its state. */
function snapshot(h: MulticoreHierarchy): Map<number, string> {
  const out = new Map<number, string>();
  const note = (block: number, what: string): void => {
    out.set(block, `${out.get(block) ?? ''}${what};`);
  };
  for (const pc of h.privates)
    for (const level of pc.levels)
      for (let i = 0; i < level.tags.lines; i++) {
        const b = level.tags.tagOf(i);
        if (b !== INVALID) note(b, `${pc.core}.${level.name}@${i}=${level.meta[i]}`);
      }
  const { llc, dir } = h.home;
  for (let l = 0; l < llc.tags.lines; l++) {
    const b = llc.tags.tagOf(l);
    if (b === INVALID) continue;
    const sharers: number[] = [];
    for (let c = dir.nextSharer(l, -1); c >= 0; c = dir.nextSharer(l, c)) sharers.push(c);
    note(b, `llc@${l} sharers ${sharers.join(',')} owner ${dir.owner(l)} dirty ${dir.isDirty(l)}`);
  }
  return out;
}

describe.each(PROTOCOL_NAMES)('%s', (protocol) => {
  it('every block a step changed was logged or taken ahead', async () => {
    let checkedSteps = 0;
    const original = DebugChecker.prototype.afterStep;
    await fc.assert(
      fc.asyncProperty(
        traceArb(4),
        fc.boolean(),
        fc.boolean(),
        WINDOWS,
        async (events, withL2, smt, window) => {
          let before: Map<number, string> | null = null;
          vi.spyOn(DebugChecker.prototype, 'afterStep').mockImplementation(function (
            this: DebugChecker,
            pending: readonly number[],
          ) {
            const self = this as unknown as { h: MulticoreHierarchy; log: BlockLog };
            const after = snapshot(self.h);
            if (before !== null && !self.log.overflowed) {
              const covered = (b: number): boolean => {
                for (let r = 0; r < self.log.count; r++)
                  if (b >= (self.log.first[r] as number) && b <= (self.log.last[r] as number)) return true;
                return pending.includes(b);
              };
              for (const b of new Set([...before.keys(), ...after.keys()]))
                if (before.get(b) !== after.get(b) && !covered(b))
                  throw new Error(`block ${b} changed unlogged: ${before.get(b)} -> ${after.get(b)}`);
              checkedSteps++;
            }
            before = after;
            original.call(this, pending);
          });
          const tpc = smt ? 2 : 1;
          const cores = Math.max(1, Math.ceil(threadCount(events) / tpc));
          // A scan budget of 4 lines: the block checks run at almost every step.
          await runKnobs(readerOf(events, 7), churnMachine(protocol, 'lru', cores, tpc, withL2), {
            debugScanLines: 4,
            windowEvents: window,
          });
          vi.restoreAllMocks();
        },
      ),
      { numRuns: 40 },
    );
    expect(checkedSteps).toBeGreaterThan(300);
  });
});
