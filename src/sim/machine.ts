/**
 * Machine configuration: the preset files (`presets/*.json`), their strict validation
 * (an unknown key is an error), and the effective configuration a run reports.
 * Every preset value carries its source in the preset's `sources` object.
 *
 * The multicore keys (cores, threadsPerCore, protocol, remoteForwardLatency,
 * upgradeLatency, llcBanks, llcBankBusy, memoryBusy) are optional: a preset without them
 * describes one core, MESI, coherence actions at LLC-hit cost and no contention.
 * Every cache level's geometry is checked when the preset loads, and every error names
 * the preset file and the field.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deriveGeometry, isPowerOfTwo, parseBytes } from '../cache/geometry.js';
import type { LevelConfig } from '../cache/level.js';
import { isReplacementName, REPLACEMENT_NAMES } from '../cache/replacement/index.js';
import { isProtocolName, PROTOCOL_NAMES, type ProtocolName } from '../cache/coherence/index.js';
import { MAX_CORES } from '../cache/multicore/directory.js';
import { assertNever, InputError } from '../util/errors.js';
import { inRange, type IntRange } from '../util/int-range.js';

export interface MachineConfig {
  readonly preset: string;
  readonly description: string;
  /** Converts cycles to seconds (the text report's simulated time). */
  readonly frequencyGHz: number;
  readonly l1i: LevelConfig | null;
  readonly l1d: LevelConfig;
  readonly l2: LevelConfig | null;
  readonly llc: LevelConfig;
  /** Latency class `memory`: total cycles of an access that misses the LLC. */
  readonly memoryLatency: number;
  /** Number of cores when `--cores` is not given (1..64). */
  readonly cores: number;
  /** Hardware threads per core (SMT siblings share the core's L1 and L2). */
  readonly threadsPerCore: 1 | 2;
  readonly protocol: ProtocolName;
  /** Latency class `remoteForward`: an LLC hit another core must answer or invalidate for. */
  readonly remoteForwardLatency: number;
  /** Latency class `upgrade`: a store to a line held without write permission. */
  readonly upgradeLatency: number;
  /** Directory/LLC banks (slices), a power of two. */
  readonly llcBanks: number;
  /** Cycles a request occupies its bank. */
  readonly llcBankBusy: number;
  /** Cycles a line transfer occupies memory. */
  readonly memoryBusy: number;
  /** Where each value comes from (manual, paper, measurement). */
  readonly sources: Readonly<Record<string, string>>;
}

const MACHINE_KEYS = [
  'description',
  'frequencyGHz',
  'l1i',
  'l1d',
  'l2',
  'llc',
  'memoryLatency',
  'cores',
  'threadsPerCore',
  'protocol',
  'remoteForwardLatency',
  'upgradeLatency',
  'llcBanks',
  'llcBankBusy',
  'memoryBusy',
  'sources',
];
const LEVEL_KEYS = ['size', 'assoc', 'line', 'latency', 'replacement'];

/** The folder holding the preset JSON files (found by walking up from this module). */
export function presetDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'presets');
    if (existsSync(join(candidate, 'haswell.json'))) return candidate;
    dir = dirname(dir);
  }
  throw new Error('presets folder not found next to the txsim installation');
}

export function presetNames(): string[] {
  return readdirSync(presetDir())
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -5))
    .sort();
}

/** Loads a preset by name (`haswell`) or by path to a JSON file. */
export function loadPreset(nameOrPath: string): MachineConfig {
  const isPath = nameOrPath.endsWith('.json') || nameOrPath.includes('/');
  const file = isPath ? resolve(nameOrPath) : join(presetDir(), `${nameOrPath}.json`);
  if (!existsSync(file)) {
    if (isPath) throw new InputError(`machine preset file not found: ${nameOrPath}`);
    throw new InputError(`unknown machine preset '${nameOrPath}' (known: ${presetNames().join(', ')})`);
  }
  if (statSync(file).isDirectory())
    throw new InputError(`preset ${nameOrPath} is a directory, not a JSON file`);
  let raw: unknown;
  try {
    // A UTF-8 byte order mark (some editors write one) is not JSON; it is skipped.
    raw = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new InputError(`invalid JSON: ${oneLine((e as Error).message)}`, { file: nameOrPath });
  }
  return parseMachine(raw, nameOrPath, isPath ? nameOrPath : `presets/${nameOrPath}.json`);
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}

