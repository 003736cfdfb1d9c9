/**
 * Exact least-recently-used replacement: every line carries the time of its last use (a
 * per-cache counter; 0 while the line is invalid) in its tag array's policy word, beside
 * its tag; the victim is the oldest line of the set.
 *
 * In 64-bit words the counter is exact up to 2^53 uses. In a narrow tag array's 32-bit
 * words it would overflow after 2^31, so past a limit (2^30 uses) the stamps are renumbered:
 * each set's valid lines get 1, 2, ... in the order of their stamps, which keeps every
 * victim the same. A touch that may be taken back (`touchSaving`) holds an old stamp, so
 * a cache whose touches are taken back (the L1s under run-ahead) renumbers only when its
 * owner says no token is outstanding (`renumberIfDue`); the others renumber as they reach
 * the limit (`autoRenumber`).
 */
import type { ReplacementPolicy, TagWords } from './policy.js';

/** Uses between renumberings of 32-bit stamps: the other 2^30 are headroom for a cache waiting to renumber. */
const NARROW_LIMIT = 2 ** 30;

export class LruPolicy implements ReplacementPolicy {
  readonly name = 'lru' as const;
  /** An invalid line's stamp is 0, older than any use, so `victim` finds the lowest one first. */
  readonly emptyFirst = true;
  autoRenumber = true;
  private tick = 0;
  /** The counter's value past which stamps are renumbered (never, in 64-bit words). */
  private limit: number;

  constructor(
    private readonly assoc: number,
    /** The tag array's words: line `l`'s stamp is `words[2 × l + 1]`. */
    private readonly words: TagWords,
  ) {
    this.limit = words instanceof Int32Array ? NARROW_LIMIT : Infinity;
  }

  touch(line: number): void {
    this.words[2 * line + 1] = ++this.tick;
    if (this.tick > this.limit && this.autoRenumber) this.renumber();
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

  /** A fill is the line's first use. */
  insert(line: number): void {
    this.touch(line);
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

  renumberIfDue(): void {
    if (this.tick > this.limit) this.renumber();
  }

  limitStamps(limit: number): void {
    if (this.words instanceof Int32Array) this.limit = limit;
  }

  /** Each set's stamps become 1, 2, ... in their order (invalid lines keep 0); the counter restarts above them. */
  private renumber(): void {
    const words = this.words;
    const assoc = this.assoc;
    const order: number[] = [];
    let top = 0;
    for (let base = 0; base < words.length / 2; base += assoc) {
      order.length = 0;
      for (let l = base; l < base + assoc; l++) if ((words[2 * l + 1] as number) > 0) order.push(l);
      order.sort((a, b) => (words[2 * a + 1] as number) - (words[2 * b + 1] as number));
      for (let k = 0; k < order.length; k++) words[2 * (order[k] as number) + 1] = k + 1;
      if (order.length > top) top = order.length;
    }
    this.tick = top;
  }
}
