/**
 * The multicore part of the text report: the coherence and timing configuration, and
 * tables of one row per core (plus a total row), each within 80 columns: time (cycles,
 * throughput, each level's miss rate), coherence messages and queueing, and the spin locks
 * when a thread took one. A table too wide with exact counts shows them to 3 significant
 * digits with a unit (`2.45M`), and a note says so. A note names each core that started
 * late (its throughput counts from its start) and the cores that ran no thread. Pure:
 * reads only the result's configuration and statistics; idle cores (no events) are left
 * out of the tables but not of JSON or CSV.
 */
import type { ReplayResult } from '../sim/replay.js';
import { ratio, wrap } from '../util/format.js';

/** A column: its header, and its cell from a statistic reader and a count formatter. */
type Column = readonly [string, (v: (k: string) => number, count: (n: number) => string) => string];

const missRate = (level: string) => (v: (k: string) => number) =>
  rate(
    v(`${level}.load.misses`) + v(`${level}.store.misses`),
    v(`${level}.load.accesses`) + v(`${level}.store.accesses`),
  );

/** Time and where accesses missed (the L1I and L2 columns only when they apply). */
const TIME: readonly Column[] = [
  ['cycles', (v, count) => count(v('cycles'))],
  ['events', (v, count) => count(v('events'))],
  ['ev/cycle', (v) => ratio(v('events'), v('cycles') - v('start_cycle'))],
  ['L1I miss', missRate('l1i')],
  ['L1D miss', missRate('l1d')],
  ['L2 miss', missRate('l2')],
  ['LLC miss', missRate('llc')],
];

const MESSAGES: readonly Column[] = [
  ['GetS', (v, count) => count(v('coherence.gets'))],
  ['GetM', (v, count) => count(v('coherence.getm'))],
  ['Upg', (v, count) => count(v('coherence.upgrades'))],
  ['Inv', (v, count) => count(v('coherence.invalidations'))],
  ['Fwd', (v, count) => count(v('coherence.forwards'))],
  ['WB', (v, count) => count(v('coherence.writebacks'))],
  ['BackInv', (v, count) => count(v('coherence.back_invalidations'))],
  ['queue', (v, count) => count(v('queue_cycles'))],
];

/** The spin locks (only when some thread took a lock). */
const LOCKS: readonly Column[] = [
  ['locks', (v, count) => count(v('lock.acquisitions'))],
  ['lock wait', (v, count) => count(v('lock.wait_cycles'))],
  ['test loads', (v, count) => count(v('lock.test_loads'))],
  ['failed RMW', (v, count) => count(v('lock.failed_rmw'))],
];

/** Lines describing the coherence configuration and the per-core tables (empty for cachegrind mode). */
export function coreTable(result: ReplayResult): string[] {
  const m = result.config.machine;
  if (m === undefined || result.stats['total.cycles'] === undefined) return [];
  const stat = (name: string): number => result.stats[name]?.value ?? 0;
  const out = [
    `  coherence ${m.protocol}: remote forward ${m.remoteForwardLatency}, upgrade ${m.upgradeLatency} cycles`,
    `  LLC ${m.llcBanks} bank(s) busy ${m.llcBankBusy} cycles per request; memory busy ${m.memoryBusy} cycles per line`,
    `  threads ${result.config.threadsPerCore ?? 1} per core, map ${result.config.threadMap ?? 'round-robin'}`,
  ];
  const cores: number[] = [];
  const idle: number[] = [];
  const late: string[] = [];
  for (let c = 0; c < result.config.cores; c++) {
    if (stat(`core${c}.events`) === 0) {
      idle.push(c);
      continue;
    }
    cores.push(c);
    const start = stat(`core${c}.start_cycle`);
    if (start > 0) late.push(`core${c} at cycle ${int(start)}`);
  }
  // Totals: coherence messages are summed under coherence.*, the LLC's own counters are
  // llc.*, the rest are under total.*.
  const total = (k: string): number =>
    k.startsWith('coherence.') || k.startsWith('llc.') ? stat(k) : stat(`total.${k}`);
  // An L1I column when some core fetched; an L2 column when the machine has an L2.
  const hidden = [
    ...(stat('total.l1i.load.accesses') > 0 ? [] : ['L1I miss']),
    ...(m.l2 !== null ? [] : ['L2 miss']),
  ];
  const tables = [TIME.filter(([h]) => !hidden.includes(h)), MESSAGES];
  if (stat('total.lock.test_loads') > 0) tables.push(LOCKS);
  // Counts are exact unless a table would then be wider than 80 columns.
  let shortened = false;
  for (const columns of tables) {
    const render = (count: (n: number) => string): string[] => {
      const rows: string[][] = [['', ...columns.map(([h]) => h)]];
      for (const c of cores)
        rows.push([`core${c}`, ...columns.map(([, f]) => f((k) => stat(`core${c}.${k}`), count))]);
      rows.push(['total', ...columns.map(([, f]) => f(total, count))]);
      return aligned(rows);
    };
    let lines = render(int);
    if (lines.some((l) => l.length > 80)) {
      lines = render(short);
      shortened = true;
    }
    out.push('', ...lines);
  }
  if (shortened)
    out.push(
      ...wrap(
        'counts in k = 10^3, M = 10^6, G = 10^9, T = 10^12, P = 10^15 (--json and --csv give them exact)',
        80,
        2,
      ),
    );
  if (late.length > 0)
    out.push(...wrap(`started late (ev/cycle counts from the start): ${late.join(', ')}`, 80, 2));
  if (idle.length > 0) out.push(...wrap(`ran no trace thread: ${spans(idle)}`, 80, 2));
  return out;
}

/** The rows as right-aligned columns (the first left-aligned), two spaces apart. */
function aligned(rows: readonly string[][]): string[] {
  const widths = (rows[0] as string[]).map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) =>
    r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  '),
  );
}

/** Core numbers as `core1`, `cores 1-3, 6`. */
function spans(cores: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < cores.length;) {
    let j = i;
    while (j + 1 < cores.length && cores[j + 1] === (cores[j] as number) + 1) j++;
    parts.push(i === j ? `${cores[i]}` : `${cores[i]}-${cores[j]}`);
    i = j + 1;
  }
  return `${cores.length === 1 ? 'core' : 'cores'} ${parts.join(', ')}`;
}

function int(n: number): string {
  return n.toLocaleString('en-US');
}

/**
 * A count in a few characters: exact below 10,000, else 3 significant digits and a unit
 * (`977k`, `23.5M`); from 1,000 P on (past 2^53, beyond any counter) whole P.
 */
export function short(n: number): string {
  if (n < 10_000) return int(n);
  let v = n;
  for (const unit of UNITS) {
    v /= 1000;
    // toPrecision(3) rounds 999.6 up to 1000: that is the next unit's 1.00.
    if (Number(v.toPrecision(3)) < 1000) return `${v.toPrecision(3)}${unit}`;
  }
  return `${int(Math.round(v))}P`;
}

/** The units of `short`, each 1,000 times the one before. */
const UNITS = ['k', 'M', 'G', 'T', 'P'] as const;

function rate(part: number, whole: number): string {
  return whole === 0 ? '-' : `${((part / whole) * 100).toFixed(1)}%`;
}
