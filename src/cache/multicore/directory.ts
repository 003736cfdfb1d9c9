/**
 * The directory, kept beside the inclusive LLC: for each LLC line, a sharer bit per core
 * (two Uint32 words: up to 64 cores; the second only on machines above 32 cores) and the
 * owner core (its E, M, O or F holder, else -1), as the core-valid bits of an inclusive
 * LLC do. The cores' own states live with their private copies (private-caches.ts).
 * Left out: sparse or coarse directories (this one is exact and never evicts).
 */
export const MAX_CORES = 64;

export class Directory {
  readonly sharersLo: Uint32Array;
  /** Empty on machines of at most 32 cores. */
  readonly sharersHi: Uint32Array;
  /** Owner core per LLC line, or -1. */
  readonly owner: Int8Array;

  constructor(lines: number, cores: number) {
    if (!Number.isInteger(cores) || cores < 1 || cores > MAX_CORES)
      throw new RangeError(`cores must be 1..${MAX_CORES}, got ${cores}`);
    this.sharersLo = new Uint32Array(lines);
    this.sharersHi = new Uint32Array(cores > 32 ? lines : 0);
    this.owner = new Int8Array(lines).fill(-1);
  }

  addSharer(line: number, core: number): void {
    if (core < 32) this.sharersLo[line]! |= 1 << core;
    else this.sharersHi[line]! |= 1 << (core - 32);
  }

  removeSharer(line: number, core: number): void {
    if (core < 32) this.sharersLo[line]! &= ~(1 << core);
    else this.sharersHi[line]! &= ~(1 << (core - 32));
  }

  isSharer(line: number, core: number): boolean {
    return core < 32
      ? ((this.sharersLo[line]! >>> core) & 1) === 1
      : ((this.sharersHi[line]! >>> (core - 32)) & 1) === 1;
  }

  /** True when some core other than `core` holds the line. */
  othersHold(line: number, core: number): boolean {
    const lo = this.sharersLo[line]!;
    const hi = this.sharersHi[line] ?? 0;
    if (core < 32) return (lo & ~(1 << core)) !== 0 || hi !== 0;
    return lo !== 0 || (hi & ~(1 << (core - 32))) !== 0;
  }

  /** Lowest sharer of the line above `after` (pass -1 to start), or -1. */
  nextSharer(line: number, after: number): number {
    const from = after + 1;
    if (from < 32) {
      const lo = this.sharersLo[line]! & (from === 0 ? 0xffffffff : ~((1 << from) - 1));
      if (lo !== 0) return 31 - Math.clz32(lo & -lo);
    }
    const shift = from > 32 ? from - 32 : 0;
    if (shift >= 32) return -1;
    const hi = (this.sharersHi[line] ?? 0) & (shift === 0 ? 0xffffffff : ~((1 << shift) - 1));
    return hi === 0 ? -1 : 32 + 31 - Math.clz32(hi & -hi);
  }
}
