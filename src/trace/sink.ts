/**
 * Byte sinks: where writers put trace bytes (a file written atomically, stdout, memory).
 *
 * A file sink writes to `<out>.tmp-<pid>` and renames it over `<out>` only on `close()`,
 * so an interrupted or failed conversion never leaves a half-written output under the
 * final name; `abort()` removes the temporary file. Optional gzip compresses on the way.
 * Left out: fsync (a crash may lose the finished file's data, never leave it half-renamed).
 */
import { open, rename, unlink } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { InputError } from '../util/errors.js';
import { ioReason } from './source.js';

export interface ByteSink {
  /** Appends bytes. The sink may keep a reference: the caller must not modify `bytes` afterwards. */
  write(bytes: Uint8Array): Promise<void>;
  /** Flushes and closes; once it resolves the output is complete (and renamed into place). */
  close(): Promise<void>;
  /** Abandons the output: closes it and removes any partial file. Safe after a failure. */
  abort(): Promise<void>;
}

/** Collects bytes in memory (tests, small conversions). */
export class MemorySink implements ByteSink {
  private readonly parts: Uint8Array[] = [];
  write(bytes: Uint8Array): Promise<void> {
    this.parts.push(bytes);
    return Promise.resolve();
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
  abort(): Promise<void> {
    this.parts.length = 0;
    return Promise.resolve();
  }
  /** Everything written so far, as one buffer. */
  bytes(): Buffer {
    return Buffer.concat(this.parts);
  }
}

class StreamSink implements ByteSink {
  private failure: Error | null = null;
  private readonly head: Writable;
  constructor(
    private readonly name: string,
    private readonly dest: Writable,
    gzip: boolean,
    private readonly ownsDest: boolean,
    private readonly tmp: string | null,
  ) {
    const onError = (err: Error): void => {
      this.failure ??= new InputError(`cannot write output: ${ioReason(err)}`, { file: name });
    };
    dest.on('error', onError);
    if (gzip) {
      const gz = createGzip();
      gz.on('error', onError);
      gz.pipe(dest, { end: ownsDest });
      this.head = gz;
    } else {
      this.head = dest;
    }
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (this.failure !== null) throw this.failure;
    if (this.head.write(bytes)) return;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        this.head.off('drain', done);
        this.head.off('error', done);
        this.dest.off('error', done);
        resolve();
      };
      this.head.on('drain', done);
      this.head.on('error', done);
      this.dest.on('error', done);
    });
    if (this.failure !== null) throw this.failure;
  }

  async close(): Promise<void> {
    if (this.failure !== null) throw this.failure;
    if (this.head === this.dest && !this.ownsDest) return; // plain stdout stays open
    this.head.end();
    try {
      await finished(this.ownsDest ? this.dest : this.head);
    } catch (err) {
      this.failure ??= new InputError(`cannot write output: ${ioReason(err)}`, { file: this.name });
    }
    if (this.failure !== null) throw this.failure;
    if (this.tmp !== null) await rename(this.tmp, this.name);
  }

  async abort(): Promise<void> {
    if (this.ownsDest) this.dest.destroy();
    if (this.head !== this.dest) this.head.destroy();
    if (this.tmp !== null) await unlink(this.tmp).catch(() => undefined);
  }
}

/**
 * Opens `path` for writing (`-` is stdout), optionally gzip-compressed. Files are written
 * to `<path>.tmp-<pid>` and renamed on `close()`.
 */
export async function openFileSink(path: string, opts: { gzip?: boolean } = {}): Promise<ByteSink> {
  const gzip = opts.gzip ?? false;
  if (path === '-') return new StreamSink('<stdout>', process.stdout, gzip, false, null);
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    const fh = await open(tmp, 'w');
    return new StreamSink(path, fh.createWriteStream(), gzip, true, tmp);
  } catch (err) {
    const reason =
      (err as { code?: unknown }).code === 'ENOENT' ? 'its directory does not exist' : ioReason(err);
    throw new InputError(`cannot write output: ${reason}`, { file: path });
  }
}