/** Validates a parsed preset object; `where` names it in messages. */
export function parseMachine(raw: unknown, name: string, where: string): MachineConfig {
  const o = asObject(raw, where, 'the preset');
  checkKeys(o, MACHINE_KEYS, where, 'preset');
  const sources = asObject(orDefault(o.sources, {}), where, 'sources');
  for (const [k, v] of Object.entries(sources)) {
    if (typeof v !== 'string') throw new InputError(`sources.${k} must be a string`, { file: where });
  }
  const llc = parseLevel(o.llc, where, 'llc');
  const l1d = parseLevel(o.l1d, where, 'l1d');
  const l1i = o.l1i === null || o.l1i === undefined ? null : parseLevel(o.l1i, where, 'l1i');
  const l2 = o.l2 === null || o.l2 === undefined ? null : parseLevel(o.l2, where, 'l2');
  for (const [key, level] of [
    ['l1i', l1i],
    ['l2', l2],
    ['llc', llc],
  ] as const) {
    if (level !== null && level.line !== l1d.line)
      throw new InputError(
        `${key}.line: ${level.line} B differs from l1d's ${l1d.line} B; every level of a machine has one line size`,
        { file: where },
      );
  }
  const protocol = orDefault(o.protocol, 'mesi');
  if (typeof protocol !== 'string' || !isProtocolName(protocol)) {
    throw new InputError(
      `protocol: unknown coherence protocol ${JSON.stringify(protocol)} (known: ${PROTOCOL_NAMES.join(', ')})`,
      { file: where },
    );
  }
  return {
    preset: name,
    description: optionalString(o.description, where, 'description'),
    frequencyGHz: positiveNumber(o.frequencyGHz, where, 'frequencyGHz'),
    l1i,
    l1d,
    l2,
    llc,
    memoryLatency: latency(o.memoryLatency, where, 'memoryLatency'),
    cores: coreCount(orDefault(o.cores, 1), where, 'cores'),
    threadsPerCore: threadsPerCore(orDefault(o.threadsPerCore, 1), where, 'threadsPerCore'),
    protocol,
    remoteForwardLatency: latency(
      orDefault(o.remoteForwardLatency, llc.latency),
      where,
      'remoteForwardLatency',
    ),
    upgradeLatency: latency(orDefault(o.upgradeLatency, llc.latency), where, 'upgradeLatency'),
    llcBanks: bankCount(orDefault(o.llcBanks, 1), where, 'llcBanks'),
    llcBankBusy: latency(orDefault(o.llcBankBusy, 0), where, 'llcBankBusy'),
    memoryBusy: latency(orDefault(o.memoryBusy, 0), where, 'memoryBusy'),
    sources: sources as Record<string, string>,
  };
}

/** The latency classes users name (`--latency memory=200`), each mapped onto the config. */
export const LATENCY_CLASSES = ['l1Hit', 'l2Hit', 'llcHit', 'remoteForward', 'upgrade', 'memory'] as const;
export type LatencyClass = (typeof LATENCY_CLASSES)[number];

/** The value of each latency class (l1Hit is the L1D's; l2Hit is absent without an L2). */
export function latencyClasses(m: MachineConfig): Partial<Record<LatencyClass, number>> {
  return {
    l1Hit: m.l1d.latency,
    ...(m.l2 ? { l2Hit: m.l2.latency } : {}),
    llcHit: m.llc.latency,
    remoteForward: m.remoteForwardLatency,
    upgrade: m.upgradeLatency,
    memory: m.memoryLatency,
  };
}

