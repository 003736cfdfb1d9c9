/**
 * Exact least-recently-used replacement: every line carries the time of its last use
 * (a per-cache counter, exact up to 2^53 uses; 0 while the line is invalid) in its tag
 * array's policy word, beside its tag; the victim is the oldest line of the set.
 */
import type { ReplacementPolicy } from './policy.js';

export class LruPolicy implements ReplacementPolicy {
  readonly name = 'lru' as const;
  /** An invalid line's stamp is 0, older than any use, so `victim` finds the lowest one first. */
  readonly emptyFirst = true;
  private tick = 0;

  constructor(
    private readonly assoc: number,
    /** The tag array's words: line `l`'s stamp is `words[2 × l + 1]`. */
    private readonly words: Float64Array,
  ) {}

  touch(line: number): void {
    this.words[2 * line + 1] = ++this.tick;
  }

  /** The token is the line's previous stamp (the counter only grows, so order is kept). */
  touchSaving(line: number): number {
    const at = 2 * line + 1;
    const old = this.words[at] as number;
    this.words[at] = ++this.tick;
    return old;
  }

  restore(line: number, token: number): void {
    this.words[2 * line + 1] = token;
  }

  insert(line: number): void {
    this.words[2 * line + 1] = ++this.tick;
  }

  invalidate(line: number): void {
    this.words[2 * line + 1] = 0;
  }

  victim(set: number): number {
    const words = this.words;
    const base = set * this.assoc;
    let best = base;
    let oldest = words[2 * base + 1] as number;
    for (let l = base + 1, end = base + this.assoc; l < end; l++) {
      const s = words[2 * l + 1] as number;
      if (s < oldest) {
        oldest = s;
        best = l;
      }
    }
    return best;
  }
}
