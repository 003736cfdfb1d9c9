/** Numbers in messages: counts with their noun, 32-bit values in hex. */

/** `1 event`, `2 events`, `1024 events` (an English plural in -s). */
export function counted(n: number | bigint, noun: string): string {
  return `${n} ${n === 1 || n === 1n ? noun : `${noun}s`}`;
}

/** `0x0000beef`: a 32-bit value (a CRC) in eight hex digits. */
export function hex32(v: number): string {
  return `0x${v.toString(16).padStart(8, '0')}`;
}

/**
 * `text` cut into lines of at most `width` columns at spaces, every line after the first
 * indented by `indent` spaces (a word longer than a line stays whole).
 */
export function wrap(text: string, width: number, indent: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = ' '.repeat(indent) + word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  lines.push(line);
  return lines;
}

/**
 * A ratio for a table cell: 3 decimals, or 3 significant digits when that would show 0
 * (`0.000040`); `-` when it has no value (`whole` 0).
 */
export function ratio(part: number, whole: number): string {
  if (whole === 0) return '-';
  const r = part / whole;
  return r === 0 || r >= 0.0005 ? r.toFixed(3) : r.toPrecision(3);
}
