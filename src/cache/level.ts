/**
 * One level of a write-back, write-allocate cache: a tag array, its latency, and its
 * counters. Per-line state beyond the tag (dirty bits, coherence states) belongs to the
 * hierarchy that owns the level (multicore: `PrivateLevel.meta`, the directory's entries).
 * Policy decisions (where misses go, inclusion) belong to the hierarchy too; a level only
 * answers lookups, fills and invalidations and counts them.
 */
import type { StatsRegistry } from '../util/stats.js';
import type { Rng } from '../util/rng.js';
import type { CacheGeometry } from './geometry.js';
import { TagArray, type TagOptions } from './tag-array.js';

export interface LevelConfig extends CacheGeometry {
  /** Load-to-use latency in cycles of a hit at this level. */
  readonly latency: number;
  readonly replacement: string;
}

/** Counter slots of a level. */
export const LevelStat = {
  loads: 0,
  stores: 1,
  loadHits: 2,
  storeHits: 3,
  loadMisses: 4,
  storeMisses: 5,
  evictions: 6,
  writebacks: 7,
  backInvalidations: 8,
} as const;

/** Each counter slot's key, its stat-name suffix and its description. */
export const LEVEL_STAT_INFO: readonly (readonly [keyof typeof LevelStat, string, string])[] = [
  [
    'loads',
    'load.accesses',
    'loads (and instruction fetches) looked up at this level; below the L1s, every lookup for a fill (a store miss too)',
  ],
  [
    'stores',
    'store.accesses',
    'stores (and RMWs) looked up at this level (L1s only: lower levels count fills as loads)',
  ],
  ['loadHits', 'load.hits', 'loads that found the line here'],
  [
    'storeHits',
    'store.hits',
    'stores that found the line here (one to a shared copy is a hit that needs an upgrade, counted also in coherence.upgrades)',
  ],
  ['loadMisses', 'load.misses', 'loads that missed here and went to the next level'],
  ['storeMisses', 'store.misses', 'stores that missed here (write-allocate: the line is fetched)'],
  ['evictions', 'evictions', 'valid lines displaced by a fill'],
  [
    'writebacks',
    'writebacks',
    'dirty lines written to the next level (or memory) when a fill evicts them (a private dirty copy that coherence takes away is counted in coherence.writebacks instead)',
  ],
  [
    'backInvalidations',
    'back_invalidations',
    'lines dropped from this level because an inclusive outer level evicted them',
  ],
];

/** The counters a level registers: the outermost one has no `back_invalidations`. */
export function levelStatInfo(outermost: boolean): typeof LEVEL_STAT_INFO {
  return outermost ? LEVEL_STAT_INFO.filter(([key]) => key !== 'backInvalidations') : LEVEL_STAT_INFO;
}

export class CacheLevel {
  readonly tags: TagArray;
  readonly latency: number;
  readonly counts = new Float64Array(LEVEL_STAT_INFO.length);

  constructor(
    readonly name: string,
    readonly config: LevelConfig,
    rng: Rng,
    tagOptions?: TagOptions,
  ) {
    this.tags = new TagArray(config, config.replacement, rng, name, tagOptions);
    this.latency = config.latency;
  }

  /**
   * Registers this level's counters under `prefix` (e.g. `core0.l1d`). The outermost level
   * has no level outside it to back-invalidate it, so it has no `back_invalidations`.
   */
  registerStats(stats: StatsRegistry, prefix: string, outermost = false): void {
    for (const [key, suffix, desc] of levelStatInfo(outermost)) {
      const slot = LevelStat[key];
      stats.register(`${prefix}.${suffix}`, `${this.name}: ${desc}`, () => this.counts[slot] as number);
    }
  }
}

/** Looks a block up at one level, counting the access and touching a hit; returns the line id or -1. */
export function lookup(level: CacheLevel, block: number, isStore: boolean): number {
  const c = level.counts;
  const line = level.tags.find(block);
  if (isStore) c[LevelStat.stores]!++;
  else c[LevelStat.loads]!++;
  if (line >= 0) {
    level.tags.policy.touch(line);
    if (isStore) c[LevelStat.storeHits]!++;
    else c[LevelStat.loadHits]!++;
  } else if (isStore) c[LevelStat.storeMisses]!++;
  else c[LevelStat.loadMisses]!++;
  return line;
}
