/**
 * Tree pseudo-LRU: a binary tree of assoc−1 bits per set; each bit points towards the
 * half that was used less recently. A use flips the bits on its path away from itself;
 * the victim is found by following the bits from the root. Needs a power-of-two
 * associativity (checked where the cache is built).
 */
import type { ReplacementPolicy } from './policy.js';

export class TreePlruPolicy implements ReplacementPolicy {
  readonly name = 'plru' as const;
  readonly emptyFirst = false;
  /** No use counter: nothing to renumber. */
  autoRenumber = true;
  /** Per set, nodes 1 .. assoc−1 of a heap-ordered tree (index 0 unused). */
  private readonly bits: Uint8Array;
  private readonly levels: number;

  constructor(
    sets: number,
    private readonly assoc: number,
  ) {
    this.bits = new Uint8Array(sets * assoc);
    this.levels = Math.log2(assoc);
  }

  touch(line: number): void {
    this.touchSaving(line);
  }

  /** The token holds the previous bits of the line's path, root first (bit levels−1 − depth). */
  touchSaving(line: number): number {
    const set = Math.floor(line / this.assoc);
    const way = line - set * this.assoc;
    const base = set * this.assoc;
    let node = 1;
    let token = 0;
    for (let l = this.levels - 1; l >= 0; l--) {
      const dir = (way >> l) & 1;
      token |= (this.bits[base + node] as number) << l;
      this.bits[base + node] = dir ^ 1;
      node = node * 2 + dir;
    }
    return token;
  }

  restore(line: number, token: number): void {
    const set = Math.floor(line / this.assoc);
    const way = line - set * this.assoc;
    const base = set * this.assoc;
    let node = 1;
    for (let l = this.levels - 1; l >= 0; l--) {
      this.bits[base + node] = (token >> l) & 1;
      node = node * 2 + ((way >> l) & 1);
    }
  }

  insert(line: number): void {
    this.touch(line);
  }

  invalidate(_line: number): void {
    // The tree keeps no validity; invalid ways are filled first by the tag array.
  }

  victim(set: number): number {
    const base = set * this.assoc;
    let node = 1;
    let way = 0;
    for (let l = 0; l < this.levels; l++) {
      const dir = this.bits[base + node] as number;
      way = way * 2 + dir;
      node = node * 2 + dir;
    }
    return base + way;
  }

  renumberIfDue(): void {}

  limitStamps(_limit: number): void {}
}
