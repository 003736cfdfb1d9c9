/**
 * LineSet counts the union of single lines and of ranges (runs of RANGE_LINES lines or
 * more are kept whole): the same as adding every line one by one.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineSet, RANGE_LINES } from '../../src/trace/line-set.js';

describe('LineSet with ranges', () => {
  it('counts the union of lines and ranges like a plain set', () => {
    const span = fc.tuple(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 3 * RANGE_LINES }));
    fc.assert(
      fc.property(fc.array(span, { maxLength: 40 }), (spans) => {
        const set = new LineSet(64);
        const plain = new Set<number>();
        for (const [first, n] of spans) {
          set.addRange(first, first + n);
          for (let v = first; v <= first + n; v++) plain.add(v);
        }
        expect(set.size).toBe(plain.size);
      }),
    );
  });

  it('keeps a 2^26-line range as one range', () => {
    const set = new LineSet(64);
    set.addRange(64, 64 + 2 ** 26 - 1);
    set.add(10);
    set.add(100); // inside the range
    expect(set.size).toBe(2 ** 26 + 1);
  });
});
