/**
 * The machine options of `txsim replay`: `--l1i/--l1d/--l2/--llc`, `--replacement`,
 * `--memory-latency`, `--latency` and `--protocol` applied to a preset, each value's
 * `sources` entry naming the options that set it. Left out: `--cores` and
 * `--threads-per-core`, which the command applies (the cachegrind mode ignores them).
 */
import { deriveGeometry, parseGeometry } from '../cache/geometry.js';
import type { LevelConfig } from '../cache/level.js';
import { PROTOCOL_NAMES } from '../cache/coherence/index.js';
import { REPLACEMENT_NAMES, type ReplacementName } from '../cache/replacement/index.js';
import {
  LATENCY_CLASSES,
  LATENCY_RANGE,
  LATENCY_SOURCE_KEYS,
  withCommandLineSources,
  withLatency,
  type LatencyClass,
  type MachineConfig,
} from '../sim/machine.js';
import { InputError } from '../util/errors.js';
import { integerOption, oneOf, parseInteger } from './options.js';

/** The options this file reads, as yargs gives them. */
export interface MachineArgs {
  l1i?: string;
  l1d?: string;
  l2?: string;
  llc?: string;
  replacement?: string;
  'memory-latency'?: string;
  protocol?: string;
  latency?: string;
}

/** Applies --l1i/--l1d/--l2/--llc/--replacement/--memory-latency to a preset. */
export function applyOverrides(m: MachineConfig, args: MachineArgs): MachineConfig {
  const replacement = replacementOption(args);
  const latencies = parseLatencies(args.latency);
  // Where each value set here came from, for the report's `sources`.
  const notes = new Map<string, string[]>();
  const replaced = new Set<string>();
  const note = (key: string, option: string): void => {
    notes.set(key, [...(notes.get(key) ?? []), option]);
  };
  const level = (
    base: LevelConfig | null,
    flag: string | undefined,
    name: 'l1i' | 'l1d' | 'l2' | 'llc',
    optional: boolean,
  ): LevelConfig | null => {
    let l = base;
    if (flag !== undefined) {
      note(name, `--${name} ${flag}`);
      if (flag === 'none') {
        if (!optional) throw new InputError(`--${name} none: the ${name.toUpperCase()} cannot be removed`);
        replaced.add(name);
        l = null;
      } else {
        const g = parseGeometry(flag, `--${name}`);
        deriveGeometry(g, `--${name}`); // an impossible geometry before any mismatch with another level
        // A level the preset lacks has no latency of its own: an L1I hits as fast as the
        // L1D (the l1Hit class sets both); an L2's latency must be given.
        if (base === null) {
          replaced.add(name);
          if (name === 'l2' && !latencies.has('l2Hit'))
            throw new InputError(
              `--l2 ${flag}: preset ${m.preset} has no L2, so it has no L2 latency; give it with --latency l2Hit=N`,
            );
        }
        l = { latency: base?.latency ?? m.l1d.latency, replacement: base?.replacement ?? 'lru', ...g };
      }
    }
    return l && replacement !== undefined ? { ...l, replacement } : l;
  };
  const memLat = integerOption(args['memory-latency'], '--memory-latency', LATENCY_RANGE);
  if (memLat !== undefined && latencies.has('memory'))
    throw new InputError('--memory-latency and --latency memory both set the memory latency; give one');
  if (memLat !== undefined) {
    note('memoryLatency', `--memory-latency ${memLat}`);
    replaced.add('memoryLatency');
  }
  if (replacement !== undefined) note('replacement', `--replacement ${replacement}`);
  const protocol =
    args.protocol === undefined
      ? m.protocol
      : oneOf(args.protocol, PROTOCOL_NAMES, '--protocol', 'coherence protocol');
  if (args.protocol !== undefined) {
    note('protocol', `--protocol ${protocol}`);
    replaced.add('protocol');
  }
  let out: MachineConfig = {
    ...m,
    l1i: level(m.l1i, args.l1i, 'l1i', true),
    l1d: level(m.l1d, args.l1d, 'l1d', false) as LevelConfig,
    l2: level(m.l2, args.l2, 'l2', true),
    llc: level(m.llc, args.llc, 'llc', false) as LevelConfig,
    memoryLatency: memLat ?? m.memoryLatency,
    protocol,
  };
  for (const [cls, cycles] of latencies) {
    out = withLatency(out, cls, cycles);
    // A level's source also gives its geometry; the other classes' values are one number.
    const whole = cls !== 'l1Hit' && cls !== 'l2Hit' && cls !== 'llcHit';
    for (const key of LATENCY_SOURCE_KEYS[cls]) {
      if (key === 'l1i' && out.l1i === null) continue;
      note(key, `--latency ${cls}=${cycles}`);
      if (whole) replaced.add(key);
    }
  }
  return withCommandLineSources(out, notes, replaced);
}

export function replacementOption(args: MachineArgs): ReplacementName | undefined {
  return args.replacement === undefined
    ? undefined
    : oneOf(args.replacement, REPLACEMENT_NAMES, '--replacement', 'policy');
}

/** Parses `--latency class=cycles,...`; a class given twice is an error. */
function parseLatencies(text: string | undefined): Map<LatencyClass, number> {
  const out = new Map<LatencyClass, number>();
  for (const part of text === undefined ? [] : text.split(',')) {
    const m = /^\s*([A-Za-z0-9]+)\s*=\s*(\S*)\s*$/.exec(part);
    const cls = m?.[1] ?? '';
    if (!m || !(LATENCY_CLASSES as readonly string[]).includes(cls)) {
      throw new InputError(
        `--latency: expected class=cycles with a class among ${LATENCY_CLASSES.join(', ')}, got '${part}'`,
      );
    }
    if (out.has(cls as LatencyClass)) throw new InputError(`--latency: ${cls} is given twice`);
    out.set(cls as LatencyClass, parseInteger(m[2] ?? '', `--latency ${cls}`, LATENCY_RANGE));
  }
  return out;
}
