// Undoable touches (the policy contract): touches taken with touchSaving and restored
// newest first, with invalidations of other lines in between, leave every policy choosing
// exactly the victims of a twin that never made them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createReplacement } from '../../src/cache/replacement/index.js';
import { REPLACEMENT_NAMES, type ReplacementPolicy } from '../../src/cache/replacement/policy.js';
import { Rng } from '../../src/util/rng.js';

const SETS = 2;

/** The next `assoc` victims of every set, each filled again as it is chosen. */
function victims(p: ReplacementPolicy, assoc: number): number[] {
  const out: number[] = [];
  for (let s = 0; s < SETS; s++)
    for (let k = 0; k < assoc; k++) {
      const v = p.victim(s);
      out.push(v);
      p.insert(v);
    }
  return out;
}

describe('replacement policies: undoable touches', () => {
  it('restoring touches newest first gives the victims of never touching', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...REPLACEMENT_NAMES),
        fc.constantFrom(2, 4, 8),
        fc.array(fc.nat(), { maxLength: 40 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 20 }),
        fc.array(fc.nat(), { maxLength: 5 }),
        (name, assoc, history, taken, invalidated) => {
          const lines = SETS * assoc;
          const make = () => createReplacement(name, SETS, assoc, new Rng(7), 'L1D');
          const p = make();
          const twin = make();
          for (const h of history) {
            p.touch(h % lines);
            twin.touch(h % lines);
          }
          const touched = taken.map((t) => t % lines);
          const tokens = touched.map((l) => p.touchSaving(l));
          // Invalidations of lines the undone touches did not touch commute with them.
          for (const i of invalidated.map((x) => x % lines).filter((l) => !touched.includes(l))) {
            p.invalidate(i);
            twin.invalidate(i);
          }
          for (let k = touched.length - 1; k >= 0; k--) p.restore(touched[k] as number, tokens[k] as number);
          expect(victims(p, assoc)).toEqual(victims(twin, assoc));
        },
      ),
    );
  });
});
