/**
 * The directory, kept beside the inclusive LLC: for each LLC line, a sharer bit per core
 * (up to 64 cores) and the owner core (its E, M, O or F holder, else -1), as the core-valid
 * bits of an inclusive LLC do; and the LLC line's own dirty bit. Up to 16 cores a line's
 * entry is one 32-bit word (sharers in bits 0–15, the owner + 1 in bits 16–23, dirty in
 * bit 24); above, two adjacent words (four above 32 cores). One word halves the host
 * memory of the 8-core benchmark's directory (1 MiB for its 16 MiB LLC): 0.98 and 0.988,
 * paired medians of 10 and 12. A request reads one host cache line for the whole entry.
 * The cores' own states live with their private copies (private-caches.ts).
 * Left out: sparse or coarse directories (this one is exact and never evicts).
 */
export const MAX_CORES = 64;

/** Most cores whose entries are one word. */
const ONE_WORD_CORES = 16;
// Word offsets within an entry of two or four words.
/** Sharer bits of cores 0–31. */
const LO = 0;
/** Bits 0–7: the owner core + 1 (0: none); bit 8: the LLC line is dirty. */
const META = 1;
/** Sharer bits of cores 32–63 (entries of machines above 32 cores only). */
const HI = 2;

export class Directory {
  /** Line `l`'s entry is at `l << shift`. */
  private readonly words: Int32Array;
  private readonly shift: number;
  private readonly wide: boolean;
  /** Word of an entry holding the owner and the dirty bit: LO in one-word entries, else META. */
  private readonly meta: number;
  /** Bit offset of the owner + 1 in that word: 16 in one-word entries, else 0. */
  private readonly ownerShift: number;
  private readonly ownerMask: number;
  private readonly dirtyBit: number;
  /** The sharer bits of word LO: 16 in one-word entries, else 32. */
  private readonly loSharers: number;

  constructor(lines: number, cores: number) {
    if (!Number.isInteger(cores) || cores < 1 || cores > MAX_CORES)
      throw new RangeError(`cores must be 1..${MAX_CORES}, got ${cores}`);
    this.wide = cores > 32;
    const oneWord = cores <= ONE_WORD_CORES;
    this.shift = oneWord ? 0 : this.wide ? 2 : 1;
    this.meta = oneWord ? LO : META;
    this.ownerShift = oneWord ? 16 : 0;
    this.ownerMask = 0xff << this.ownerShift;
    this.dirtyBit = 0x100 << this.ownerShift;
    this.loSharers = oneWord ? 0xffff : -1;
    this.words = new Int32Array(lines << this.shift);
  }

  addSharer(line: number, core: number): void {
    const w = this.words;
    if (core < 32) w[(line << this.shift) + LO]! |= 1 << core;
    else w[(line << this.shift) + HI]! |= 1 << (core - 32);
  }

  removeSharer(line: number, core: number): void {
    const w = this.words;
    if (core < 32) w[(line << this.shift) + LO]! &= ~(1 << core);
    else w[(line << this.shift) + HI]! &= ~(1 << (core - 32));
  }

  isSharer(line: number, core: number): boolean {
    const at = line << this.shift;
    return core < 32
      ? (((this.words[at + LO] as number) >>> core) & 1) === 1
      : (((this.words[at + HI] as number) >>> (core - 32)) & 1) === 1;
  }

  /** True when some core other than `core` holds the line. */
  othersHold(line: number, core: number): boolean {
    const at = line << this.shift;
    const lo = (this.words[at + LO] as number) & this.loSharers;
    const hi = this.wide ? (this.words[at + HI] as number) : 0;
    if (core < 32) return (lo & ~(1 << core)) !== 0 || hi !== 0;
    return lo !== 0 || (hi & ~(1 << (core - 32))) !== 0;
  }

  /** Lowest sharer of the line above `after` (pass -1 to start), or -1. */
  nextSharer(line: number, after: number): number {
    const at = line << this.shift;
    const from = after + 1;
    if (from < 32) {
      const lo = (this.words[at + LO] as number) & this.loSharers & (from === 0 ? -1 : ~((1 << from) - 1));
      if (lo !== 0) return 31 - Math.clz32(lo & -lo);
    }
    if (!this.wide) return -1;
    const shift = from > 32 ? from - 32 : 0;
    if (shift >= 32) return -1;
    const hi = (this.words[at + HI] as number) & (shift === 0 ? -1 : ~((1 << shift) - 1));
    return hi === 0 ? -1 : 32 + 31 - Math.clz32(hi & -hi);
  }

  /** The line's owner core, or -1. */
  owner(line: number): number {
    return (
      (((this.words[(line << this.shift) + this.meta] as number) & this.ownerMask) >>> this.ownerShift) - 1
    );
  }

  setOwner(line: number, core: number): void {
    const at = (line << this.shift) + this.meta;
    this.words[at] = ((this.words[at] as number) & ~this.ownerMask) | ((core + 1) << this.ownerShift);
  }

  /** The line has no owner any more if it was `core`. */
  dropOwner(line: number, core: number): void {
    const at = (line << this.shift) + this.meta;
    const m = this.words[at] as number;
    if ((m & this.ownerMask) === (core + 1) << this.ownerShift) this.words[at] = m & ~this.ownerMask;
  }

  /** Whether the LLC's copy of the line is newer than memory. */
  isDirty(line: number): boolean {
    return ((this.words[(line << this.shift) + this.meta] as number) & this.dirtyBit) !== 0;
  }

  setDirty(line: number, dirty: boolean): void {
    const at = (line << this.shift) + this.meta;
    const m = this.words[at] as number;
    this.words[at] = dirty ? m | this.dirtyBit : m & ~this.dirtyBit;
  }
}
