/**
 * The text report of a multicore run: the coherence configuration and per-core tables with
 * a total row (time and miss rates per level; coherence messages and queueing; spin locks
 * when a thread took one), every line within 80 columns, a note naming the cores that ran no thread, and throughputs too small for
 * three decimals shown with significant digits (`-` when no cycle elapsed).
 */
import { describe, expect, it } from 'vitest';
import { short } from '../../src/report/core-table.js';
import { renderText } from '../../src/report/text.js';
import { loadPreset } from '../../src/sim/machine.js';
import { replay } from '../../src/sim/replay.js';
import { replayTiny } from '../support/run.js';
import { litmusReader, textReader } from '../support/trace.js';

/** The rows of the table whose header starts with `first` (its core and total rows). */
function table(text: string, first: string): string[][] {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.trimStart().startsWith(first));
  const rows: string[][] = [];
  for (const l of lines.slice(at + 1)) {
    if (!/^(core\d+|total) /.test(l)) break;
    rows.push(l.split(/\s+/));
  }
  return rows;
}

describe('text report, multicore', () => {
  it('tables of one row per core and a total row, within 80 columns', async () => {
    const r = await replayTiny(await litmusReader('contended-lock.trace'), 4);
    const text = renderText(r, false);
    expect(text).toContain('  coherence mesi: remote forward 40, upgrade 30 cycles\n');
    expect(text).toContain('  LLC 2 bank(s) busy 2 cycles per request; memory busy 10 cycles per line\n');
    // cycles, events, ev/cycle, L1D miss, LLC miss (no L2 column: the tiny preset has
    // none): core0's 4 requests (GetS 3, GetM 1) missed once, core1's 3 once
    expect(table(text, 'cycles')).toEqual([
      ['core0', '316', '4', '0.013', '9.8%', '25.0%'],
      ['core1', '213', '4', '0.019', '60.0%', '33.3%'],
      ['total', '316', '8', '0.025', '15.2%', '28.6%'],
    ]);
    // GetS, GetM, Upg, Inv, Fwd, WB, BackInv, queue
    expect(table(text, 'GetS')).toEqual([
      ['core0', '3', '1', '2', '1', '2', '0', '0', '1'],
      ['core1', '2', '1', '1', '2', '3', '2', '0', '2'],
      ['total', '5', '2', '3', '3', '5', '2', '0', '3'],
    ]);
    // locks, lock wait, test loads, failed RMW
    expect(table(text, 'locks')).toEqual([
      ['core0', '1', '174', '36', '1'],
      ['core1', '1', '0', '1', '0'],
      ['total', '2', '174', '37', '1'],
    ]);
    expect(text).toContain('\nran no trace thread: cores 2-3\n');
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    // Per-core statistics are in the tables, not repeated as groups (JSON and CSV keep them all).
    expect(text).not.toMatch(/^core0\n/m);
  });

  it('an L1I column only when a core fetched, an L2 column only with an L2, a lock table only when a thread took a lock', async () => {
    const header = (text: string): string | undefined =>
      text.split('\n').find((l) => l.trimStart().startsWith('cycles'));
    // The Haswell preset has an L2; the tiny one has none.
    const haswell = await replay(await textReader('# txsim-trace 1\n0 r 0x40 8\n'), {
      mode: 'writeback',
      machine: loadPreset('haswell'),
      cores: 1,
      seed: 1,
    });
    const plain = renderText(haswell, false);
    expect(
      header(plain)
        ?.trim()
        .split(/\s{2,}/),
    ).toEqual(['cycles', 'events', 'ev/cycle', 'L1D miss', 'L2 miss', 'LLC miss']);
    expect(plain).not.toMatch(/^ +locks /m);
    const fetched = renderText(
      await replayTiny(await textReader('# txsim-trace 1\n0 i 0x1000 4\n0 i 0x1004 4\n0 r 0x40 8\n'), 1),
      false,
    );
    expect(
      header(fetched)
        ?.trim()
        .split(/\s{2,}/),
    ).toEqual(['cycles', 'events', 'ev/cycle', 'L1I miss', 'L1D miss', 'LLC miss']);
    // The first fetch misses, the second hits the same line.
    expect(table(fetched, 'cycles')[0]?.slice(4, 5)).toEqual(['50.0%']);
  });

  it('counts that would not fit 80 columns are shortened to 3 digits and a unit, with a note', async () => {
    const r = await replayTiny(await litmusReader('contended-lock.trace'), 2);
    const scaled = (name: string, value: number) => [name, { ...r.stats[name], value }] as const;
    const big = {
      ...r,
      stats: {
        ...r.stats,
        ...Object.fromEntries([
          scaled('core0.coherence.gets', 81_499),
          scaled('core1.coherence.gets', 999_600),
          scaled('coherence.gets', 1_081_099),
          scaled('core0.queue_cycles', 2_480_000_000),
          scaled('total.queue_cycles', 73_612_345_678_901),
          scaled('core0.coherence.forwards', 9_999),
          scaled('coherence.invalidations', 1_030_000),
          scaled('coherence.writebacks', 686_000),
          scaled('coherence.back_invalidations', 1_140_000),
        ]),
      },
    } as typeof r;
    const text = renderText(big, false);
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    // GetS, GetM, Upg, Inv, Fwd, WB, BackInv, queue: below 10,000 a count stays exact
    expect(table(text, 'GetS')).toEqual([
      ['core0', '81.5k', '1', '2', '1', '9,999', '0', '0', '2.48G'],
      ['core1', '1.00M', '1', '1', '2', '3', '2', '0', '2'],
      ['total', '1.08M', '2', '3', '1.03M', '5', '686k', '1.14M', '73.6T'],
    ]);
    expect(text).toContain('\ncounts in k = 10^3, M = 10^6, G = 10^9, T = 10^12');
    // The time table fits with exact counts, and no note is needed without shortening.
    expect(table(text, 'cycles')[0]?.[1]).toBe('316');
    expect(renderText(r, false)).not.toContain('counts in k');
  });

  it('shortened counts: 3 significant digits up to P, rounding into the next unit', () => {
    expect([9_999, 10_000, 999_499, 999_500, 999.5e12, 1.59e15, 1e18].map(short)).toEqual([
      '9,999',
      '10.0k',
      '999k',
      '1.00M',
      '1.00P',
      '1.59P',
      '1,000P',
    ]);
  });

  it('a small throughput keeps significant digits; none without cycles', async () => {
    const r = await replayTiny(
      await textReader('# txsim-trace 1\n0 c 100000\n0 begin\n0 end\n1 begin\n1 end\n'),
      2,
    );
    const rows = table(renderText(r, false), 'cycles');
    expect(rows[0]?.slice(0, 4)).toEqual(['core0', '100,000', '3', '0.0000300']);
    expect(rows[1]?.slice(0, 4)).toEqual(['core1', '0', '2', '-']);
  });
});
