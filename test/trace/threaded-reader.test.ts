// The threaded reader (used by the built CLI for files): the same events as the plain
// reader, and bad input still reported with its file and line. Runs the compiled CLI,
// since the worker exists only as compiled JavaScript (`npm test` builds first).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CG_EVENTS } from '../../src/cache/cachegrind.js';
import { parseGeometry } from '../../src/cache/geometry.js';
import { loadPreset } from '../../src/sim/machine.js';
import { replay } from '../../src/sim/replay.js';
import { openTrace } from '../../src/trace/open.js';

const cli = 'dist/src/cli/main.js';
const geometry = ['--I1=4096,2,32', '--D1=2048,2,32', '--LL=16384,4,32'];

describe('threaded trace reader (built CLI)', () => {
  it('is built', () => {
    expect(existsSync(cli), 'run `npm run build` before the tests').toBe(true);
    expect(existsSync('dist/src/trace/threaded-worker.js')).toBe(true);
  });

  it('gives the same counts as the plain reader', async () => {
    const trace = 'traces/oracle/gzip.lackey.gz';
    const out = execFileSync(process.execPath, [cli, 'replay', trace, ...geometry, '--json', '--quiet'], {
      encoding: 'utf8',
    });
    const viaWorker = JSON.parse(out) as {
      stats: Record<string, { value: number }>;
      trace: { events: number };
    };
    const reader = await openTrace(trace);
    const direct = await replay(reader, {
      mode: 'cachegrind',
      machine: loadPreset('haswell'),
      cachegrind: {
        I1: parseGeometry('4096,2,32', 'I1'),
        D1: parseGeometry('2048,2,32', 'D1'),
        LL: parseGeometry('16384,4,32', 'LL'),
        replacement: 'lru',
      },
      cores: 1,
      seed: 1,
    });
    await reader.close();
    expect(viaWorker.trace.events).toBe(direct.trace.events);
    for (const e of CG_EVENTS)
      expect(viaWorker.stats[`cachegrind.${e}`]?.value).toBe(direct.stats[`cachegrind.${e}`]?.value);
  });

  it('reports a malformed line with file:line and exit 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'txsim-thr-'));
    const bad = join(dir, 'bad.lackey');
    writeFileSync(bad, 'I  04001000,4\n L 1ffefff000,8\n S nothex,8\n');
    const r = spawnSync(process.execPath, [cli, 'replay', bad, ...geometry, '--quiet'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^txsim: ${bad}:3: `));
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
