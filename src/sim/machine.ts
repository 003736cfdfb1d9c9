/**
 * Machine configuration: the preset files (`presets/*.json`), their strict validation
 * (an unknown key is an error), and the effective configuration a run reports.
 * Every preset value carries its source in the preset's `sources` object.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseBytes } from '../cache/geometry.js';
import type { LevelConfig } from '../cache/level.js';
import { isReplacementName, REPLACEMENT_NAMES } from '../cache/replacement/index.js';
import { InputError } from '../util/errors.js';

export interface MachineConfig {
  readonly preset: string;
  readonly description: string;
  /** Converts cycles to seconds in reports. */
  readonly frequencyGHz: number;
  readonly l1i: LevelConfig | null;
  readonly l1d: LevelConfig;
  readonly l2: LevelConfig | null;
  readonly llc: LevelConfig;
  readonly memoryLatency: number;
  /** Where each value comes from (manual, paper, measurement). */
  readonly sources: Readonly<Record<string, string>>;
}

const MACHINE_KEYS = ['description', 'frequencyGHz', 'l1i', 'l1d', 'l2', 'llc', 'memoryLatency', 'sources'];
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
  return parseMachine(raw, isPath ? nameOrPath : nameOrPath, isPath ? nameOrPath : `presets/${nameOrPath}.json`);
}

/** Validates a parsed preset object; `where` names it in messages. */
export function parseMachine(raw: unknown, name: string, where: string): MachineConfig {
  const o = asObject(raw, where, 'the preset');
  checkKeys(o, MACHINE_KEYS, where, 'preset');
  const sources = asObject(o.sources ?? {}, where, 'sources');
  for (const [k, v] of Object.entries(sources)) {
    if (typeof v !== 'string') throw new InputError(`sources.${k} must be a string`, { file: where });
  }
  return {
    preset: name,
    description: typeof o.description === 'string' ? o.description : '',
    frequencyGHz: positiveNumber(o.frequencyGHz, where, 'frequencyGHz'),
    l1i: o.l1i === null || o.l1i === undefined ? null : parseLevel(o.l1i, where, 'l1i'),
    l1d: parseLevel(o.l1d, where, 'l1d'),
    l2: o.l2 === null || o.l2 === undefined ? null : parseLevel(o.l2, where, 'l2'),
    llc: parseLevel(o.llc, where, 'llc'),
    memoryLatency: latency(o.memoryLatency, where, 'memoryLatency'),
    sources: sources as Record<string, string>,
  };
}

function parseLevel(raw: unknown, where: string, key: string): LevelConfig {
  const o = asObject(raw, where, key);
  checkKeys(o, LEVEL_KEYS, where, key);
  const size = typeof o.size === 'string' ? parseBytes(o.size, `${where}: ${key}.size`) : o.size;
  const replacement = o.replacement ?? 'lru';
  if (typeof replacement !== 'string' || !isReplacementName(replacement)) {
    throw new InputError(`${key}.replacement: unknown policy '${String(replacement)}' (known: ${REPLACEMENT_NAMES.join(', ')})`, { file: where });
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
    throw new InputError(`${key} must be a non-negative integer number of cycles, got ${JSON.stringify(v)}`, { file: where });
  }
  return v;
}
