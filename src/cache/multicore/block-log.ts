/**
 * The debug checker's record (checker.ts) of the blocks one step may have changed, as
 * ranges of block numbers: filled by the hierarchy while a checker is installed
 * (`MulticoreHierarchy.touched`), emptied after each check. Holds up to RANGES ranges; past
 * that it only notes that it overflowed. Leaves out which level or state changed: the
 * checker looks each block up everywhere.
 */
export class BlockLog {
  static readonly RANGES = 256;
  readonly first = new Float64Array(BlockLog.RANGES);
  readonly last = new Float64Array(BlockLog.RANGES);
  count = 0;
  overflowed = false;

  /** Blocks `b0` to `b1`. */
  add(b0: number, b1: number): void {
    if (this.count === BlockLog.RANGES) this.overflowed = true;
    else {
      this.first[this.count] = b0;
      this.last[this.count++] = b1;
    }
  }

  clear(): void {
    this.count = 0;
    this.overflowed = false;
  }
}
