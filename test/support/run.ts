/** Runs a trace on a machine and reads statistics by name. */
import type { ProtocolName } from '../../src/cache/coherence/types.js';
import { loadPreset, type MachineConfig } from '../../src/sim/machine.js';
import { runMulticore, type MulticoreOptions } from '../../src/sim/multicore.js';
import { replay, type ReplayOptions, type ReplayResult } from '../../src/sim/replay.js';
import { StatsRegistry, type Snapshot } from '../../src/util/stats.js';
import { Rng } from '../../src/util/rng.js';
import type { TraceReader } from '../../src/trace/reader.js';
import { litmusReader } from './trace.js';

export type Stats = (name: string) => number;

export function statsOf(r: ReplayResult): Stats {
  return (name) => {
    const s = r.stats[name];
    if (s === undefined) throw new Error(`no statistic ${name}`);
    return s.value;
  };
}

/** Replays `reader` on `machine` with the debug invariant checker on. */
export async function run(
  reader: TraceReader,
  machine: MachineConfig,
  more: Partial<ReplayOptions> = {},
): Promise<Stats> {
  const r = await replay(reader, {
    mode: 'writeback',
    machine,
    cores: machine.cores,
    seed: 1,
    debugChecks: true,
    ...more,
  });
  return statsOf(r);
}

/** Replays `reader` on the tiny preset with `cores` cores (seed 1): the whole result, for report tests. */
export async function replayTiny(reader: TraceReader, cores: number): Promise<ReplayResult> {
  return replay(reader, { mode: 'writeback', machine: loadPreset('tiny'), cores, seed: 1 });
}

/** Replays traces/litmus/<name> on the tiny preset (2 cores) with `protocol`. */
export async function runLitmus(name: string, protocol: ProtocolName = 'mesi'): Promise<Stats> {
  return run(await litmusReader(name), { ...loadPreset('tiny'), protocol });
}

/** Runs through runMulticore directly, with its test knobs; returns every statistic. */
export async function runKnobs(
  reader: TraceReader,
  machine: MachineConfig,
  knobs: Partial<MulticoreOptions>,
): Promise<Snapshot> {
  const stats = new StatsRegistry();
  await runMulticore(
    reader,
    machine,
    { cores: machine.cores, threadsPerCore: machine.threadsPerCore, debugChecks: true, ...knobs },
    stats,
    new Rng(1),
  );
  return stats.snapshot();
}

/**
 * Replays `reader` in the cachegrind mode: I1 and D1 of 32 KiB, 8-way, LL of `ll` (1 MiB
 * 8-way unless given), 64-byte lines, LRU; then closes the reader.
 */
export async function runCachegrind(
  reader: TraceReader,
  opts: { ll?: { size: number; assoc: number }; perInstruction?: boolean } = {},
): Promise<ReplayResult> {
  const l1 = { size: 32768, assoc: 8, line: 64 };
  try {
    return await replay(reader, {
      mode: 'cachegrind',
      machine: loadPreset('haswell'),
      cachegrind: {
        I1: l1,
        D1: l1,
        LL: { size: 1 << 20, assoc: 8, ...opts.ll, line: 64 },
        replacement: 'lru',
      },
      cores: 1,
      seed: 1,
      perInstruction: opts.perInstruction ?? false,
    });
  } finally {
    await reader.close();
  }
}