/** `m` with one latency class set (l1Hit sets both L1s). */
export function withLatency(m: MachineConfig, cls: LatencyClass, cycles: number): MachineConfig {
  switch (cls) {
    case 'l1Hit':
      return { ...m, l1d: { ...m.l1d, latency: cycles }, l1i: m.l1i && { ...m.l1i, latency: cycles } };
    case 'l2Hit':
      if (!m.l2) throw new InputError(`--latency l2Hit: the machine has no L2`);
      return { ...m, l2: { ...m.l2, latency: cycles } };
    case 'llcHit':
      return { ...m, llc: { ...m.llc, latency: cycles } };
    case 'remoteForward':
      return { ...m, remoteForwardLatency: cycles };
    case 'upgrade':
      return { ...m, upgradeLatency: cycles };
    case 'memory':
      return { ...m, memoryLatency: cycles };
    default:
      return assertNever(cls, 'latency class');
  }
}

/** The `sources` keys a latency class's value is reported under. */
export const LATENCY_SOURCE_KEYS: Readonly<Record<LatencyClass, readonly string[]>> = {
  l1Hit: ['l1d', 'l1i'],
  l2Hit: ['l2'],
  llcHit: ['llc'],
  remoteForward: ['remoteForwardLatency'],
  upgrade: ['upgradeLatency'],
  memory: ['memoryLatency'],
};

/**
 * `m` with the sources of values set on the command line saying so: `notes` maps a
 * `sources` key to the options that set it, as the user wrote them. The preset's source
 * (or its `all` source) follows, for what the options left alone (a level's latency when
 * only its geometry was given), unless `replaced` says the options replaced the value whole.
 */
export function withCommandLineSources(
  m: MachineConfig,
  notes: ReadonlyMap<string, readonly string[]>,
  replaced: ReadonlySet<string> = new Set(),
): MachineConfig {
  if (notes.size === 0) return m;
  const sources: Record<string, string> = { ...m.sources };
  for (const [key, options] of notes) {
    // A preset may give one source for everything (`all`, as the tiny preset does).
    const preset = sources[key] ?? m.sources.all;
    sources[key] =
      `${SET_ON_COMMAND_LINE}${options.join(' ')}` +
      (preset !== undefined && !replaced.has(key) ? `; the preset's source: ${preset}` : '');
  }
  // The preset's description no longer describes what these keys hold (said once, for
  // every key set so far: options are applied in more than one call).
  const changed = Object.keys(sources).filter((k) => sources[k]?.startsWith(SET_ON_COMMAND_LINE));
  const description = `${m.description.replace(CHANGED_NOTE, '')} (the preset's; changed on the command line: ${changed.join(', ')})`;
  return { ...m, description, sources };
}

