/**
 * Byte sources: where trace bytes come from (a file, stdin, a gunzip stream or memory).
 *
 * Readers pull bytes into their own buffer through `ByteSource.read`, so a plain file is
 * read with no intermediate copies. Streams (stdin, gunzip) are adapted by copying their
 * pieces. Every I/O failure becomes an `InputError` naming the input; gzip is
 * gunzip.ts. Left out: seeking (every format is read front to back exactly once).
 */
import { createReadStream, fstatSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { Socket } from 'node:net';
import type { Readable } from 'node:stream';
import { isatty, ReadStream as TtyReadStream } from 'node:tty';
import { isMainThread } from 'node:worker_threads';
import { InputError } from '../util/errors.js';

/** A forward-only stream of bytes. */
export interface ByteSource {
  /** Display name used in messages (the path, or `<stdin>`). */
  readonly name: string;
  /** Reads up to `length` bytes into `target` at `offset`; resolves to the count, 0 only at the end. */
  read(target: Uint8Array, offset: number, length: number): Promise<number>;
  /**
   * The share of the input handed out so far, 0 to 1 (for progress), or null when its size
   * is not known (a pipe, a terminal). Compressed input counts its compressed bytes.
   */
  fraction(): number | null;
  /** Releases the input; safe to call twice. */
  close(): Promise<void>;
}

/** Display name for a path given by the user (`-` is stdin). */
export function displayName(path: string): string {
  return path === '-' ? '<stdin>' : path;
}

/** Maps an fs error to the user-facing reason. */
export function ioReason(err: unknown): string {
  const code = (err as { code?: unknown }).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'is a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return err instanceof Error ? err.message : String(err);
  }
}

/** Bytes per file read; two such buffers are in use (one being read, one being consumed). */
const FILE_BLOCK = 1 << 20;

/**
 * A file read ahead: while the caller consumes one block, the next is already being read
 * (fs reads run on libuv's thread pool, so reading overlaps parsing).
 */
class FileSource implements ByteSource {
  private fh: FileHandle | null;
  private ready: Uint8Array = new Uint8Array(FILE_BLOCK);
  private spare: Uint8Array = new Uint8Array(FILE_BLOCK);
  private readyLen = 0;
  private readyAt = 0;
  private inFlight: Promise<number> | null = null;
  private ended = false;
  /** Bytes handed out by `read`. */
  private handed = 0;

  constructor(
    readonly name: string,
    fh: FileHandle,
    /** The file's size when it was opened. */
    private readonly size: number,
  ) {
    this.fh = fh;
    this.inFlight = this.startRead(this.spare);
  }

  private startRead(into: Uint8Array): Promise<number> {
    const fh = this.fh;
    if (fh === null) return Promise.resolve(0);
    const pending = fh.read(into, 0, into.length, null).then(
      (r) => r.bytesRead,
      (err: unknown) => {
        throw new InputError(`cannot read trace: ${ioReason(err)}`, { file: this.name });
      },
    );
    // A read ahead that fails after its reader was abandoned must not be an unhandled
    // rejection; `read` still sees the error because it awaits `pending` itself.
    pending.catch(() => undefined);
    return pending;
  }

  async read(target: Uint8Array, offset: number, length: number): Promise<number> {
    if (this.readyAt >= this.readyLen) {
      if (this.ended || this.inFlight === null) return 0;
      const got = await this.inFlight;
      this.inFlight = null;
      if (got === 0) {
        this.ended = true;
        return 0;
      }
      const filled = this.spare;
      this.spare = this.ready;
      this.ready = filled;
      this.readyLen = got;
      this.readyAt = 0;
      this.inFlight = this.startRead(this.spare);
    }
    const n = Math.min(length, this.readyLen - this.readyAt);
    target.set(this.ready.subarray(this.readyAt, this.readyAt + n), offset);
    this.readyAt += n;
    this.handed += n;
    return n;
  }

  fraction(): number | null {
    return this.size > 0 ? Math.min(1, this.handed / this.size) : null;
  }

  async close(): Promise<void> {
    const fh = this.fh;
    const pending = this.inFlight;
    this.fh = null;
    this.inFlight = null;
    this.ended = true;
    if (pending !== null) await pending.catch(() => 0);
    if (fh !== null) await fh.close();
  }
}

