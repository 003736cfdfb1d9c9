// Exactness against valgrind's cachegrind: replaying each shipped lackey trace in the
// cachegrind mode, as it is and converted to txsim's binary format, gives exactly the nine
// counters cachegrind reported for the same program and geometry
// (traces/oracle/*.expected.json, made by scripts/cachegrind-oracle.sh).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CG_EVENTS } from '../../src/cache/cachegrind.js';
import { parseGeometry } from '../../src/cache/geometry.js';
import { loadPreset } from '../../src/sim/machine.js';
import { replay } from '../../src/sim/replay.js';
import { writeBinary } from '../../src/trace/binary-writer.js';
import { openTrace, openTraceBytes } from '../../src/trace/open.js';
import { MemorySink } from '../../src/trace/sink.js';

interface Expected {
  program: string;
  trace: string;
  geometries: { I1: string; D1: string; LL: string; counts: Record<string, number> }[];
}

const dir = 'traces/oracle';
const cases = readdirSync(dir)
  .filter((f) => f.endsWith('.expected.json'))
  .flatMap((f) => {
    const e = JSON.parse(readFileSync(join(dir, f), 'utf8')) as Expected;
    return e.geometries.map((g) => ({
      name: `${e.program} I1=${g.I1} D1=${g.D1} LL=${g.LL}`,
      trace: join(dir, e.trace),
      g,
    }));
  });

/** The trace converted to txsim's binary format, in memory. */
async function toBinary(path: string): Promise<Buffer> {
  const reader = await openTrace(path);
  const sink = new MemorySink();
  try {
    await writeBinary({ sites: reader.sites, next: () => reader.next() }, sink);
  } finally {
    await reader.close();
  }
  return sink.bytes();
}

describe('cachegrind oracle', () => {
  it('has at least two programs with two geometries each', () => {
    expect(new Set(cases.map((c) => c.trace)).size).toBeGreaterThanOrEqual(2);
    expect(cases.length).toBeGreaterThanOrEqual(4);
  });

  it.each(
    cases.flatMap((c) => [
      { ...c, binary: false },
      { ...c, binary: true },
    ]),
  )('$name matches cachegrind exactly (binary: $binary)', async ({ trace, g, binary }) => {
    // The binary copy takes the fused decode-and-count path (cache/cachegrind-binary.ts).
    const reader = binary ? await openTraceBytes('t.txb', await toBinary(trace)) : await openTrace(trace);
    const result = await replay(reader, {
      mode: 'cachegrind',
      machine: loadPreset('haswell'),
      cachegrind: {
        I1: parseGeometry(g.I1, 'I1'),
        D1: parseGeometry(g.D1, 'D1'),
        LL: parseGeometry(g.LL, 'LL'),
        replacement: 'lru',
      },
      cores: 1,
      seed: 1,
    });
    await reader.close();
    const got = Object.fromEntries(CG_EVENTS.map((e) => [e, result.stats[`cachegrind.${e}`]?.value]));
    expect(got).toEqual(g.counts);
  });
});