const SET_ON_COMMAND_LINE = 'set on the command line: ';
/** The note `withCommandLineSources` adds to a description. */
const CHANGED_NOTE = / \(the preset's; changed on the command line: [^)]*\)$/;

/** Core counts: 1..64. */
export const CORE_RANGE: IntRange = { min: 1, max: MAX_CORES, describe: `an integer from 1 to ${MAX_CORES}` };
/** Hardware threads per core: 1 or 2. */
export const THREADS_PER_CORE_RANGE: IntRange = { min: 1, max: 2, describe: '1 or 2' };
/** Latencies are non-negative whole cycles. */
export const LATENCY_RANGE: IntRange = {
  min: 0,
  max: Number.MAX_SAFE_INTEGER,
  describe: 'a non-negative integer number of cycles',
};

/** A required preset field that must be an integer within `range`. */
function intField(v: unknown, range: IntRange, where: string, key: string): number {
  if (v === undefined) throw new InputError(`missing field ${key}`, { file: where });
  if (!inRange(v, range))
    throw new InputError(`${key} must be ${range.describe}, got ${shown(v)}`, { file: where });
  return v;
}

function coreCount(v: unknown, where: string, key: string): number {
  return intField(v, CORE_RANGE, where, key);
}

function threadsPerCore(v: unknown, where: string, key: string): 1 | 2 {
  return intField(v, THREADS_PER_CORE_RANGE, where, key) as 1 | 2;
}

function latency(v: unknown, where: string, key: string): number {
  return intField(v, LATENCY_RANGE, where, key);
}

function bankCount(v: unknown, where: string, key: string): number {
  if (typeof v !== 'number' || !isPowerOfTwo(v)) {
    throw new InputError(`${key} must be a power of two (1, 2, 4, ...), got ${shown(v)}`, {
      file: where,
    });
  }
  return v;
}

function parseLevel(raw: unknown, where: string, key: string): LevelConfig {
  const o = asObject(raw, where, key);
  checkKeys(o, LEVEL_KEYS, where, key);
  const size =
    typeof o.size === 'string' ? locate(() => parseBytes(o.size as string, `${key}.size`), where) : o.size;
  const replacement = orDefault(o.replacement, 'lru');
  if (typeof replacement !== 'string' || !isReplacementName(replacement)) {
    throw new InputError(
      `${key}.replacement: unknown policy '${String(replacement)}' (known: ${REPLACEMENT_NAMES.join(', ')})`,
      { file: where },
    );
  }
  const level: LevelConfig = {
    size: positiveInt(size, where, `${key}.size`),
    assoc: positiveInt(o.assoc, where, `${key}.assoc`),
    line: positiveInt(o.line, where, `${key}.line`),
    latency: latency(o.latency, where, `${key}.latency`),
    replacement,
  };
  locate(() => deriveGeometry(level, key), where);
  return level;
}

/** An optional key's value: `d` when the key is absent. A `null` stays (and is refused as the wrong type). */
function orDefault(v: unknown, d: unknown): unknown {
  return v === undefined ? d : v;
}

/** Runs `check`, naming the preset file in the InputError it may throw. */
function locate<T>(check: () => T, where: string): T {
  try {
    return check();
  } catch (e) {
    if (e instanceof InputError && e.location.file === undefined)
      throw new InputError(e.detail, { file: where });
    throw e;
  }
}

function asObject(raw: unknown, where: string, what: string): Record<string, unknown> {
  if (raw === undefined) throw new InputError(`missing field ${what}`, { file: where });
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new InputError(`${what} must be a JSON object`, { file: where });
  }
  return raw as Record<string, unknown>;
}

function checkKeys(o: Record<string, unknown>, allowed: string[], where: string, what: string): void {
  for (const k of Object.keys(o)) {
    if (!allowed.includes(k)) {
      throw new InputError(`unknown key '${k}' in ${what} (allowed: ${allowed.join(', ')})`, { file: where });
    }
  }
}

function positiveInt(v: unknown, where: string, key: string): number {
  if (v === undefined) throw new InputError(`missing field ${key}`, { file: where });
  if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) {
    throw new InputError(`${key} must be a positive integer, got ${shown(v)}`, { file: where });
  }
  return v;
}

function positiveNumber(v: unknown, where: string, key: string): number {
  if (v === undefined) throw new InputError(`missing field ${key}`, { file: where });
  // JSON.parse reads 1e400 as Infinity, which JSON cannot write back.
  if (typeof v !== 'number' || !Number.isFinite(v) || !(v > 0)) {
    throw new InputError(`${key} must be a finite positive number, got ${shown(v)}`, { file: where });
  }
  return v;
}

/** A JSON value as messages quote it (numbers as JavaScript reads them: 1e400 is Infinity). */
function shown(v: unknown): string {
  return typeof v === 'number' ? String(v) : JSON.stringify(v);
}

function optionalString(v: unknown, where: string, key: string): string {
  if (v === undefined) return '';
  if (typeof v !== 'string')
    throw new InputError(`${key} must be a string, got ${shown(v)}`, { file: where });
  return v;
}
