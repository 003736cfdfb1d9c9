// Exactness against valgrind's cachegrind: replaying each shipped lackey trace in the
// cachegrind mode gives exactly the nine counters cachegrind reported for the same program
// and geometry (traces/oracle/*.expected.json, made by scripts/cachegrind-oracle.sh).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CG_EVENTS } from '../../src/cache/cachegrind.js';
import { parseGeometry } from '../../src/cache/geometry.js';
import { loadPreset } from '../../src/sim/machine.js';
import { replay } from '../../src/sim/replay.js';
import { openTrace } from '../../src/trace/open.js';

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

describe('cachegrind oracle', () => {
  it('has at least two programs with two geometries each', () => {
    expect(new Set(cases.map((c) => c.trace)).size).toBeGreaterThanOrEqual(2);
    expect(cases.length).toBeGreaterThanOrEqual(4);
  });

  it.each(cases)('$name matches cachegrind exactly', async ({ trace, g }) => {
    const reader = await openTrace(trace);
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
