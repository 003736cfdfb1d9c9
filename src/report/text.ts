/**
 * Terminal rendering of a replay result: the effective configuration, then the statistics
 * grouped by component with derived rates. Pure: (result, colour on/off) → string.
 */
import { Chalk } from 'chalk';
import { formatBytes } from '../cache/geometry.js';
import type { LevelConfig } from '../cache/level.js';
import type { ReplayResult } from '../sim/replay.js';
import { counted, wrap } from '../util/format.js';
import { coreTable } from './core-table.js';

export function renderText(result: ReplayResult, colour: boolean): string {
  const c = new Chalk({ level: colour ? 1 : 0 });
  const out: string[] = [];
  const cfg = result.config;
  // The trace and its format on one line, or two when a long path would pass 80 columns.
  const title = `txsim replay: ${result.trace.path}`;
  const format = `(${result.trace.format}, ${fmt(result.trace.events)} event${result.trace.events === 1 ? '' : 's'})`;
  if (title.length + 1 + format.length <= 80) out.push(`${c.bold(title)} ${format}`);
  else out.push(c.bold(title), `    ${format}`);
  out.push(`mode ${cfg.mode}, ${cfg.cores} core(s), seed ${cfg.seed}`);
  if (cfg.cachegrind) {
    for (const [name, g] of [
      ['I1', cfg.cachegrind.I1],
      ['D1', cfg.cachegrind.D1],
      ['LL', cfg.cachegrind.LL],
    ] as const) {
      out.push(
        `  ${name.padEnd(4)} ${formatBytes(g.size)}, ${g.assoc}-way, ${g.line} B lines, ${cfg.cachegrind.replacement}`,
      );
    }
    out.push('', ...cachegrindSummary(result));
    return `${out.join('\n')}\n`;
  }
  if (cfg.machine) {
    const m = cfg.machine;
    out.push(...wrap(`machine ${m.preset}: ${m.description}`, 80, 4));
    for (const [name, l] of [
      ['L1I', m.l1i],
      ['L1D', m.l1d],
      ['L2', m.l2],
      ['LLC', m.llc],
    ] as const) {
      out.push(`  ${name.padEnd(4)} ${l ? levelLine(l) : 'none'}`);
    }
    out.push(`  mem  ${counted(m.memoryLatency, 'cycle')}`);
    out.push(...coreTable(result));
    const cycles = result.stats['total.cycles']?.value;
    if (cycles !== undefined)
      out.push(
        '',
        `simulated time ${fmt(cycles)} ${cycles === 1 ? 'cycle' : 'cycles'} = ${duration(cycles / (m.frequencyGHz * 1e9))} at ${m.frequencyGHz} GHz`,
      );
  }
  out.push('');
  const groups = new Map<string, [string, number][]>();
  // With several cores the per-core statistics are summarised in the table above (all are in --json/--csv).
  const perCore = cfg.cores > 1 ? /^core\d+\./ : null;
  for (const [name, s] of Object.entries(result.stats)) {
    if (perCore?.test(name)) continue;
    const group = groupOf(name);
    const list = groups.get(group) ?? [];
    list.push([name.slice(group.length + 1), s.value]);
    groups.set(group, list);
  }
  for (const [group, entries] of groups) {
    const nonZero = entries.filter(([, v]) => v !== 0);
    if (nonZero.length === 0) continue;
    out.push(c.cyan(group));
    for (const [k, v] of nonZero) out.push(`  ${k.padEnd(28)} ${fmt(v).padStart(16)}`);
    const rate = missRate(entries);
    if (rate !== null) out.push(`  ${'miss rate'.padEnd(28)} ${rate.padStart(16)}`);
  }
  return `${out.join('\n')}\n`;
}

/**
 * The text report's section of a statistic: its component (`llc`, `memory`, `total`), or
 * a core's or the total's level, SMT thread or events by kind (`total.l1d`, `core0.thread1`,
 * `total.events`), so that all of one level's counters stay together.
 */
