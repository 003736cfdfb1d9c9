/**
 * The multicore part of the text report: the coherence and timing configuration, and one
 * row per core (plus a total row) with cycles, throughput, miss rates, coherence messages,
 * queueing and locks, and a note per core that started late (its throughput counts from
 * its start). Pure: reads only the result's configuration and statistics; idle cores (no
 * events) are left out of the table but not of JSON or CSV.
 */
import type { ReplayResult } from '../sim/replay.js';

const COLUMNS: readonly (readonly [string, (v: (k: string) => number) => string])[] = [
  ['cycles', (v) => int(v('cycles'))],
  ['events', (v) => int(v('events'))],
  ['ev/cycle', (v) => v('ops_per_cycle').toFixed(3)],
  [
    'L1D miss',
    (v) =>
      rate(v('l1d.load.misses') + v('l1d.store.misses'), v('l1d.load.accesses') + v('l1d.store.accesses')),
  ],
  ['L2 miss', (v) => rate(v('l2.load.misses'), v('l2.load.accesses'))],
  ['GetS', (v) => int(v('coherence.gets'))],
  ['GetM', (v) => int(v('coherence.getm'))],
  ['Upg', (v) => int(v('coherence.upgrades'))],
  ['Inv', (v) => int(v('coherence.invalidations'))],
  ['Fwd', (v) => int(v('coherence.forwards'))],
  ['WB', (v) => int(v('coherence.writebacks'))],
  ['BackInv', (v) => int(v('coherence.back_invalidations'))],
  ['queue', (v) => int(v('queue_cycles'))],
  ['locks', (v) => int(v('lock.acquisitions'))],
  ['lock wait', (v) => int(v('lock.wait_cycles'))],
];

/** Lines describing the coherence configuration and the per-core table (empty for cachegrind mode). */
export function coreTable(result: ReplayResult): string[] {
  const m = result.config.machine;
  if (m === undefined || result.stats['total.cycles'] === undefined) return [];
  const stat = (name: string): number => result.stats[name]?.value ?? 0;
  const out = [
    `  coherence ${m.protocol}: remote forward ${m.remoteForwardLatency}, upgrade ${m.upgradeLatency} cycles; ` +
      `${m.llcBanks} LLC bank(s) busy ${m.llcBankBusy} cycles per request; memory busy ${m.memoryBusy} cycles per line`,
    `  threads ${result.config.threadsPerCore ?? 1} per core, map ${result.config.threadMap ?? 'round-robin'}`,
    '',
  ];
  const rows: string[][] = [['', ...COLUMNS.map(([h]) => h)]];
  const late: string[] = [];
  for (let c = 0; c < result.config.cores; c++) {
    if (stat(`core${c}.events`) === 0) continue;
    rows.push([`core${c}`, ...COLUMNS.map(([, f]) => f((k) => stat(`core${c}.${k}`)))]);
    const start = stat(`core${c}.start_cycle`);
    if (start > 0) late.push(`core${c} at cycle ${int(start)}`);
  }
  const total = (k: string): number => (k.startsWith('coherence.') ? stat(k) : stat(`total.${k}`));
  rows.push(['total', ...COLUMNS.map(([, f]) => f(total))]);
  const widths = (rows[0] as string[]).map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  for (const r of rows)
    out.push(
      r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  '),
    );
  if (late.length > 0)
    out.push(
      `started late (first seen after the trace's first window; ev/cycle counts from the start): ${late.join(', ')}`,
    );
  return out;
}

function int(n: number): string {
  return n.toLocaleString('en-US');
}

function rate(part: number, whole: number): string {
  return whole === 0 ? '-' : `${((part / whole) * 100).toFixed(1)}%`;
}
