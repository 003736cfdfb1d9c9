// The --cachegrind-out-file output: per-instruction rows that add up to the summary, in a
// file valgrind's cg_annotate opens and totals the same way.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CG_EVENTS } from '../../src/cache/cachegrind.js';
import { renderCachegrindOut } from '../../src/report/cachegrind-out.js';
import { loadPreset } from '../../src/sim/machine.js';
import { replay } from '../../src/sim/replay.js';
import { openTrace } from '../../src/trace/open.js';

const g = { size: 4096, assoc: 2, line: 32 };
const cfg = {
  I1: g,
  D1: { size: 2048, assoc: 2, line: 32 },
  LL: { size: 16384, assoc: 4, line: 32 },
  replacement: 'lru',
};

async function run() {
  const reader = await openTrace('traces/oracle/xsave.lackey.gz');
  const result = await replay(reader, {
    mode: 'cachegrind',
    machine: loadPreset('haswell'),
    cachegrind: cfg,
    cores: 1,
    seed: 1,
    perInstruction: true,
  });
  await reader.close();
  return result;
}

/** cg_annotate 3.19 prints its version and exits 255, so look at what it prints. */
function hasCgAnnotate(): boolean {
  const r = spawnSync('cg_annotate', ['--version'], { encoding: 'utf8' });
  return `${r.stdout}${r.stderr}`.includes('cg_annotate');
}

describe('cachegrind output file', () => {
  it('has per-instruction rows that sum to the summary', async () => {
    const result = await run();
    const text = renderCachegrindOut(result, cfg, 'txsim replay xsave');
    const sums = new Array<number>(CG_EVENTS.length).fill(0);
    let rows = 0;
    for (const line of text.split('\n')) {
      if (/^0 /.test(line)) {
        rows++;
        line
          .split(' ')
          .slice(1)
          .forEach((v, i) => (sums[i]! += Number(v)));
      }
    }
    const summary = /^summary: (.*)$/m.exec(text)?.[1]?.split(' ').map(Number);
    expect(rows).toBeGreaterThan(1000);
    expect(sums).toEqual(summary);
    expect(summary).toEqual(CG_EVENTS.map((e) => result.stats[`cachegrind.${e}`]?.value));
    expect(text).toMatch(/^events: Ir I1mr ILmr Dr D1mr DLmr Dw D1mw DLmw$/m);
  });

  it.runIf(hasCgAnnotate())('opens in cg_annotate with the same totals', async () => {
    const result = await run();
    const file = join(mkdtempSync(join(tmpdir(), 'txsim-cg-')), 'cachegrind.out.txsim');
    writeFileSync(file, renderCachegrindOut(result, cfg, 'txsim replay xsave'));
    const out = execFileSync('cg_annotate', [file], { encoding: 'utf8' });
    const ir = result.stats['cachegrind.Ir']?.value ?? -1;
    // cg_annotate prints the summary totals with thousands separators in its "PROGRAM TOTALS" line.
    expect(out).toContain(ir.toLocaleString('en-US'));
    expect(out).toMatch(/PROGRAM TOTALS/);
    expect(out).toMatch(/0x[0-9a-f]+/);
  });
});
