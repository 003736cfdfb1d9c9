/**
 * Cache geometry: size, associativity and line size, with the derived set count.
 * Parses the two spellings users type (`32KiB:8:64` and cachegrind's `32768,8,64`) and
 * rejects impossible shapes with a message naming what was asked for.
 * Left out: sectored lines, non-power-of-two set counts (no hashing of set indices).
 */
import { InputError } from '../util/errors.js';

export interface CacheGeometry {
  /** Capacity in bytes = sets × assoc × line. */
  readonly size: number;
  /** Ways per set (1 = direct mapped). */
  readonly assoc: number;
  /** Line (block) size in bytes; a power of two. */
  readonly line: number;
}

export interface DerivedGeometry extends CacheGeometry {
  readonly sets: number;
  readonly lineBits: number;
  readonly setMask: number;
}

const UNITS: Record<string, number> = {
  '': 1,
  B: 1,
  K: 1024,
  KB: 1024,
  KIB: 1024,
  M: 1 << 20,
  MB: 1 << 20,
  MIB: 1 << 20,
  G: 1 << 30,
  GB: 1 << 30,
  GIB: 1 << 30,
};

/** Parses a positive byte count such as `32768`, `32KiB`, `8MB` (binary units). */
export function parseBytes(text: string, what: string): number {
  const m = /^\s*(\d+)\s*([a-zA-Z]*)\s*$/.exec(text);
  const unit = m ? UNITS[(m[2] ?? '').toUpperCase()] : undefined;
  if (!m || unit === undefined) {
    throw new InputError(`${what}: expected a byte count such as 32768 or 32KiB, got '${text}'`);
  }
  const bytes = Number(m[1]) * unit;
  if (bytes === 0) throw new InputError(`${what}: must be at least 1 byte, got '${text}'`);
  return bytes;
}

/** Parses `size:assoc:line` or `size,assoc,line` (cachegrind's `--D1=` form). */
export function parseGeometry(text: string, what: string): CacheGeometry {
  const parts = text.split(/[:,]/);
  if (parts.length !== 3) {
    throw new InputError(
      `${what}: expected size:assoc:line (e.g. 32KiB:8:64) or size,assoc,line, got '${text}'`,
    );
  }
  const [s, a, l] = parts as [string, string, string];
  return {
    size: parseBytes(s, `${what} size`),
    assoc: parsePositiveInt(a, `${what} associativity`),
    line: parseBytes(l, `${what} line size`),
  };
}

function parsePositiveInt(text: string, what: string): number {
  if (!/^\s*\d+\s*$/.test(text) || Number(text) < 1) {
    throw new InputError(`${what}: expected a positive integer, got '${text}'`);
  }
  return Number(text);
}

export function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n > 0 && Number.isInteger(Math.log2(n));
}

/** Checks a geometry and derives sets and masks. `what` names the cache in messages (e.g. `L1D`). */
export function deriveGeometry(g: CacheGeometry, what: string): DerivedGeometry {
  const desc = `${what} ${g.size} B, ${g.assoc}-way, ${g.line} B lines`;
  if (!Number.isInteger(g.size) || g.size <= 0)
    throw new InputError(`${desc}: size must be a positive integer`);
  if (!Number.isInteger(g.assoc) || g.assoc <= 0)
    throw new InputError(`${desc}: associativity must be a positive integer`);
  if (!isPowerOfTwo(g.line)) throw new InputError(`${desc}: line size must be a power of two`);
  if (g.line > g.size) throw new InputError(`${desc}: line size is larger than the cache`);
  const lines = g.size / g.line;
  if (!Number.isInteger(lines) || lines % g.assoc !== 0) {
    throw new InputError(`${desc}: size is not a multiple of associativity × line size`);
  }
  const sets = lines / g.assoc;
  if (!isPowerOfTwo(sets))
    throw new InputError(`${desc}: the number of sets (${sets}) must be a power of two`);
  const lineBits = Math.log2(g.line);
  if (lineBits + Math.log2(sets) > 32)
    throw new InputError(`${desc}: set index would need more than 32 address bits`);
  return { ...g, sets, lineBits, setMask: sets - 1 };
}

/** `32 KiB` style rendering for reports. */
export function formatBytes(n: number): string {
  for (const [unit, f] of [
    ['GiB', 1 << 30],
    ['MiB', 1 << 20],
    ['KiB', 1024],
  ] as const) {
    if (n >= f && n % f === 0) return `${n / f} ${unit}`;
  }
  return `${n} B`;
}

/**
 * The line number of the last byte of an access of `size` bytes at `addr` (`invLine` is
 * 1 / the line size); a size-0 access (a lock event's) counts as its first byte.
 */
export function lastLine(addr: number, size: number, invLine: number): number {
  return Math.floor((addr + (size > 0 ? size - 1 : 0)) * invLine);
}