function groupOf(name: string): string {
  const parts = name.split('.');
  const [first, second] = parts as [string, string | undefined];
  if (
    parts.length > 2 &&
    /^(core\d+|total)$/.test(first) &&
    /^(l1i|l1d|l2|thread\d+|events)$/.test(second ?? '')
  )
    return `${first}.${second}`;
  return first;
}

function levelLine(l: LevelConfig): string {
  return `${formatBytes(l.size)}, ${l.assoc}-way, ${l.line} B lines, ${counted(l.latency, 'cycle')}, ${l.replacement}`;
}

function missRate(entries: [string, number][]): string | null {
  const get = (k: string): number => entries.find(([n]) => n === k)?.[1] ?? 0;
  const acc = get('load.accesses') + get('store.accesses');
  if (acc === 0) return null;
  return `${(((get('load.misses') + get('store.misses')) / acc) * 100).toFixed(2)}%`;
}

function cachegrindSummary(result: ReplayResult): string[] {
  const v = (e: string): number => result.stats[`cachegrind.${e}`]?.value ?? 0;
  // As cachegrind prints them: instruction miss rates to 2 decimals, the others to 1.
  const pct = (a: number, b: number, digits = 1): string =>
    `${(b === 0 ? 0 : (a / b) * 100).toFixed(digits)}%`;
  const row = (label: string, total: number, rd?: number, wr?: number): string =>
    `${label.padEnd(16)}${fmt(total).padStart(16)}` +
    (rd !== undefined && wr !== undefined ? `  (${fmt(rd)} rd + ${fmt(wr)} wr)` : '');
  const rate = (label: string, m: string, rd?: string, wr?: string): string =>
    `${label.padEnd(16)}${m.padStart(16)}` +
    (rd !== undefined && wr !== undefined ? `  (${rd} + ${wr})` : '');
  const [ir, i1, il, dr, d1r, dlr, dw, d1w, dlw] = [
    'Ir',
    'I1mr',
    'ILmr',
    'Dr',
    'D1mr',
    'DLmr',
    'Dw',
    'D1mw',
    'DLmw',
  ].map(v) as [number, number, number, number, number, number, number, number, number];
  return [
    row('I refs:', ir),
    row('I1  misses:', i1),
    row('LLi misses:', il),
    rate('I1  miss rate:', pct(i1, ir, 2)),
    rate('LLi miss rate:', pct(il, ir, 2)),
    '',
    row('D refs:', dr + dw, dr, dw),
    row('D1  misses:', d1r + d1w, d1r, d1w),
    row('LLd misses:', dlr + dlw, dlr, dlw),
    rate('D1  miss rate:', pct(d1r + d1w, dr + dw), pct(d1r, dr), pct(d1w, dw)),
    rate('LLd miss rate:', pct(dlr + dlw, dr + dw), pct(dlr, dr), pct(dlw, dw)),
    '',
    row('LL refs:', i1 + d1r + d1w, i1 + d1r, d1w),
    row('LL misses:', il + dlr + dlw, il + dlr, dlw),
    rate('LL miss rate:', pct(il + dlr + dlw, ir + dr + dw), pct(il + dlr, ir + dr), pct(dlw, dw)),
  ];
}

/** Seconds with an SI prefix and 3 significant digits (`12.0 µs`; whole seconds from 1000 s). */
export function duration(seconds: number): string {
  if (seconds === 0) return '0 s';
  // The unit is chosen after rounding, so 999.9 ns reads 1.00 µs, not 1.00e+3 ns.
  const rounded = Number(seconds.toPrecision(3));
  if (rounded >= 1000) return `${Math.round(seconds).toLocaleString('en-US')} s`;
  const units: readonly (readonly [number, string])[] = [
    [1, 's'],
    [1e-3, 'ms'],
    [1e-6, 'µs'],
    [1e-9, 'ns'],
  ];
  const [scale, unit] = units.find(([u]) => rounded >= u) ?? [1e-12, 'ps'];
  return `${(rounded / scale).toPrecision(3)} ${unit}`;
}

function fmt(n: number): string {
  return Number.isInteger(n) ? n.toLocaleString('en-US') : n.toFixed(3);
}