/** Adapts an async iterator of byte pieces (stdin, gunzip output). */
export class IteratorSource implements ByteSource {
  private piece: Uint8Array = new Uint8Array(0);
  private at = 0;
  private done = false;
  constructor(
    readonly name: string,
    private readonly it: AsyncIterator<Uint8Array>,
    private readonly onClose: () => void,
    private readonly mapError: (err: unknown) => Error,
    /** ByteSource.fraction: a gunzip stream's is its compressed input's. */
    readonly fraction: () => number | null = () => null,
  ) {}
  async read(target: Uint8Array, offset: number, length: number): Promise<number> {
    while (this.at >= this.piece.length) {
      if (this.done) return 0;
      let r: IteratorResult<Uint8Array>;
      try {
        r = await this.it.next();
      } catch (err) {
        this.done = true;
        throw this.mapError(err);
      }
      if (r.done === true) {
        this.done = true;
        return 0;
      }
      this.piece = r.value;
      this.at = 0;
    }
    const n = Math.min(length, this.piece.length - this.at);
    target.set(this.piece.subarray(this.at, this.at + n), offset);
    this.at += n;
    return n;
  }
  close(): Promise<void> {
    this.done = true;
    this.onClose();
    return Promise.resolve();
  }
}

/** Serves bytes already read (the detection head) before the rest of `inner`. */
export class PrefixSource implements ByteSource {
  private at = 0;
  constructor(
    private readonly head: Uint8Array,
    private readonly inner: ByteSource,
  ) {}
  get name(): string {
    return this.inner.name;
  }
  read(target: Uint8Array, offset: number, length: number): Promise<number> {
    if (this.at < this.head.length) {
      const n = Math.min(length, this.head.length - this.at);
      target.set(this.head.subarray(this.at, this.at + n), offset);
      this.at += n;
      return Promise.resolve(n);
    }
    return this.inner.read(target, offset, length);
  }
  fraction(): number | null {
    return this.inner.fraction();
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

/** In-memory bytes (tests, and callers that already hold a trace). */
export class MemorySource implements ByteSource {
  private at = 0;
  constructor(
    readonly name: string,
    private readonly bytes: Uint8Array,
  ) {}
  read(target: Uint8Array, offset: number, length: number): Promise<number> {
    const n = Math.min(length, this.bytes.length - this.at);
    target.set(this.bytes.subarray(this.at, this.at + n), offset);
    this.at += n;
    return Promise.resolve(n);
  }
  fraction(): number | null {
    return this.bytes.length > 0 ? this.at / this.bytes.length : null;
  }
  close(): Promise<void> {
    this.at = this.bytes.length;
    return Promise.resolve();
  }
}

function stdinIsDirectory(): boolean {
  try {
    return fstatSync(0).isDirectory();
  } catch {
    return false; // no stdin at all: the stream reports it
  }
}

/**
 * The process's standard input as a stream. The main thread's is `process.stdin`. A worker
 * thread's `process.stdin` is fed by its parent, so a worker (the threaded reader,
 * read-thread.ts) opens descriptor 0 itself, as Node does for `process.stdin`: a terminal,
 * a pipe or socket, or a file (read on from its current position). Destroying this stream
 * leaves the descriptor open: libuv never closes descriptors 0–2, and the file stream is
 * told not to. Only one thread may read stdin in a process.
 */
function stdinStream(): Readable {
  if (isMainThread) return process.stdin;
  if (isatty(0)) return new TtyReadStream(0);
  const st = fstatSync(0);
  if (st.isFIFO() || st.isSocket()) return new Socket({ fd: 0, readable: true, writable: false });
  return createReadStream('', { fd: 0, autoClose: false });
}

/** Opens a file, or stdin for `-`. A missing file is an InputError. */
export async function openSource(path: string): Promise<ByteSource> {
  const name = displayName(path);
  if (path === '-') {
    // A directory on stdin reads as empty through the stream; say what it is instead.
    if (stdinIsDirectory()) throw new InputError('cannot read trace: is a directory', { file: name });
    const stream = stdinStream();
    const it = stream[Symbol.asyncIterator]() as AsyncIterator<Uint8Array>;
    return new IteratorSource(
      name,
      it,
      // Destroyed, not paused: a paused stdin kept the process waiting for its writer to end.
      () => stream.destroy(),
      (err) => new InputError(`cannot read trace: ${ioReason(err)}`, { file: name }),
    );
  }
  try {
    const fh = await open(path, 'r');
    return new FileSource(name, fh, (await fh.stat()).size);
  } catch (err) {
    throw new InputError(`cannot open trace: ${ioReason(err)}`, { file: name });
  }
}
