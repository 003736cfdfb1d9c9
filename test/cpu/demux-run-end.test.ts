/**
 * The demultiplexer's galloping search finds where a thread's run ends in a grouped window
 * part (each thread's events contiguous) exactly where a linear scan does.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runEnd } from '../../src/cpu/demux.js';

describe('runEnd', () => {
  it('ends each run of a grouped part where the linear scan does', () => {
    fc.assert(
      fc.property(
        // A part: runs of distinct threads, 1 to 3000 events each, then events of other parts after it.
        fc.uniqueArray(fc.integer({ min: 0, max: 65535 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.integer({ min: 1, max: 3000 }), { minLength: 8, maxLength: 8 }),
        fc.array(fc.integer({ min: 0, max: 65535 }), { maxLength: 20 }),
        (threads, lengths, after) => {
          const tid: number[] = [];
          const starts: number[] = [];
          threads.forEach((t, k) => {
            starts.push(tid.length);
            for (let n = 0; n < (lengths[k] as number); n++) tid.push(t);
          });
          const limit = tid.length;
          const column = Uint16Array.from([...tid, ...after]);
          for (const i of starts) {
            let j = i + 1;
            while (j < limit && column[j] === column[i]) j++;
            expect(runEnd(column, i, limit)).toBe(j);
          }
        },
      ),
    );
  });
});
