/**
 * What the multicore hierarchy is built from and what it reports: its configuration
 * (geometry, latency classes, contention), the access kinds a core issues, and the
 * `LineLost` hook through which it tells listeners (spin-lock waiters now, the HTM later)
 * that a core lost a line.
 */
import type { LostReason, ProtocolName } from '../coherence/types.js';
import type { LevelConfig } from '../level.js';

export interface HierarchyConfig {
  readonly cores: number;
  readonly l1i: LevelConfig | null;
  /** Its `latency` is the l1Hit class (l1i's for instruction fetches). */
  readonly l1d: LevelConfig;
  /** Optional private L2; its `latency` is the l2Hit class. */
  readonly l2: LevelConfig | null;
  /** Shared inclusive LLC with the directory; its `latency` is the llcHit class. */
  readonly llc: LevelConfig;
  /** Latency class `memory`: an access that misses the LLC (a total, like every class). */
  readonly memoryLatency: number;
  /** Latency class `remoteForward`: an LLC hit that needs another core to answer or invalidate. */
  readonly remoteForwardLatency: number;
  /** Latency class `upgrade`: a store to a line held without write permission. */
  readonly upgradeLatency: number;
  /** Directory/LLC banks (a power of two); a line's bank is its block number modulo this. */
  readonly llcBanks: number;
  /** Cycles one request occupies its bank. */
  readonly llcBankBusy: number;
  /** Cycles one line transfer occupies memory. */
  readonly memoryBusy: number;
  readonly protocol: ProtocolName;
}

/** What a core asks of the hierarchy. */
export const Access = { load: 0, store: 1, ifetch: 2 } as const;
export type AccessKind = (typeof Access)[keyof typeof Access];

/**
 * Told when core `core` loses its hold on block `block` at cycle `at`:
 * - 'eviction': the block left the core's L1D by replacement, or every private copy left
 *   because the LLC evicted it (back-invalidation);
 * - 'invalidation': another core's write removed the core's copies;
 * - 'downgrade': another core's read took away the core's write permission.
 * Called synchronously inside an access; a listener must not issue accesses itself.
 */
export interface LineLostListener {
  onLineLost(core: number, block: number, why: LostReason, at: number): void;
}

/**
 * Told just before another core's request acts on core `core`'s copies of `block` at cycle
 * `at` (a forwarded request, an invalidation or a back-invalidation), so that a thread
 * running ahead of the scheduler (src/cpu/run-ahead.ts) can first take back what it did
 * to that block from `at` on. Called synchronously inside an access; must not issue
 * accesses itself.
 */
export interface SnoopObserver {
  beforeSnoop(core: number, block: number, at: number): void;
}
