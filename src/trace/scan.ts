/**
 * Byte-level helpers shared by the text parsers (txsim text, lackey, din): the hex digit
 * table, byte constants, and the cold-path helpers that turn bytes into strings for error
 * messages. The parsers' hot loops work on raw bytes and make no strings; they accumulate
 * numbers in doubles, which are exact up to 2^53, and a value that overflowed 2^53 still
 * compares greater than any limit.
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
export const CH_0 = 48;

/** The message for a carriage return that does not end its line (only LF and CRLF end lines). */
export const LONE_CR =
  'a carriage return inside the line: lines end in \\n or \\r\\n, a lone \\r is not a line end';

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
