/**
 * Output paths: where a result file really goes, checked before anything is written.
 *
 * `resolveOutput` follows symbolic links to the file they name, so an atomic write
 * replaces that file and the link stays a link. A target that exists and is not a regular
 * file (character or block device, FIFO, socket) is written in place: renaming over it
 * would replace the device node or FIFO with a plain file. Links into `/proc/<pid>/fd`
 * (what `/dev/stdout` and `/dev/fd/N` resolve to) name an open file description, not a
 * file: this process's own descriptors are written through the descriptor (at its
 * position, as a shell redirection expects), other processes' in place. `checkOutputs`
 * refuses, before a run, an output that is the input trace or another output. Every
 * refusal and every write failure is one `InputError` naming the path.
 * Left out: the checks and the write are not one atomic step (a file created or removed
 * in between is not noticed), and free space is only discovered by writing.
 */
import {
  accessSync,
  chmodSync,
  chownSync,
  constants,
  lstatSync,
  readlinkSync,
  realpathSync,
  rmSync,
  statSync,
  type Stats,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError, PipeClosed } from './errors.js';

/** Where the bytes for an output go, and how. */
export type OutputTarget =
  /**
   * Write the temporary file `tmp` beside `path`, then rename it onto `path` (a regular
   * file, or new); `keep` is the replaced file's permissions and owner, which the new file takes.
   */
  | { readonly mode: 'atomic'; readonly path: string; readonly tmp: string; readonly keep: Kept | null }
  /** Open `path` for appending and write in place (devices, FIFOs, sockets). */
  | { readonly mode: 'direct'; readonly path: string }
  /** Write to this process's open descriptor `fd` (`/dev/stdout`, `/dev/fd/N`), where it is. */
  | { readonly mode: 'fd'; readonly path: string; readonly fd: number };

/** The temporary file an atomic write of `path` goes to before its rename. */
function tempBeside(path: string): string {
  return `${path}.tmp-${process.pid}`;
}

/**
 * Temporary files of atomic writes that span event-loop turns (a streamed conversion),
 * so an interrupted run can remove them (`removePendingTemps`, which the CLI calls on
 * SIGINT, SIGTERM and SIGHUP). A write done in one synchronous call needs no entry.
 */
const pendingTemps = new Set<string>();

export function trackTemp(tmp: string): void {
  pendingTemps.add(tmp);
}

export function untrackTemp(tmp: string): void {
  pendingTemps.delete(tmp);
}

export function removePendingTemps(): void {
  for (const tmp of pendingTemps) rmSync(tmp, { force: true });
  pendingTemps.clear();
}

/** What a replaced file passes on to the file that replaces it. */
export interface Kept {
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
}

/**
 * Gives the temporary file `tmp` the replaced file's permissions, and its owner and group
 * where this process may (root, or a group of its own): as an in-place write would leave
 * them. Call before renaming `tmp` into place.
 */
export function keepAttributes(tmp: string, keep: Kept | null): void {
  if (keep === null) return;
  chmodSync(tmp, keep.mode);
  try {
    chownSync(tmp, keep.uid, keep.gid);
  } catch (e) {
    if (codeOf(e) !== 'EPERM') throw e;
  }
}

/** An atomic write's target. */
export type AtomicTarget = Extract<OutputTarget, { readonly mode: 'atomic' }>;

/** Linux's limit on symbolic links followed in one lookup. */
const MAX_LINKS = 40;

/** `/proc/<pid>/fd` and its per-task variant (what `/proc/self/fd` resolves to). */
const FD_DIR = /^\/proc\/(\d+)(?:\/task\/\d+)?\/fd$/;

function codeOf(err: unknown): unknown {
  return (err as { code?: unknown }).code;
}

/** The user-facing reason an output could not be written. */
export function outputReason(err: unknown): string {
  switch (codeOf(err)) {
    case 'ENOENT':
      return 'its directory does not exist';
    case 'ENOTDIR':
      return 'a part of its path is not a directory';
    case 'EISDIR':
      return 'is a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOSPC':
      return 'no space left on device';
    case 'EDQUOT':
      return 'disk quota exceeded';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'ENXIO':
      return 'nothing can be written there (a socket, or a device that is not present)';
    case 'ENAMETOOLONG':
      return 'the name is too long';
    default:
      return err instanceof Error ? err.message : String(err);
  }
}

