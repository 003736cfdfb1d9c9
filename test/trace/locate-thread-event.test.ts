/**
 * Finding an event again by its trace thread and number (trace/locate.ts): in text, the
 * line it is written on, whatever comments and blank lines come between, one at a time
 * or many at once; in binary, the byte offset of its encoding, increasing through the
 * file, across chunk records.
 */
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHUNK_HEADER_BYTES, FILE_HEADER_BYTES } from '../../src/trace/binary-format.js';
import { convertTrace } from '../../src/trace/convert.js';
import { locateThreadEvents } from '../../src/trace/locate.js';
import type { ThreadEventRef } from '../../src/util/errors.js';
import { tempDir } from './helpers.js';

const dir = tempDir();

/** Where one event is. */
async function locateOne(file: string, format: 'text' | 'binary', ref: ThreadEventRef) {
  return (await locateThreadEvents(file, format, [ref]))[0];
}
let files = 0;

/** A text trace line: an event of a thread (0..3), or a comment or a blank line. */
const line = fc.oneof(
  fc.record({ tid: fc.nat(3), op: fc.constantFrom('r', 'w', 'c') }),
  fc.constantFrom('# a comment', ''),
);

/** Each event of `lines` (as written after the header): its thread, its number in that thread, its line. */
function eventsOf(
  lines: readonly (string | { tid: number; op: string })[],
): { tid: number; index: number; line: number }[] {
  const count = [0, 0, 0, 0];
  const out: { tid: number; index: number; line: number }[] = [];
  lines.forEach((l, k) => {
    if (typeof l !== 'string') out.push({ tid: l.tid, index: count[l.tid]!++, line: k + 2 });
  });
  return out;
}

function writeText(lines: readonly (string | { tid: number; op: string })[]): string {
  const file = join(dir, `t${files++}.trace`);
  const body = lines.map((l, k) =>
    typeof l === 'string'
      ? l
      : l.op === 'c'
        ? `${l.tid} c ${k + 1}`
        : `${l.tid} ${l.op} 0x${(64 * k).toString(16)} 8`,
  );
  writeFileSync(file, `# txsim-trace 1\n${body.join('\n')}\n`);
  return file;
}

describe('locating an event by its thread and number', () => {
  it('text: the line of the event', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 25 }), async (lines) => {
        const events = eventsOf(lines);
        fc.pre(events.length > 0);
        const file = writeText(lines);
        for (const e of events)
          expect(await locateOne(file, 'text', { tid: e.tid, index: e.index })).toEqual({
            file,
            line: e.line,
          });
        // An event the thread does not have.
        expect(await locateOne(file, 'text', { tid: 0, index: events.length })).toBeNull();
        // All at once, in another order, with one the trace does not have.
        const refs = [
          ...events.map((e) => ({ tid: e.tid, index: e.index })).reverse(),
          { tid: 3, index: 99 },
        ];
        expect(await locateThreadEvents(file, 'text', refs)).toEqual([
          ...events.map((e) => ({ file, line: e.line })).reverse(),
          null,
        ]);
      }),
      { numRuns: 40 },
    );
  });

  it('binary: byte offsets of the events, in trace order, across chunk records', async () => {
    const lines = Array.from({ length: 7 }, (_, k) => ({ tid: k % 2, op: k % 3 === 0 ? 'w' : 'r' }));
    const text = writeText(lines);
    const binary = join(dir, 'events.txb');
    await convertTrace(text, binary, { chunkEvents: 3 });
    const offsets: number[] = [];
    for (const e of eventsOf(lines)) {
      const where = await locateOne(binary, 'binary', { tid: e.tid, index: e.index });
      expect(where?.file).toBe(binary);
      offsets.push(where?.byteOffset ?? -1);
    }
    // The first event follows the file header, its chunk's header and its empty site table
    // (a one-byte count: docs/trace-format.md).
    expect(offsets[0]).toBe(FILE_HEADER_BYTES + CHUNK_HEADER_BYTES + 1);
    for (let k = 1; k < offsets.length; k++) expect(offsets[k]).toBeGreaterThan(offsets[k - 1]!);
    // Events 3 and 6 start chunk records: a chunk header lies between them and the event before.
    expect(offsets[3]! - offsets[2]!).toBeGreaterThan(CHUNK_HEADER_BYTES);
    expect(offsets[6]!).toBeLessThan(statSync(binary).size);
  });
});
