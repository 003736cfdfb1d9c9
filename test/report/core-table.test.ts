/**
 * The text report of a multicore run: the coherence configuration and two per-core tables
 * with a total row (time and locks; coherence messages and queueing), every line within
 * 80 columns, a note naming the cores that ran no thread, and throughputs too small for
 * three decimals shown with significant digits (`-` when no cycle elapsed).
 */
import { describe, expect, it } from 'vitest';
import { renderText } from '../../src/report/text.js';
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
  it('two tables of one row per core and a total row, within 80 columns', async () => {
    const r = await replayTiny(await litmusReader('contended-lock.trace'), 4);
    const text = renderText(r, false);
    expect(text).toContain('  coherence mesi: remote forward 40, upgrade 30 cycles\n');
    expect(text).toContain('  LLC 2 bank(s) busy 2 cycles per request; memory busy 10 cycles per line\n');
    // cycles, events, ev/cycle, L1D miss, L2 miss, locks, lock wait
    expect(table(text, 'cycles')).toEqual([
      ['core0', '316', '4', '0.013', '9.8%', '-', '1', '174'],
      ['core1', '213', '4', '0.019', '60.0%', '-', '1', '0'],
      ['total', '316', '8', '0.025', '15.2%', '-', '2', '174'],
    ]);
    // GetS, GetM, Upg, Inv, Fwd, WB, BackInv, queue
    expect(table(text, 'GetS')).toEqual([
      ['core0', '3', '1', '2', '1', '2', '0', '0', '1'],
      ['core1', '2', '1', '1', '2', '3', '2', '0', '2'],
      ['total', '5', '2', '3', '3', '5', '2', '0', '3'],
    ]);
    expect(text).toContain('\nran no trace thread: cores 2-3\n');
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    // Per-core statistics are in the tables, not repeated as groups (JSON and CSV keep them all).
    expect(text).not.toMatch(/^core0\n/m);
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
