/**
 * The replacement-policy contract. A policy keeps its own per-line state in typed arrays
 * indexed by line id (line = set × assoc + way) and never touches tags.
 *
 * Call order, per access to a set-associative `TagArray`:
 *   hit  → touch(line)
 *   miss → [victim(set) when every way is valid] → insert(line)
 *   a line dropped by coherence or inclusion → invalidate(line)
 * Contract: deterministic given the run's seed; on ties the lowest way wins; `victim` only
 * reads state (it is called on full sets only: the tag array fills invalid ways first).
 */
export interface ReplacementPolicy {
  readonly name: ReplacementName;
  touch(line: number): void;
  insert(line: number): void;
  invalidate(line: number): void;
  victim(set: number): number;
}

export const REPLACEMENT_NAMES = ['lru', 'plru', 'random'] as const;
export type ReplacementName = (typeof REPLACEMENT_NAMES)[number];

export function isReplacementName(s: string): s is ReplacementName {
  return (REPLACEMENT_NAMES as readonly string[]).includes(s);
}
