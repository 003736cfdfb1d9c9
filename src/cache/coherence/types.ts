/**
 * The coherence vocabulary: line states, the events a core's private cache controller
 * reacts to, and a transition-table row. A protocol is a table over these (mesi.ts,
 * moesi.ts, mesif.ts), checked exhaustively by the tests and compiled once into typed
 * arrays for the hot path (compile.ts).
 * Left out: transient states and message races (a request takes effect atomically at its
 * issue time), transactions (the table never sees them: the hierarchy reports `LineLost`).
 */

/** Stable states of a line in one core's private caches. */
export const LINE_STATES = ['I', 'S', 'E', 'M', 'O', 'F'] as const;
export type LineState = (typeof LINE_STATES)[number];
// I: not held.  S: clean, maybe shared, read-only.  E: clean, only copy, may write silently.
// M: dirty, only copy.  O (MOESI): dirty and shared; this core answers readers.
// F (MESIF): clean and shared; this core answers readers instead of the LLC.

/** Events seen by a core's private cache controller, in compiled-table order. */
export const COHERENCE_EVENTS = ['load', 'store', 'evict', 'fwdGetS', 'fwdGetM', 'inv', 'backInv'] as const;
export type CoherenceEvent = (typeof COHERENCE_EVENTS)[number];
// load / store: this core's own access (a load also serves instruction fetches; a store
//   also serves atomic RMWs). evict: the last private copy leaves this core by replacement.
// fwdGetS / fwdGetM: the directory forwards another core's read / write miss to this core,
//   the line's owner. inv: another core's write (GetM or Upgrade) invalidates this sharer.
// backInv: the inclusive LLC evicts the line, so every private copy must go.

/** Requests a core sends to the directory for its own loads and stores. */
export const REQUESTS = ['GetS', 'GetM', 'Upgrade'] as const;
export type Request = (typeof REQUESTS)[number];
// GetS: read miss.  GetM: write miss (read for ownership).  Upgrade: write to a line held
// without write permission; the data is already here, only other copies must go.

/** Why a core lost (part of) its hold on a line; the payload of `LineLost`. */
export type LostReason = 'eviction' | 'invalidation' | 'downgrade';

/** One (state, event) cell of a protocol table. */
export interface Row<S extends LineState = LineState> {
  /**
   * State after the event. For a load or store in I this is the state granted when some
   * other core holds the line (the directory decides which case applies).
   */
  readonly next: S;
  /** Load in I only: the state granted when no other core holds the line. */
  readonly nextAlone?: S;
  /** Request sent to the directory (own load/store rows only); null: served locally. */
  readonly send: Request | null;
  /** Answers a forwarded request with the data (cache-to-cache transfer). */
  readonly supply: boolean;
  /** Writes dirty data back to the LLC (on a downgrade, a back-invalidation or an eviction). */
  readonly writeback: boolean;
  /** Reported through `LineLost` when this row applies; null: nothing lost. */
  readonly lost: LostReason | null;
  /** True for a cell the directory never produces (e.g. a forward to a core in I). */
  readonly unreachable?: true;
}

/** Known protocols, by the name users type. */
export const PROTOCOL_NAMES = ['mesi', 'moesi', 'mesif'] as const;
export type ProtocolName = (typeof PROTOCOL_NAMES)[number];

/**
 * A protocol is data: `states` lists the states it uses (I first) and `table` has a row for
 * every (state, event) among them. Each protocol file types its table over its own states,
 * so a missing cell is a compile error there.
 */
export interface Protocol {
  readonly name: ProtocolName;
  readonly description: string;
  readonly states: readonly LineState[];
  readonly table: Readonly<Partial<Record<LineState, Readonly<Record<CoherenceEvent, Row>>>>>;
}

/** Row helpers, so tables read as one line per cell. */
export const row = <S extends LineState>(next: S, more: Partial<Omit<Row<S>, 'next'>> = {}): Row<S> => ({
  next,
  send: null,
  supply: false,
  writeback: false,
  lost: null,
  ...more,
});

/** A cell the directory never produces; using it is a txsim bug. */
export const never = <S extends LineState>(state: S): Row<S> => ({ ...row(state), unreachable: true });
