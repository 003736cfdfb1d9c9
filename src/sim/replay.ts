/**
 * Replays one trace through a hierarchy mode and returns a JSON-ready result: the
 * effective configuration, every statistic with its description, and the seed. Pure of
 * I/O except reading the trace; renderers turn the result into text, JSON or CSV.
 *
 * Modes: `writeback` (write-back, write-allocate, inclusive LLC, latencies and cycles)
 * and `cachegrind` (valgrind cachegrind's exact counting model, for validation).
 */
import { CachegrindHierarchy, CG_DESCRIPTIONS, CG_EVENTS, type CachegrindConfig } from '../cache/cachegrind.js';
import { WritebackHierarchy } from '../cache/hierarchy.js';
import { Core } from '../cpu/core.js';
import type { TraceReader } from '../trace/reader.js';
import { InputError } from '../util/errors.js';
import { Rng } from '../util/rng.js';
import type { MachineConfig } from './machine.js';
import { StatsRegistry, type Snapshot } from './stats.js';

export const HIERARCHY_MODES = ['writeback', 'cachegrind'] as const;
export type HierarchyMode = (typeof HIERARCHY_MODES)[number];

export interface ReplayOptions {
  readonly mode: HierarchyMode;
  readonly machine: MachineConfig;
  /** Geometry for the cachegrind mode. */
  readonly cachegrind?: CachegrindConfig;
  readonly cores: number;
  readonly seed: number;
  /** Keep per-instruction-address counts (cachegrind mode). */
  readonly perInstruction?: boolean;
  /** Called after each chunk with the number of events replayed so far. */
  readonly onProgress?: (events: number) => void;
}

export interface StatEntry {
  readonly value: number;
  readonly unit: string;
  readonly description: string;
}

export interface ReplayResult {
  readonly schema: 'txsim-replay/1';
  readonly trace: { readonly path: string; readonly format: string; readonly events: number };
  readonly config: {
    readonly mode: HierarchyMode;
    readonly cores: number;
    readonly seed: number;
    readonly machine?: MachineConfig;
    readonly cachegrind?: CachegrindConfig;
  };
  readonly stats: Readonly<Record<string, StatEntry>>;
  /** cachegrind counters per instruction address, ascending (cachegrind mode with perInstruction). */
  readonly perInstruction?: readonly (readonly [number, readonly number[]])[];
}

export async function replay(reader: TraceReader, opts: ReplayOptions): Promise<ReplayResult> {
  if (opts.cores !== 1) {
    throw new InputError(`--cores ${opts.cores}: this build simulates one core (multicore replay is not available yet)`);
  }
  const rng = new Rng(opts.seed);
  const stats = new StatsRegistry();
  let runChunk: (c: Parameters<Core['run']>[0]) => void;
  let cg: CachegrindHierarchy | null = null;
  if (opts.mode === 'cachegrind') {
    if (!opts.cachegrind) throw new Error('cachegrind mode needs a cachegrind geometry');
    const h = new CachegrindHierarchy(opts.cachegrind, rng, opts.perInstruction ?? false);
    cg = h;
    CG_EVENTS.forEach((e, i) => stats.register(`cachegrind.${e}`, CG_DESCRIPTIONS[e], () => h.counts[i] as number));
    runChunk = (c) => h.runChunk(c);
  } else {
    const mem = new WritebackHierarchy(opts.machine, rng);
    const core = new Core(0, mem);
    core.registerStats(stats, 'core0');
    mem.registerStats(stats, 'core0');
    runChunk = (c) => {
      const tid = c.tid;
      for (let i = 0; i < c.length; i++) {
        if (tid[i] !== 0) {
          throw new InputError(`thread ${tid[i]} does not fit a 1-core machine (this build runs thread 0 only)`, {
            file: reader.path,
          });
        }
      }
      core.run(c, 0, c.length);
    };
  }
  let events = 0;
  for (let chunk = await reader.next(); chunk !== null; chunk = await reader.next()) {
    runChunk(chunk);
    events += chunk.length;
    opts.onProgress?.(events);
  }
  const snap: Snapshot = stats.snapshot();
  const out: Record<string, StatEntry> = {};
  for (const info of stats.list()) {
    out[info.name] = { value: snap[info.name] as number, unit: info.unit, description: info.description };
  }
  return {
    schema: 'txsim-replay/1',
    trace: { path: reader.path, format: reader.format, events },
    config: {
      mode: opts.mode,
      cores: opts.cores,
      seed: opts.seed,
      ...(opts.mode === 'cachegrind' ? { cachegrind: opts.cachegrind } : { machine: opts.machine }),
    },
    stats: out,
    ...(cg?.perInstruction ? { perInstruction: [...cg.perInstruction.entries()].map(([a, r]) => [a, [...r]] as const) } : {}),
  };
}
