/** The per-thread ring buffer is a FIFO through wrap-around and growth. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../src/cpu/event-queue.js';
import { createChunk } from '../../src/trace/events.js';

describe('EventQueue', () => {
  it('returns events in order whatever the interleaving of appends and pops', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 90 }), fc.constant(-1)), { maxLength: 300 }),
        (script) => {
          const q = new EventQueue(4);
          const chunk = createChunk(96); // runs of 64 and more are block copies
          const model: number[] = [];
          let next = 0;
          for (const n of script) {
            if (n < 0) {
              if (model.length === 0) continue;
              const want = model.shift() as number;
              expect([q.op[q.head], q.addr[q.head], q.size[q.head]]).toEqual([
                want % 14,
                want * 64,
                want + 1,
              ]);
              q.shift();
            } else {
              // Append events 3 .. 3+n-1 of a chunk: the run need not start at the chunk's beginning.
              for (let i = 0; i < n; i++, next++) {
                chunk.op[3 + i] = next % 14;
                chunk.addr[3 + i] = next * 64;
                chunk.size[3 + i] = next + 1;
                model.push(next);
              }
              q.append(chunk, 3, 3 + n);
            }
            expect(q.count).toBe(model.length);
          }
        },
      ),
    );
  });
});
