/**
 * LEB128 varints for the binary format, exact for every value up to 2^54 (addresses are
 * below 2^53, zigzag deltas below 2^54). Values above 2^31 are split into a low 28-bit
 * part and a high part so that no step loses precision in a double.
 * The writer side appends into a caller-owned byte array; the reader side lives in
 * binary-reader.ts, inlined into its loops.
 */

const TWO28 = 0x10000000;

/** Appends `v` (an integer in 0 .. 2^54) at `p`; returns the position after it. */
export function putVarint(buf: Uint8Array, p: number, v: number): number {
  if (v < 0x80000000) {
    while (v >= 0x80) {
      buf[p++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    buf[p++] = v;
    return p;
  }
  let lo = v % TWO28;
  for (let i = 0; i < 4; i++) {
    buf[p++] = (lo & 0x7f) | 0x80;
    lo >>>= 7;
  }
  return putVarint(buf, p, Math.floor(v / TWO28));
}

/**
 * Appends the zigzag varint of an integer delta `d` in ±(2^53-1) (0, -1, 1, -2 … → 0, 1, 2, 3 …).
 * The zigzag value can reach 2^54-3, past exact doubles, so large values are written from
 * their magnitude and sign without forming the value.
 */
export function putZigzag(buf: Uint8Array, p: number, d: number): number {
  const s = d < 0 ? 1 : 0;
  const m = s === 1 ? -d - 1 : d;
  if (m < 0x40000000) return putVarint(buf, p, m * 2 + s);
  let lo = (m % (TWO28 / 2)) * 2 + s;
  for (let i = 0; i < 4; i++) {
    buf[p++] = (lo & 0x7f) | 0x80;
    lo >>>= 7;
  }
  return putVarint(buf, p, Math.floor(m / (TWO28 / 2)));
}

/** Inverse of `zigzag` for a value given as low 28 bits and the rest (`hi` = value / 2^28). */
export function unzigzag(lo: number, hi: number): number {
  const mag = (lo >>> 1) + hi * (TWO28 / 2);
  return (lo & 1) === 0 ? mag : -mag - 1;
}
