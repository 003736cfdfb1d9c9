/**
 * Byte sources: where trace bytes come from (a file, stdin, a gunzip stream or memory).
 *
 * Readers pull bytes into their own buffer through `ByteSource.read`, so a plain file is
 * read with no intermediate copies. Streams (stdin, gunzip) are adapted by copying their
 * pieces. Every I/O or decompression failure becomes an `InputError` naming the input.
 * Left out: seeking (every format is read front to back exactly once).
 */
import { open, type FileHandle } from 'node:fs/promises';
import { Readable, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { InputError } from '../util/errors.js';

/** A forward-only stream of bytes. */
export interface ByteSource {
  /** Display name used in messages (the path, or `<stdin>`). */
  readonly name: string;
  /** Reads up to `length` bytes into `target` at `offset`; resolves to the count, 0 only at the end. */
  read(target: Uint8Array, offset: number, length: number): Promise<number>;
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

class FileSource implements ByteSource {
  private fh: FileHandle | null;
  constructor(
    readonly name: string,
    fh: FileHandle,
  ) {
    this.fh = fh;
  }
  async read(target: Uint8Array, offset: number, length: number): Promise<number> {
    if (this.fh === null) return 0;
    try {
      const { bytesRead } = await this.fh.read(target, offset, length, null);
      return bytesRead;
    } catch (err) {
      throw new InputError(`cannot read trace: ${ioReason(err)}`, { file: this.name });
    }
  }
  async close(): Promise<void> {
    const fh = this.fh;
    this.fh = null;
    if (fh !== null) await fh.close();
  }
}

/** Adapts an async iterator of byte pieces (stdin, gunzip output). */
class IteratorSource implements ByteSource {
  private piece: Uint8Array = new Uint8Array(0);
  private at = 0;
  private done = false;
  constructor(
    readonly name: string,
    private readonly it: AsyncIterator<Uint8Array>,
    private readonly onClose: () => void,
    private readonly mapError: (err: unknown) => Error,
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
  close(): Promise<void> {
    this.at = this.bytes.length;
    return Promise.resolve();
  }
}

/** Opens a file, or stdin for `-`. A missing file is an InputError. */
export async function openSource(path: string): Promise<ByteSource> {
  const name = displayName(path);
  if (path === '-') {
    const it = process.stdin[Symbol.asyncIterator]() as AsyncIterator<Uint8Array>;
    return new IteratorSource(
      name,
      it,
      () => process.stdin.pause(),
      (err) => new InputError(`cannot read trace: ${ioReason(err)}`, { file: name }),
    );
  }
  try {
    return new FileSource(name, await open(path, 'r'));
  } catch (err) {
    throw new InputError(`cannot open trace: ${ioReason(err)}`, { file: name });
  }
}

/** Reads `inner` to its end in blocks (feeds the gunzip stream). */
async function* blocksOf(inner: ByteSource): AsyncGenerator<Uint8Array> {
  for (;;) {
    const block = new Uint8Array(1 << 20);
    const n = await inner.read(block, 0, block.length);
    if (n === 0) return;
    yield block.subarray(0, n);
  }
}

/** Decompresses a gzip stream (one or more members) from `inner`. */
export function gunzipSource(inner: ByteSource): ByteSource {
  const gz = createGunzip({ chunkSize: 1 << 20 });
  const piped = pipeline(Readable.from(blocksOf(inner)), gz, () => undefined);
  const it = piped[Symbol.asyncIterator]() as AsyncIterator<Uint8Array>;
  return new IteratorSource(
    inner.name,
    it,
    () => {
      gz.destroy();
      void inner.close();
    },
    (err) =>
      err instanceof InputError
        ? err
        : new InputError(`corrupt gzip data (${err instanceof Error ? err.message : String(err)})`, {
            file: inner.name,
          }),
  );
}
