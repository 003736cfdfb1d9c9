/**
 * User-facing errors. Anything the user can cause (bad input, bad flags, bad geometry)
 * is thrown as an `InputError`; the CLI prints its message alone and exits non-zero.
 * Any other exception is a txsim bug and keeps its stack trace.
 */

/** Where in an input the problem is: a file and a line, a byte offset, or neither. */
export interface InputLocation {
  readonly file?: string;
  readonly line?: number;
  readonly byteOffset?: number;
}

export class InputError extends Error {
  readonly location: InputLocation;
  /** The message without its location prefix. */
  readonly detail: string;
  constructor(message: string, location: InputLocation = {}) {
    super(formatLocated(message, location));
    this.name = 'InputError';
    this.location = location;
    this.detail = message;
  }
}

function formatLocated(message: string, loc: InputLocation): string {
  if (loc.file === undefined) return message;
  if (loc.line !== undefined) return `${loc.file}:${loc.line}: ${message}`;
  if (loc.byteOffset !== undefined) return `${loc.file}: at byte offset ${loc.byteOffset}: ${message}`;
  return `${loc.file}: ${message}`;
}

/**
 * A write to a pipe whose reader has gone (`txsim ... /dev/stdout | head`, a FIFO): the
 * reader wanted no more, so the CLI ends quietly with status 0, as it does for stdout.
 */
export class PipeClosed extends InputError {
  constructor(path: string) {
    super('cannot write output: the pipe was closed by its reader', { file: path });
    this.name = 'PipeClosed';
  }
}

/** The `index`-th event (from 0) of trace thread `tid`. */
export interface ThreadEventRef {
  readonly tid: number;
  readonly index: number;
}

/**
 * An InputError about one trace event that the simulator knows only as the `index`-th
 * event (from 0) of trace thread `tid`: the multicore replay re-reads the trace to name
 * the event's line or byte offset (trace/locate.ts, sim/multicore.ts). The message may
 * name where other events are: the k-th of `others` at the marker `{k}` (from 1), which
 * becomes " at line N" (or " at byte offset N", or " at its event N").
 */
export class ThreadEventError extends InputError {
  constructor(
    message: string,
    readonly tid: number,
    readonly index: number,
    readonly others: readonly ThreadEventRef[] = [],
  ) {
    super(message);
  }
}

/** Exhaustiveness check for switches over string-literal unions. */
export function assertNever(x: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${String(x)}`);
}