/** The one-line error for a failure to write `path` (PipeClosed when a pipe's reader went away). */
export function outputError(path: string, err: unknown): InputError {
  if (err instanceof InputError) return err;
  if ((err as NodeJS.ErrnoException | null)?.code === 'EPIPE') return new PipeClosed(path);
  return new InputError(`cannot write output: ${outputReason(err)}`, { file: path });
}

function fail(path: string, reason: string): never {
  throw new InputError(`cannot write output: ${reason}`, { file: path });
}

/**
 * Where an output named `path` goes. Throws an `InputError` naming `path` when it is
 * empty, a directory, in a directory that does not exist, or in one that cannot be written.
 */
export function resolveOutput(path: string): OutputTarget {
  if (path === '') throw new InputError('cannot write output: the file name is empty');
  let p = path;
  for (let links = 0; ; links++) {
    let dir: string;
    try {
      dir = realpathSync(dirname(p));
    } catch (err) {
      fail(path, outputReason(err));
    }
    if (!statSync(dir).isDirectory()) fail(path, outputReason({ code: 'ENOTDIR' }));
    const fdOf = FD_DIR.exec(dir)?.[1];
    if (fdOf !== undefined) {
      const name = basename(p);
      return Number(fdOf) === process.pid && /^\d+$/.test(name)
        ? { mode: 'fd', path: p, fd: Number(name) }
        : { mode: 'direct', path: p };
    }
    const here = join(dir, basename(p));
    let st: Stats;
    try {
      st = lstatSync(here);
    } catch (err) {
      if (codeOf(err) !== 'ENOENT') fail(path, outputReason(err));
      // A new file: the temporary file and the rename both need a writable directory.
      try {
        accessSync(dir, constants.W_OK);
      } catch (e) {
        fail(path, outputReason(e));
      }
      return { mode: 'atomic', path: here, tmp: tempBeside(here), keep: null };
    }
    if (st.isSymbolicLink()) {
      if (links >= MAX_LINKS) fail(path, outputReason({ code: 'ELOOP' }));
      p = resolve(dir, readlinkSync(here));
      continue;
    }
    if (st.isDirectory()) fail(path, outputReason({ code: 'EISDIR' }));
    if (!st.isFile()) return { mode: 'direct', path: here };
    try {
      accessSync(dir, constants.W_OK);
    } catch (e) {
      fail(path, outputReason(e));
    }
    return {
      mode: 'atomic',
      path: here,
      tmp: tempBeside(here),
      keep: { mode: st.mode & 0o7777, uid: st.uid, gid: st.gid },
    };
  }
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/**
 * True when writing `b` would replace the file `a` (or the file written as `a`): both are
 * the same regular file (any links followed, hard links too), or neither exists yet and
 * both resolve to the same new path. Two names for one device or FIFO (`/dev/null`,
 * `/dev/stdout`) do not clash: writing one does not destroy the other.
 */
export function sameFile(a: string, b: string): boolean {
  const sa = statOrNull(a);
  const sb = statOrNull(b);
  if (sa !== null && sb !== null) return sa.isFile() && sa.dev === sb.dev && sa.ino === sb.ino;
  if (sa !== null || sb !== null) return false;
  try {
    return resolveOutput(a).path === resolveOutput(b).path;
  } catch {
    return resolve(a) === resolve(b);
  }
}

/** One output of a command: the option (or argument) that names it, and its path. */
export interface NamedOutput {
  readonly option: string;
  readonly path: string;
}

/**
 * Checks a command's outputs before it runs: each must be writable (see `resolveOutput`),
 * none may be the input (`-` for stdin is never a file) and no two may be the same file.
 */
export function checkOutputs(input: string, outputs: readonly NamedOutput[]): void {
  for (const [i, out] of outputs.entries()) {
    if (out.path === '') throw new InputError(`${out.option}: the file name is empty`);
    resolveOutput(out.path);
    if (input !== '-' && sameFile(input, out.path))
      throw new InputError(`${out.option} is the input trace (it would be overwritten)`, {
        file: out.path,
      });
    for (const other of outputs.slice(0, i)) {
      if (sameFile(other.path, out.path))
        throw new InputError(`${other.option} and ${out.option} name the same file`, { file: out.path });
    }
  }
}
