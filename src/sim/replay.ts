/**
 * Replays one trace through a hierarchy mode and returns a JSON-ready result: the
 * effective configuration, every statistic with its description, and the seed. Pure of
 * I/O except reading the trace; renderers turn the result into text, JSON or CSV.
 *
 * Modes: `writeback` (the multicore machine: coherent write-back caches, inclusive LLC,
 * latencies, contention, spin locks and cycles; see multicore.ts) and `cachegrind`
 * (valgrind cachegrind's exact counting model, one core, for validation).
 */
import {
  CachegrindHierarchy,
  CG_DESCRIPTIONS,
  CG_EVENTS,
  type CachegrindConfig,
} from '../cache/cachegrind.js';
import { replayBinaryCachegrind } from '../cache/cachegrind-binary.js';
import { binaryReaderOf } from '../trace/open.js';
import type { TraceReader } from '../trace/reader.js';
import { InputError } from '../util/errors.js';
import { Rng } from '../util/rng.js';
import type { MachineConfig } from './machine.js';
import { runMulticore } from './multicore.js';
import { StatsRegistry, type Snapshot } from '../util/stats.js';

export const HIERARCHY_MODES = ['writeback', 'cachegrind'] as const;
export type HierarchyMode = (typeof HIERARCHY_MODES)[number];

export interface ReplayOptions {
  readonly mode: HierarchyMode;
  readonly machine: MachineConfig;
  /** Geometry for the cachegrind mode. */
  readonly cachegrind?: CachegrindConfig;
  readonly cores: number;
  /** Hardware threads per core (writeback mode); the machine's when absent. */
  readonly threadsPerCore?: 1 | 2;
  /** Explicit `tid:hwthread,...` map (writeback mode); round-robin when absent. */
  readonly threadMap?: string;
  /** Check the coherence invariants after every micro-op (slow; writeback mode). */
  readonly debugChecks?: boolean;
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
    readonly threadsPerCore?: number;
    readonly threadMap?: string;
    readonly debugChecks?: boolean;
    readonly seed: number;
    readonly machine?: MachineConfig;
    readonly cachegrind?: CachegrindConfig;
  };
  readonly stats: Readonly<Record<string, StatEntry>>;
  /** cachegrind counters per instruction address, ascending (cachegrind mode with perInstruction). */
  readonly perInstruction?: readonly (readonly [number, readonly number[]])[];
}

export async function replay(reader: TraceReader, opts: ReplayOptions): Promise<ReplayResult> {
  const rng = new Rng(opts.seed);
  const stats = new StatsRegistry();
  let events = 0;
  let cg: CachegrindHierarchy | null = null;
  let multicore: { threadsPerCore: 1 | 2; threadMap: string; debugChecks: boolean } | null = null;
  if (opts.mode === 'cachegrind') {
    if (opts.cores !== 1)
      throw new InputError(`--cores ${opts.cores}: the cachegrind mode simulates one core`);
    if (!opts.cachegrind) throw new Error('cachegrind mode needs a cachegrind geometry');
    const h = new CachegrindHierarchy(opts.cachegrind, rng, opts.perInstruction ?? false);
    cg = h;
    CG_EVENTS.forEach((e, i) =>
      stats.register(`cachegrind.${e}`, CG_DESCRIPTIONS[e], () => h.counts[i] as number),
    );
    const binary = h.perInstruction ? null : binaryReaderOf(reader);
    if (binary !== null) events = await replayBinaryCachegrind(binary, h, opts.onProgress);
    else {
      for (let chunk = await reader.next(); chunk !== null; chunk = await reader.next()) {
        h.runChunk(chunk);
        events += chunk.length;
        opts.onProgress?.(events);
      }
    }
  } else {
    const threadsPerCore = opts.threadsPerCore ?? opts.machine.threadsPerCore;
    const debugChecks = opts.debugChecks ?? false;
    const run = await runMulticore(
      reader,
      opts.machine,
      {
        cores: opts.cores,
        threadsPerCore,
        debugChecks,
        ...(opts.threadMap !== undefined ? { threadMap: opts.threadMap } : {}),
        ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
      },
      stats,
      rng,
    );
    events = run.events;
    multicore = { threadsPerCore, threadMap: run.threadMap, debugChecks };
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
      ...(multicore ?? {}),
      seed: opts.seed,
      // The machine as run: --cores and --threads-per-core override the preset's.
      ...(opts.mode === 'cachegrind'
        ? { cachegrind: opts.cachegrind }
        : {
            machine: {
              ...opts.machine,
              cores: opts.cores,
              threadsPerCore: multicore?.threadsPerCore ?? opts.machine.threadsPerCore,
            },
          }),
    },
    stats: out,
    ...(cg?.perInstruction
      ? { perInstruction: [...cg.perInstruction.entries()].map(([a, r]) => [a, [...r]] as const) }
      : {}),
  };
}
