/**
 * Integer ranges of user-settable values (core counts, latencies, the seed), described
 * once so that preset files and command-line options check them with the same words.
 */
export interface IntRange {
  readonly min: number;
  readonly max: number;
  /** A valid value in words, for messages: `an integer from 1 to 64`. */
  readonly describe: string;
}

/** True when `v` is an integer within `r`. */
export function inRange(v: unknown, r: IntRange): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= r.min && v <= r.max;
}
