/**
 * The directory, kept beside the inclusive LLC: for each LLC line, a sharer bit per core
 * (two Uint32 words: up to 64 cores) and the owner core (E, M, O or F holder, else -1);
 * and, for each (LLC line, core), the core's protocol state and which of its private
 * levels hold a copy. The per-core state belongs to that core's cache controller; it is
 * stored here, indexed by LLC line, because inclusion guarantees every private copy an
 * LLC line whose index stays fixed while any copy exists.
 * Left out: sparse or coarse directories (the directory is exact and never evicts).
 */
export const MAX_CORES = 64;

export class Directory {
  readonly sharersLo: Uint32Array;
  readonly sharersHi: Uint32Array;
  /** Owner core per LLC line, or -1. */
  readonly owner: Int8Array;
  /** Protocol state code per (line × cores + core). */
  readonly state: Uint8Array;
  /** HELD_* bits per (line × cores + core). */
  readonly held: Uint8Array;

  constructor(
    lines: number,
    readonly cores: number,
  ) {
    if (!Number.isInteger(cores) || cores < 1 || cores > MAX_CORES) throw new RangeError(`cores must be 1..${MAX_CORES}, got ${cores}`);
    this.sharersLo = new Uint32Array(lines);
    this.sharersHi = new Uint32Array(lines);
    this.owner = new Int8Array(lines).fill(-1);
    this.state = new Uint8Array(lines * cores);
    this.held = new Uint8Array(lines * cores);
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
    return core < 32 ? ((this.sharersLo[line]! >>> core) & 1) === 1 : ((this.sharersHi[line]! >>> (core - 32)) & 1) === 1;
  }

  /** True when some core other than `core` holds the line. */
  othersHold(line: number, core: number): boolean {
    const lo = this.sharersLo[line]!;
    const hi = this.sharersHi[line]!;
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
    const hi = this.sharersHi[line]! & (shift === 0 ? 0xffffffff : ~((1 << shift) - 1));
    return hi === 0 ? -1 : 32 + 31 - Math.clz32(hi & -hi);
  }
}
