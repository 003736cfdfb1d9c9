/**
 * Registers the hierarchy's statistics: per core its private levels, coherence messages
 * and queueing; the shared LLC, its banks and memory; `coherence.*` (messages summed over
 * cores) and `total.<level>.*` (private-level counters summed over cores).
 */
import type { StatsRegistry } from '../../util/stats.js';
import { LEVEL_STAT_INFO, LevelStat } from '../level.js';
import type { MulticoreHierarchy } from './hierarchy.js';
import { COH_STAT_COUNT, CohStat } from './home.js';
import type { PrivateCaches, PrivateLevel } from './private-caches.js';

const COH_INFO: readonly (readonly [keyof typeof CohStat, string, string])[] = [
  ['gets', 'gets', 'read misses (GetS) sent to the directory'],
  ['getm', 'getm', 'write misses (GetM, read for ownership) sent to the directory'],
  [
    'upgrades',
    'upgrades',
    'stores to lines held without write permission (Upgrade: other copies invalidated, no data moved)',
  ],
  [
    'invalidations',
    'invalidations',
    "sharer copies invalidated because another core's write needed the line (an owner's copy that another core's write takes is counted under forwards)",
  ],
  [
    'forwards',
    'forwards',
    "other cores' requests forwarded here as the line's owner and answered cache-to-cache",
  ],
  [
    'writebacks',
    'writebacks',
    'dirty private copies whose data went back to the LLC: evicted, downgraded, or back-invalidated (that data then leaves with the evicted LLC line, an llc.writebacks)',
  ],
  ['backInvalidations', 'back_invalidations', 'lines lost because the inclusive LLC evicted them'],
  [
    'cleanEvictions',
    'clean_evictions',
    'clean lines evicted with a notice that keeps the directory exact (PutS/PutE)',
  ],
];

type LevelKey = 'l1i' | 'l1d' | 'l2';

export function registerHierarchyStats(stats: StatsRegistry, h: MulticoreHierarchy): void {
  const home = h.home;
  const cores = h.privates.length;
  const coh = (c: number, slot: number): number => home.counts[c * COH_STAT_COUNT + slot] as number;
  for (const pc of h.privates) {
    const c = pc.core;
    pc.l1i?.registerStats(stats, `core${c}.l1i`);
    pc.l1d.registerStats(stats, `core${c}.l1d`);
    pc.l2?.registerStats(stats, `core${c}.l2`);
    for (const [key, suffix, desc] of COH_INFO) {
      stats.register(`core${c}.coherence.${suffix}`, `core ${c}: ${desc}`, () => coh(c, CohStat[key]));
    }
    const hits = (): number => coh(c, CohStat.llcHits);
    const misses = (): number => coh(c, CohStat.llcMisses);
    stats.register(
      `core${c}.llc.load.accesses`,
      `core ${c}: its GetS and GetM looked up in the shared LLC (its share of llc.load.accesses)`,
      () => hits() + misses(),
    );
    stats.register(
      `core${c}.llc.load.hits`,
      `core ${c}: its GetS and GetM that found the line in the LLC`,
      hits,
    );
    stats.register(
      `core${c}.llc.load.misses`,
      `core ${c}: its GetS and GetM that missed the LLC and read the line from memory`,
      misses,
    );
    stats.register(
      `core${c}.queue_cycles`,
      `core ${c}: cycles its requests waited for a busy LLC bank or memory, summed per request (the lines of one access wait side by side)`,
      () => coh(c, CohStat.queueCycles),
      'cycles',
    );
  }
  home.llc.registerStats(stats, 'llc', true);
  stats.register(
    'llc.bank.queue_cycles',
    'cycles requests waited for a busy directory/LLC bank',
    () => home.timing.bankQueueCycles,
    'cycles',
  );
  stats.register('memory.reads', 'lines read from memory', () => home.memoryReads);
  stats.register('memory.writes', 'dirty lines written to memory', () => home.memoryWrites);
  stats.register(
    'memory.queue_cycles',
    'cycles memory reads waited for busy memory',
    () => home.timing.memoryQueueCycles,
    'cycles',
  );
  const allCores = (slot: number): number => {
    let n = 0;
    for (let c = 0; c < cores; c++) n += coh(c, slot);
    return n;
  };
  for (const [key, suffix, desc] of COH_INFO)
    stats.register(`coherence.${suffix}`, `all cores: ${desc}`, () => allCores(CohStat[key]));
  stats.register(
    'total.queue_cycles',
    'all cores: cycles requests waited for a busy LLC bank or memory, summed per request',
    () => allCores(CohStat.queueCycles),
    'cycles',
  );
  for (const key of ['l1i', 'l1d', 'l2'] as const satisfies readonly LevelKey[]) {
    const levels = h.privates
      .map((pc: PrivateCaches) => pc[key])
      .filter((l): l is PrivateLevel => l !== null);
    if (levels.length === 0) continue;
    for (const [slotKey, suffix, desc] of LEVEL_STAT_INFO) {
      const slot = LevelStat[slotKey];
      stats.register(`total.${key}.${suffix}`, `every core's ${key.toUpperCase()}: ${desc}`, () =>
        levels.reduce((a, l) => a + (l.counts[slot] as number), 0),
      );
    }
  }
}
