/**
 * A directory entry packs a line's sharer bits, owner and LLC dirty bit into one word (up
 * to 16 cores) or adjacent words: each field keeps its own value whatever is done to the
 * others, on lines next to each other, with 1, 16 (one word, the highest core's owner
 * number filling the owner field's 5th bit), 17 and 32 (one sharer word) and 64 cores (two).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Directory } from '../../src/cache/multicore/directory.js';

type Step =
  | { op: 'add' | 'remove'; line: number; core: number }
  | { op: 'owner'; line: number; core: number }
  | { op: 'dropOwner'; line: number; core: number }
  | { op: 'dirty'; line: number; dirty: boolean };

const LINES = 3;

function steps(cores: number): fc.Arbitrary<Step[]> {
  const line = fc.integer({ min: 0, max: LINES - 1 });
  // The highest core (the top sharer bit, the largest owner number) twice as often.
  const core = fc.oneof(fc.integer({ min: 0, max: cores - 1 }), fc.constant(cores - 1));
  return fc.array(
    fc.oneof(
      fc.record({ op: fc.constantFrom('add' as const, 'remove' as const), line, core }),
      fc.record({ op: fc.constant('owner' as const), line, core }),
      fc.record({ op: fc.constant('dropOwner' as const), line, core }),
      fc.record({ op: fc.constant('dirty' as const), line, dirty: fc.boolean() }),
    ),
    { maxLength: 80 },
  );
}

describe('Directory entry fields', () => {
  for (const cores of [1, 16, 17, 32, 64]) {
    it(`keeps sharers, owner and dirty bit apart (${cores} cores)`, () => {
      fc.assert(
        fc.property(steps(cores), (script) => {
          const d = new Directory(LINES, cores);
          const sharers = Array.from({ length: LINES }, () => new Set<number>());
          const owner = new Array<number>(LINES).fill(-1);
          const dirty = new Array<boolean>(LINES).fill(false);
          for (const s of script) {
            switch (s.op) {
              case 'add':
                d.addSharer(s.line, s.core);
                sharers[s.line]!.add(s.core);
                break;
              case 'remove':
                d.removeSharer(s.line, s.core);
                sharers[s.line]!.delete(s.core);
                break;
              case 'owner':
                d.setOwner(s.line, s.core);
                owner[s.line] = s.core;
                break;
              case 'dropOwner':
                d.dropOwner(s.line, s.core);
                if (owner[s.line] === s.core) owner[s.line] = -1;
                break;
              case 'dirty':
                d.setDirty(s.line, s.dirty);
                dirty[s.line] = s.dirty;
                break;
            }
            for (let l = 0; l < LINES; l++) {
              const seen: number[] = [];
              for (let c = d.nextSharer(l, -1); c >= 0; c = d.nextSharer(l, c)) seen.push(c);
              expect(seen).toEqual([...sharers[l]!].sort((a, b) => a - b));
              for (const c of [0, cores - 1]) {
                expect(d.isSharer(l, c)).toBe(sharers[l]!.has(c));
                expect(d.othersHold(l, c)).toBe([...sharers[l]!].some((x) => x !== c));
              }
              expect(d.owner(l)).toBe(owner[l]);
              expect(d.isDirty(l)).toBe(dirty[l]);
            }
          }
        }),
      );
    });
  }
});
