/**
 * The replacement-policy contract. A policy keeps its own state indexed by line id
 * (line = set × assoc + way): in typed arrays of its own, or one number per line in the
 * tag array's policy word (`TagArray.words[2 × line + 1]`, 0 at the start); it never
 * touches tags.
 *
 * Call order, per access to a set-associative `TagArray`:
 *   hit  → touch(line)
 *   miss → [victim(set) when every way is valid] → insert(line)
 *   a line dropped by coherence or inclusion → invalidate(line)
 * Contract: deterministic given the run's seed; on ties the lowest way wins; `victim` only
 * reads state. It is called on full sets only (the tag array fills invalid ways first),
 * except for a policy with `emptyFirst`, whose `victim` is the set's lowest invalid way
 * when it has one, so the tag array asks it straight away.
 *
 * Undoable hits (multicore run-ahead applies L1 hits early and may take some back):
 *   hit  → token = touchSaving(line)    ... later, to take it back: restore(line, token)
 * `restore` puts the replacement state back as it was before that touch, provided every
 * later `touchSaving` of the same set was restored first (reverse order) and the set saw
 * nothing else in between but invalidations of other lines.
 */
export interface ReplacementPolicy {
  readonly name: ReplacementName;
  /** True when `victim(set)` returns the set's lowest invalid way whenever it has one. */
  readonly emptyFirst: boolean;
  touch(line: number): void;
  /** `touch`, returning what `restore` needs to take it back. */
  touchSaving(line: number): number;
  /** Takes back the `touchSaving(line)` that returned `token` (see the contract above). */
  restore(line: number, token: number): void;
  insert(line: number): void;
  invalidate(line: number): void;
  victim(set: number): number;
  /**
   * A policy with a use counter in 32-bit policy words (LRU in a narrow tag array) renumbers
   * its stamps before the counter overflows: by itself while `autoRenumber` is true (the
   * default), else only when its owner calls `renumberIfDue`, at a moment when no token of
   * `touchSaving` is outstanding (taking back such a touch needs the stamp it saved). The
   * others have nothing to renumber.
   */
  autoRenumber: boolean;
  renumberIfDue(): void;
  /** Test knob: the counter's value past which stamps are renumbered (32-bit words only). */
  limitStamps(limit: number): void;
}

/** A tag array's two words per line (tag-array.ts): 64-bit floats, or 32-bit integers (narrow). */
export type TagWords = Float64Array | Int32Array;

export const REPLACEMENT_NAMES = ['lru', 'plru', 'random'] as const;
export type ReplacementName = (typeof REPLACEMENT_NAMES)[number];

export function isReplacementName(s: string): s is ReplacementName {
  return (REPLACEMENT_NAMES as readonly string[]).includes(s);
}
