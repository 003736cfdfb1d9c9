/**
 * `inspect` counts an access of up to 2^32-1 bytes (67 M lines) as a range: quickly, and
 * within an atomic block's footprint too (a set of every line would run out of memory).
 */
import { describe, expect, it } from 'vitest';
import { inspectTrace } from '../../src/trace/inspect.js';
import { tempFile } from './helpers.js';

describe('inspect, an access over 67 M lines', () => {
  it('counts its lines in the footprint and the distinct lines', async () => {
    const path = tempFile(
      'huge.trace',
      '# txsim-trace 1\n0 begin\n0 r 0x1000 4294967295\n0 end\n0 r 0x1000 8\n1 w 0x40 8\n',
    );
    const s = await inspectTrace(path);
    // Bytes 0x1000 .. 0x1000 + 2^32 - 2: lines 64 .. 67108927.
    expect(s.atomic.footprintLines).toEqual({ mean: 2 ** 26, p95: 2 ** 26, max: 2 ** 26 });
    expect(s.distinctLines).toBe(2 ** 26 + 1);
    expect(s.distinctDataLines).toBe(2 ** 26 + 1);
  });
});
