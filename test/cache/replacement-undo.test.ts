// Undoable touches (the policy contract): touches of valid lines taken with touchSaving and
// restored newest first, with invalidations of other lines in between, leave a tag array of
// every policy and associativity evicting exactly what a twin that never made them evicts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REPLACEMENT_NAMES } from '../../src/cache/replacement/policy.js';
import { INVALID, TagArray } from '../../src/cache/tag-array.js';
import { Rng } from '../../src/util/rng.js';

const SETS = 2;

/** Blocks evicted while every set takes 2 × assoc new blocks (and the line each used). */
function evictions(t: TagArray, assoc: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < 2 * assoc; k++)
    for (let s = 0; s < SETS; s++) {
      out.push(t.fill(1000 + k * SETS + s), t.evicted);
    }
  return out;
}

describe('replacement policies: undoable touches', () => {
  it('restoring touches newest first evicts what never touching evicts', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...REPLACEMENT_NAMES),
        fc.constantFrom(2, 4, 8, 16),
        fc.array(fc.nat(40), { maxLength: 60 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 20 }),
        fc.array(fc.nat(), { maxLength: 5 }),
        (name, assoc, history, taken, dropped) => {
          const make = () =>
            new TagArray({ size: SETS * assoc * 64, assoc, line: 64 }, name, new Rng(7), 'L1D');
          const t = make();
          const twin = make();
          for (const b of history) {
            t.reference(b);
            twin.reference(b);
          }
          const valid = Array.from({ length: t.lines }, (_, l) => l).filter((l) => t.tagOf(l) !== INVALID);
          fc.pre(valid.length > 0);
          const touched = taken.map((k) => valid[k % valid.length] as number);
          const tokens = touched.map((l) => t.policy.touchSaving(l));
          // Invalidations of lines the undone touches did not touch commute with them.
          for (const l of dropped.map((k) => valid[k % valid.length] as number)) {
            if (touched.includes(l) || t.tagOf(l) === INVALID) continue;
            t.invalidate(l);
            twin.invalidate(l);
          }
          for (let k = touched.length - 1; k >= 0; k--)
            t.policy.restore(touched[k] as number, tokens[k] as number);
          expect(evictions(t, assoc)).toEqual(evictions(twin, assoc));
        },
      ),
      { numRuns: 300 },
    );
  });
});
