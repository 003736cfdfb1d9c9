/**
 * Byte sinks: where writers put trace bytes (a file written atomically, stdout, memory).
 *
 * A file sink writes to `<out>.tmp-<pid>` and renames it over `<out>` only on `close()`,
 * so an interrupted or failed conversion never leaves a half-written output under the
 * final name; `abort()` removes the temporary file. A symbolic link is followed (the file
 * it names is replaced, the link stays); a device, FIFO or socket is written in place, as
 * a rename would replace the node itself (see `resolveOutput`). Optional gzip compresses
 * on the way. Every failure is one `InputError` naming the output.
 * A file's data is synced to disk before its rename. Left out: syncing the directory.
 */
import { open, rename, unlink } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import {
  keepAttributes,
  outputError,
  resolveOutput,
  trackTemp,
  untrackTemp,
  type AtomicTarget,
} from '../util/output-path.js';
import { writeAllSync } from '../util/atomic-write.js';

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
    /** For an atomic write: its temporary file, renamed onto its path on `close()`. */
    private readonly replace: AtomicTarget | null,
  ) {
    const onError = (err: Error): void => {
      this.failure ??= outputError(name, err);
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
      this.failure ??= outputError(this.name, err);
    }
    if (this.failure !== null) throw this.failure;
    if (this.replace === null) return;
    try {
      const fh = await open(this.replace.tmp, 'r+');
      try {
        await fh.sync(); // on disk before the rename makes it the file
      } finally {
        await fh.close();
      }
      keepAttributes(this.replace.tmp, this.replace.keep);
      await rename(this.replace.tmp, this.replace.path);
      untrackTemp(this.replace.tmp);
    } catch (err) {
      throw outputError(this.name, err);
    }
  }

  async abort(): Promise<void> {
    if (this.ownsDest) this.dest.destroy();
    if (this.head !== this.dest) this.head.destroy();
    if (this.replace === null) return;
    await unlink(this.replace.tmp).catch(() => undefined);
    untrackTemp(this.replace.tmp);
  }
}

/** A stream writing to descriptor `fd` (left open), through full pipes too (`writeAllSync`). */
function fdStream(fd: number): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done): void {
      try {
        writeAllSync(fd, chunk);
        done();
      } catch (e) {
        done(e as Error);
      }
    },
  });
}

/**
 * Opens `path` for writing (`-` is stdout), optionally gzip-compressed. Files are written
 * to `<file>.tmp-<pid>` and renamed on `close()`; devices, FIFOs and sockets in place
 * (opened for appending, like `writeFileAtomic`), `/dev/stdout` through the descriptor.
 */
export async function openFileSink(path: string, opts: { gzip?: boolean } = {}): Promise<ByteSink> {
  const gzip = opts.gzip ?? false;
  if (path === '-') return new StreamSink('<stdout>', process.stdout, gzip, false, null);
  const target = resolveOutput(path);
  if (target.mode === 'fd') {
    return new StreamSink(path, fdStream(target.fd), gzip, true, null);
  }
  const replace = target.mode === 'atomic' ? target : null;
  try {
    if (replace !== null) trackTemp(replace.tmp);
    const fh = await (replace === null ? open(target.path, 'a') : open(replace.tmp, 'w'));
    return new StreamSink(path, fh.createWriteStream(), gzip, true, replace);
  } catch (err) {
    throw outputError(path, err);
  }
}
