// inspectTrace on a small hand-written trace: every number computed by hand (see the fixture's comments).
import { describe, expect, it } from 'vitest';
import { renderSummary } from '../../src/cli/commands/inspect.js';
import { inspectTrace, footprintStats } from '../../src/trace/inspect.js';
import { fixture } from './helpers.js';

describe('inspect summary', () => {
  it('counts threads, kinds, blocks, footprints, lines and the address range', async () => {
    const path = fixture('footprint.trace');
    const s = await inspectTrace(path);
    expect(s.format).toBe('text');
    expect(s.events).toBe(23);
    expect(s.threads).toEqual([
      { tid: 0, events: 12, atomicBlocks: 2 },
      { tid: 1, events: 7, atomicBlocks: 1 },
      { tid: 2, events: 4, atomicBlocks: 0 },
    ]);
    expect(s.byKind).toEqual({
      read: 3,
      write: 2,
      rmw: 1,
      readPrivate: 1,
      writePrivate: 1,
      compute: 1,
      begin: 5,
      end: 5,
      abort: 1,
      lock: 1,
      unlock: 0,
      sys: 0,
      ifetch: 1,
      modify: 1,
    });
    expect(s.atomic).toEqual({
      blocks: 3,
      maxDepth: 2,
      unclosed: 1,
      unmatchedEnds: 1,
      footprintLines: { mean: 8 / 3, p95: 4, max: 4 },
    });
    expect(s.sites).toEqual([{ id: 1, file: 'a.c', line: 1, fn: 'f' }]);
    expect(s.distinctLines).toBe(10);
    expect(s.distinctDataLines).toBe(9);
    expect(s.addressRange).toEqual({ min: 0x1000, max: 0x9003 });
    const text = renderSummary(s);
    expect(text).toContain('footprint in 64-byte lines: mean 2.67, p95 4, max 4');
    expect(text).toContain('atomic blocks  3 (max nesting 2, 1 unclosed, 1 unmatched ends)');
    expect(text).toContain('address range  0x1000 .. 0x9003');
  });

  it('uses the nearest-rank p95', () => {
    const values = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(footprintStats(values)).toEqual({ mean: 10.5, p95: 19, max: 20 });
    expect(footprintStats([7])).toEqual({ mean: 7, p95: 7, max: 7 });
  });
});
