/**
 * A gzip file of many small members (bgzip, or gzip files concatenated) reads as the
 * concatenation of their data, whether a member ends inside the block in hand (inflated
 * at once) or runs past it (streamed).
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { GZIP_IN_BLOCK, gunzipSource } from '../../src/trace/gunzip.js';
import { MemorySource } from '../../src/trace/source.js';
import { drain } from './helpers.js';

describe('gzip members', () => {
  it('many small ones, and large ones that cross input blocks, read in order', async () => {
    const texts: Buffer[] = [];
    for (let i = 0; i < 300; i++)
      texts.push(Buffer.from(`0 r 0x${(i * 64).toString(16)} 8\n`.repeat(1 + (i % 7))));
    // Two members larger than an input block when compressed (stored, level 0).
    const big = Buffer.alloc(GZIP_IN_BLOCK + 1000, 0x61);
    const members = [...texts.slice(0, 150), big, ...texts.slice(150), big];
    const gz = Buffer.concat(members.map((m, i) => gzipSync(m, { level: m === big ? 0 : 1 + (i % 9) })));
    expect((await drain(gunzipSource(new MemorySource('m.gz', gz)))).equals(Buffer.concat(members))).toBe(
      true,
    );
  });
});
