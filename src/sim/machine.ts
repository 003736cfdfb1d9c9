/**
 * Machine configuration: the preset files (`presets/*.json`), their strict validation
 * (an unknown key is an error), and the effective configuration a run reports.
 * Every preset value carries its source in the preset's `sources` object.
 *
 * The multicore keys (cores, threadsPerCore, protocol, remoteForwardLatency,
 * upgradeLatency, llcBanks, llcBankBusy, memoryBusy) are optional: a preset without them
 * describes one core, MESI, coherence actions at LLC-hit cost and no contention.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isPowerOfTwo, parseBytes } from '../cache/geometry.js';
import type { LevelConfig } from '../cache/level.js';
import { isReplacementName, REPLACEMENT_NAMES } from '../cache/replacement/index.js';
import { isProtocolName, PROTOCOL_NAMES, type ProtocolName } from '../cache/coherence/index.js';
import { MAX_CORES } from '../cache/multicore/directory.js';
import { assertNever, InputError } from '../util/errors.js';

export interface MachineConfig {
  readonly preset: string;
  readonly description: string;
  /** Converts cycles to seconds in reports. */
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
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new InputError(`invalid JSON: ${(e as Error).message}`, { file: nameOrPath });
  }
  return parseMachine(
    raw,
    isPath ? nameOrPath : nameOrPath,
    isPath ? nameOrPath : `presets/${nameOrPath}.json`,
  );
}

/** Validates a parsed preset object; `where` names it in messages. */
export function parseMachine(raw: unknown, name: string, where: string): MachineConfig {
  const o = asObject(raw, where, 'the preset');
  checkKeys(o, MACHINE_KEYS, where, 'preset');
  const sources = asObject(o.sources ?? {}, where, 'sources');
  for (const [k, v] of Object.entries(sources)) {
    if (typeof v !== 'string') throw new InputError(`sources.${k} must be a string`, { file: where });
  }
  const llc = parseLevel(o.llc, where, 'llc');
  const protocol = o.protocol ?? 'mesi';
  if (typeof protocol !== 'string' || !isProtocolName(protocol)) {
    throw new InputError(
      `protocol: unknown coherence protocol ${JSON.stringify(protocol)} (known: ${PROTOCOL_NAMES.join(', ')})`,
      { file: where },
    );
  }
  return {
    preset: name,
    description: typeof o.description === 'string' ? o.description : '',
    frequencyGHz: positiveNumber(o.frequencyGHz, where, 'frequencyGHz'),
    l1i: o.l1i === null || o.l1i === undefined ? null : parseLevel(o.l1i, where, 'l1i'),
    l1d: parseLevel(o.l1d, where, 'l1d'),
    l2: o.l2 === null || o.l2 === undefined ? null : parseLevel(o.l2, where, 'l2'),
    llc,
    memoryLatency: latency(o.memoryLatency, where, 'memoryLatency'),
    cores: coreCount(o.cores ?? 1, where, 'cores'),
    threadsPerCore: threadsPerCore(o.threadsPerCore ?? 1, where, 'threadsPerCore'),
    protocol,
    remoteForwardLatency: latency(o.remoteForwardLatency ?? llc.latency, where, 'remoteForwardLatency'),
    upgradeLatency: latency(o.upgradeLatency ?? llc.latency, where, 'upgradeLatency'),
    llcBanks: bankCount(o.llcBanks ?? 1, where, 'llcBanks'),
    llcBankBusy: latency(o.llcBankBusy ?? 0, where, 'llcBankBusy'),
    memoryBusy: latency(o.memoryBusy ?? 0, where, 'memoryBusy'),
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

/** A core count 1..64. */
export function coreCount(v: unknown, where: string, key: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > MAX_CORES) {
    throw new InputError(`${key} must be an integer from 1 to ${MAX_CORES}, got ${JSON.stringify(v)}`, {
      file: where,
    });
  }
  return v;
}

/** 1 or 2 hardware threads per core. */
export function threadsPerCore(v: unknown, where: string, key: string): 1 | 2 {
  if (v !== 1 && v !== 2)
    throw new InputError(`${key} must be 1 or 2, got ${JSON.stringify(v)}`, { file: where });
  return v;
}

function bankCount(v: unknown, where: string, key: string): number {
  if (typeof v !== 'number' || !isPowerOfTwo(v)) {
    throw new InputError(`${key} must be a power of two (1, 2, 4, ...), got ${JSON.stringify(v)}`, {
      file: where,
    });
  }
  return v;
}

function parseLevel(raw: unknown, where: string, key: string): LevelConfig {
  const o = asObject(raw, where, key);
  checkKeys(o, LEVEL_KEYS, where, key);
  const size = typeof o.size === 'string' ? parseBytes(o.size, `${where}: ${key}.size`) : o.size;
  const replacement = o.replacement ?? 'lru';
  if (typeof replacement !== 'string' || !isReplacementName(replacement)) {
    throw new InputError(
      `${key}.replacement: unknown policy '${String(replacement)}' (known: ${REPLACEMENT_NAMES.join(', ')})`,
      { file: where },
    );
  }
  return {
    size: positiveInt(size, where, `${key}.size`),
    assoc: positiveInt(o.assoc, where, `${key}.assoc`),
    line: positiveInt(o.line, where, `${key}.line`),
    latency: latency(o.latency, where, `${key}.latency`),
    replacement,
  };
}

function asObject(raw: unknown, where: string, what: string): Record<string, unknown> {
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
  if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) {
    throw new InputError(`${key} must be a positive integer, got ${JSON.stringify(v)}`, { file: where });
  }
  return v;
}

function positiveNumber(v: unknown, where: string, key: string): number {
  if (typeof v !== 'number' || !(v > 0)) {
    throw new InputError(`${key} must be a positive number, got ${JSON.stringify(v)}`, { file: where });
  }
  return v;
}

/** Latencies are non-negative whole cycles. */
export function latency(v: unknown, where: string, key: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
    throw new InputError(`${key} must be a non-negative integer number of cycles, got ${JSON.stringify(v)}`, {
      file: where,
    });
  }
  return v;
}
