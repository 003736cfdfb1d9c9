/** Counts in messages: `1 event`, `2 events`, `1,024 cycles` (an English plural in -s). */
export function counted(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? noun : `${noun}s`}`;
}
