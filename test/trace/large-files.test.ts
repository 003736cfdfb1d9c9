// Traces larger than the 4 MiB read buffer read back completely from files: lines and
// binary chunks that straddle read blocks, buffer compaction and growth.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeBinary } from '../../src/trace/binary-writer.js';
import { Op } from '../../src/trace/events.js';
import { openTrace } from '../../src/trace/open.js';
import { openFileSink } from '../../src/trace/sink.js';
import { readAll, sourceOf, tempDir, type Ev } from './helpers.js';

function events(n: number): Ev[] {
  const out: Ev[] = [];
  for (let i = 0; i < n; i++) {
    const tid = (i >> 7) % 3;
    if (i % 2 === 0) out.push({ op: Op.ifetch, tid, addr: 0x4000000 + i * 3, size: 1 + (i % 15), site: -1 });
    else
      out.push({
        op: i % 6 === 1 ? Op.read : Op.write,
        tid,
        addr: (i % 10 === 3 ? 0x7fff0000 : 0x1ffeff0000) + i,
        size: 8,
        site: -1,
      });
  }
  return out;
}

describe('large files', () => {
  it('reads a 9 MiB text trace from a file', async () => {
    const evs = events(450_000);
    const lines = evs.map(
      (e) =>
        `${e.tid} ${e.op === Op.ifetch ? 'i' : e.op === Op.read ? 'r' : 'w'} 0x${e.addr.toString(16)} ${e.size}`,
    );
    const path = join(tempDir(), 'big.trace');
    writeFileSync(path, `# txsim-trace 1\n${lines.join('\n')}\n`);
    expect((await readAll(await openTrace(path, { chunkEvents: 10_007 }))).events).toEqual(evs);
  });

  it('reads a binary trace with chunks larger than a read block from a file', async () => {
    const evs = events(1_800_000); // about 4.5 MB
    const path = join(tempDir(), 'big.txb');
    await writeBinary(sourceOf(evs, [], 65536), await openFileSink(path), { chunkEvents: 700_000 });
    const back = await readAll(await openTrace(path));
    expect(back.events.length).toBe(evs.length);
    const firstDiff = back.events.findIndex((e, i) => JSON.stringify(e) !== JSON.stringify(evs[i]));
    expect(firstDiff).toBe(-1);
  });
});
