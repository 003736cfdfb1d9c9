/**
 * Byte-level scanning helpers shared by the text parsers (txsim text, lackey, din).
 *
 * The parsers work on raw bytes: no strings are made on the success path. Numbers are
 * accumulated in doubles, which are exact up to 2^53; callers compare the result with
 * their limit, and a value that overflowed 2^53 still compares greater. Helpers return
 * the position after what they scanned and leave the value in `scanned` (a module-level
 * slot instead of a returned object, so the hot loops allocate nothing).
 */

/** Hex digit value per byte, or -1. */
export const HEX = new Int8Array(256).fill(-1);
for (let i = 0; i < 10; i++) HEX[48 + i] = i;
for (let i = 0; i < 6; i++) {
  HEX[65 + i] = 10 + i;
  HEX[97 + i] = 10 + i;
}

export const CH_TAB = 9;
export const CH_LF = 10;
export const CH_CR = 13;
export const CH_SPACE = 32;
export const CH_HASH = 35;
export const CH_COMMA = 44;
export const CH_0 = 48;
export const CH_9 = 57;
export const CH_AT = 64;

/** Value left by the last `scanHex` / `scanDec`. */
export let scanned = 0;

/** Scans hex digits from `p`; returns the position after them (== p if there are none). */
export function scanHex(buf: Uint8Array, p: number): number {
  let v = 0;
  let d = HEX[buf[p]!]!;
  while (d >= 0) {
    v = v * 16 + d;
    d = HEX[buf[++p]!]!;
  }
  scanned = v;
  return p;
}

/** Scans decimal digits from `p`; returns the position after them (== p if there are none). */
export function scanDec(buf: Uint8Array, p: number): number {
  let v = 0;
  let c = buf[p]!;
  while (c >= CH_0 && c <= CH_9) {
    v = v * 10 + (c - CH_0);
    c = buf[++p]!;
  }
  scanned = v;
  return p;
}

/** Skips spaces and tabs. */
export function skipBlanks(buf: Uint8Array, p: number): number {
  let c = buf[p]!;
  while (c === CH_SPACE || c === CH_TAB) c = buf[++p]!;
  return p;
}

/** True for a byte that ends a token: blank, end of line or the start of a comment. */
export function isTokenEnd(c: number): boolean {
  return c === CH_SPACE || c === CH_TAB || c === CH_LF || c === CH_CR || c === CH_HASH;
}

/** Position of the next line feed at or after `p` (the caller guarantees one exists). */
export function lineEnd(buf: Uint8Array, p: number): number {
  const i = buf.indexOf(CH_LF, p);
  return i < 0 ? buf.length : i;
}

/** The token at `p` for an error message: `'zz'`, or `end of line`. */
export function describeToken(buf: Uint8Array, p: number): string {
  let q = p;
  while (q < buf.length && q - p < 40 && !isTokenEnd(buf[q]!)) q++;
  if (q === p) return buf[p] === CH_HASH ? 'a comment' : 'end of line';
  const text = Buffer.from(buf.buffer, buf.byteOffset + p, q - p).toString('latin1');
  return `'${q - p >= 40 ? text + '…' : text}'`;
}

/** The line containing `p`, trimmed, for an error message (at most 80 characters). */
export function describeLine(buf: Uint8Array, start: number): string {
  const e = Math.min(lineEnd(buf, start), start + 80);
  return Buffer.from(buf.buffer, buf.byteOffset + start, e - start)
    .toString('latin1')
    .replace(/\r$/, '');
}
