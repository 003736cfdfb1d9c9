/**
 * Option values shared by the commands. Every value option is declared as a string that
 * takes exactly one argument (`nargs: 1`, so `--cores` without a value is an error and
 * `-` is a value) and is checked here, so each message quotes what the user typed.
 * Numbers are plain decimal integers: `0x10`, `1e1`, `2.0` and `+3` are refused.
 */
import { TRACE_FORMATS } from '../trace/reader.js';
import { InputError } from '../util/errors.js';
import { inRange, type IntRange } from '../util/int-range.js';

/** `--quiet`, for the commands that show progress on a terminal (progress.ts). */
export const QUIET_OPTION = { type: 'boolean', default: false, describe: 'no progress output' } as const;

/** The values of the input `--format` / `--from` options: a trace format, or detection. */
export const INPUT_FORMATS = ['auto', ...TRACE_FORMATS] as const;

/** Parses a decimal integer within `range`; `option` names it in messages (`--cores`). */
export function parseInteger(text: string, option: string, range: IntRange): number {
  if (text === '') throw new InputError(`${option} needs a value`);
  const v = /^-?\d+$/.test(text) ? Number(text) : NaN;
  if (!inRange(v, range)) throw new InputError(`${option} must be ${range.describe}, got '${text}'`);
  return v;
}

/** An optional integer option: undefined when not given. */
export function integerOption(text: string | undefined, option: string, range: IntRange): number | undefined {
  return text === undefined ? undefined : parseInteger(text, option, range);
}

/** A value among `known`; `what` names the kind in messages (`--protocol: unknown coherence protocol 'msi'`). */
export function oneOf<T extends string>(value: string, known: readonly T[], option: string, what: string): T {
  if (!(known as readonly string[]).includes(value))
    throw new InputError(`${option}: unknown ${what} '${value}' (known: ${known.join(', ')})`);
  return value as T;
}

/** Checks an optional output file option: a file path, not `-` (`hint` says what to do instead). */
export function outputFileOption(path: string | undefined, option: string, hint: string): void {
  if (path === '-') throw new InputError(`${option} needs a file path; ${hint}`);
}
