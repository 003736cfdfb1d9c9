/**
 * A set-associative tag array: maps a block number to a line id (set × assoc + way) and
 * back. Each line has two words (`words`): its tag, and a word its replacement policy may
 * keep there (LRU's stamp), so a hit's lookup and its touch share one host cache line
 * (2–3 % faster on the 8-core benchmark than a separate stamp array, paired medians). Every
 * other per-line attribute (dirty bit, coherence state, transactional bits) lives in typed
 * arrays indexed by the line id, owned by whoever needs it.
 * The words are 64-bit floats, which hold any block number (addresses below 2^53), or, for
 * a narrow array, 32-bit integers, which hold block numbers below 2^31 in half the host
 * memory: the multicore machine renumbers a trace's addresses densely for them
 * (src/trace/dense.ts). 8-core benchmark: 0.968 (paired median of 12) against 64-bit words,
 * with lookup hints hashed for dense addresses (multicore/private-caches.ts).
 * Left out: data values (trace-driven: only addresses matter), sectoring, set hashing.
 */
import type { Rng } from '../util/rng.js';
import { type CacheGeometry, type DerivedGeometry, deriveGeometry } from './geometry.js';
import { createReplacement, type ReplacementPolicy, type TagWords } from './replacement/index.js';

/** Tag value of an invalid line. */
export const INVALID = -1;

export interface TagOptions {
  /** 32-bit words: every block number given must be below 2^31 (dense addresses). */
  readonly narrow: boolean;
  /** Test knob: the LRU counter's limit on narrow words (replacement/lru.ts). */
  readonly stampLimit?: number;
}

export class TagArray {
  readonly geom: DerivedGeometry;
  /**
   * Two words per line id: `words[2 × line]` is the block number (address / line size) it
   * holds, or INVALID; `words[2 × line + 1]` belongs to the replacement policy.
   */
  readonly words: TagWords;
  /** Line ids: sets × assoc. */
  readonly lines: number;
  readonly policy: ReplacementPolicy;
  readonly assoc: number;
  readonly setMask: number;
  /** 1 / line size: exact, since the line size is a power of two. */
  readonly invLine: number;
  /** Line size − 1: the offset bits of an address. */
  readonly lineMask: number;
  /** Block evicted by the last `fill`, or INVALID when it used an empty way. */
  evicted = INVALID;
  /** Valid lines (callers skip a level that holds nothing). */
  valid = 0;
  /**
   * The block of the last `reference`. Referencing it again is a hit that changes no
   * replacement state (a touch of the most recent line is idempotent for every policy),
   * so hot loops may test `block === lastBlock` before calling `reference`.
   */
  lastBlock = NaN; // NaN matches no block; a double start keeps the field unboxed in V8

  constructor(
    geometry: CacheGeometry,
    replacement: string,
    rng: Rng,
    what: string,
    opts: TagOptions = { narrow: false },
  ) {
    this.geom = deriveGeometry(geometry, what);
    this.assoc = this.geom.assoc;
    this.setMask = this.geom.setMask;
    this.invLine = 1 / this.geom.line;
    this.lineMask = this.geom.line - 1;
    this.lines = this.geom.sets * this.assoc;
    this.words = emptyWords(this.lines, opts.narrow);
    this.policy = createReplacement(replacement, this.geom.sets, this.assoc, rng, what, this.words);
    if (opts.stampLimit !== undefined) this.policy.limitStamps(opts.stampLimit);
  }

  /** Block held by line id `line`, or INVALID. */
  tagOf(line: number): number {
    return this.words[2 * line] as number;
  }

  /** Line id holding `block`, or -1. Does not update replacement state. */
  find(block: number): number {
    const base = (block & this.setMask) * this.assoc;
    const words = this.words;
    for (let l = base, end = base + this.assoc; l < end; l++) {
      if (words[2 * l] === block) return l;
    }
    return -1;
  }

  /**
   * Installs `block` (which must be absent) and returns its line id. An empty way is used
   * first (lowest way), else the policy's victim; the displaced block is left in `evicted`.
   */
  fill(block: number): number {
    const set = block & this.setMask;
    const words = this.words;
    let line = -1;
    if (this.policy.emptyFirst) line = this.policy.victim(set);
    else {
      const base = set * this.assoc;
      for (let l = base, end = base + this.assoc; l < end; l++) {
        if (words[2 * l] === INVALID) {
          line = l;
          break;
        }
      }
      if (line < 0) line = this.policy.victim(set);
    }
    const evicted = words[2 * line] as number;
    if (evicted === INVALID) this.valid++;
    else if (evicted === this.lastBlock) this.lastBlock = NaN;
    this.evicted = evicted;
    words[2 * line] = block;
    this.policy.insert(line);
    return line;
  }

  /** Looks `block` up and updates replacement state; fills on a miss. Returns true on a hit. */
  reference(block: number): boolean {
    this.lastBlock = block;
    const l = this.find(block);
    if (l >= 0) {
      this.policy.touch(l);
      return true;
    }
    this.fill(block);
    return false;
  }

  /** Drops a line (coherence invalidation, back-invalidation). */
  invalidate(line: number): void {
    const block = this.words[2 * line] as number;
    if (block === this.lastBlock) this.lastBlock = NaN;
    if (block !== INVALID) this.valid--;
    this.words[2 * line] = INVALID;
    this.policy.invalidate(line);
  }
}

/**
 * Words for `lines` invalid lines: tags INVALID, policy words 0. (A function of its own: a
 * loop in the constructor is compiled on the stack, once per instance, each time thrown away.)
 */
function emptyWords(lines: number, narrow: boolean): TagWords {
  const words = narrow ? new Int32Array(2 * lines) : new Float64Array(2 * lines);
  for (let l = 0; l < lines; l++) words[2 * l] = INVALID;
  return words;
}
