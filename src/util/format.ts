/** Numbers in messages: counts with their noun, 32-bit values in hex. */

/** `1 event`, `2 events`, `1024 events` (an English plural in -s). */
export function counted(n: number | bigint, noun: string): string {
  return `${n} ${n === 1 || n === 1n ? noun : `${noun}s`}`;
}

/** `0x0000beef`: a 32-bit value (a CRC) in eight hex digits. */
export function hex32(v: number): string {
  return `0x${v.toString(16).padStart(8, '0')}`;
}
