/**
 * Exact least-recently-used replacement: every line carries the time of its last use
 * (a per-cache counter, exact up to 2^53 uses; 0 while the line is invalid); the victim is
 * the oldest line of the set.
 */
import type { ReplacementPolicy } from './policy.js';

export class LruPolicy implements ReplacementPolicy {
  readonly name = 'lru' as const;
  /** An invalid line's stamp is 0, older than any use, so `victim` finds the lowest one first. */
  readonly emptyFirst = true;
  private readonly stamp: Float64Array;
  private tick = 0;

  constructor(
    sets: number,
    private readonly assoc: number,
  ) {
    this.stamp = new Float64Array(sets * assoc);
  }

  touch(line: number): void {
    this.stamp[line] = ++this.tick;
  }

  /** The token is the line's previous stamp (the counter only grows, so order is kept). */
  touchSaving(line: number): number {
    const old = this.stamp[line] as number;
    this.stamp[line] = ++this.tick;
    return old;
  }

  restore(line: number, token: number): void {
    this.stamp[line] = token;
  }

  insert(line: number): void {
    this.stamp[line] = ++this.tick;
  }

  invalidate(line: number): void {
    this.stamp[line] = 0;
  }

  victim(set: number): number {
    const base = set * this.assoc;
    let best = base;
    let oldest = this.stamp[base] as number;
    for (let l = base + 1, end = base + this.assoc; l < end; l++) {
      const s = this.stamp[l] as number;
      if (s < oldest) {
        oldest = s;
        best = l;
      }
    }
    return best;
  }
}
