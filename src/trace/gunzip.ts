/**
 * Gzip decompression as a ByteSource (RFC 1952): the member framing is read here and zlib
 * only inflates, so that every error carries its byte offset in the compressed input.
 * Left out: compressions other than gzip (detect.ts names them).
 */
import { crc32, createInflateRaw, inflateRawSync, type InflateRaw } from 'node:zlib';
import { InputError } from '../util/errors.js';
import { hex32 } from '../util/format.js';
import { IteratorSource, type ByteSource } from './source.js';

/**
 * Compressed bytes handed to zlib at a time. zlib inflates a whole block before the
 * consumer's backpressure applies, so this bounds the decompressed data in flight.
 */
export const GZIP_IN_BLOCK = 256 << 10;

/** The most a member inflated at once may give (`GzipMembers.inflateInBlock`). */
const IN_BLOCK_OUTPUT = 16 << 20;

/** Flag bits of a gzip member header (RFC 1952). */
const FHCRC = 2;
const FEXTRA = 4;
const FNAME = 8;
const FCOMMENT = 16;
const FRESERVED = 0xe0;

/** The compressed input of a gzip stream: blocks read from `inner`, and their offsets. */
class CompressedInput {
  private block: Uint8Array = new Uint8Array(0);
  private at = 0;
  /** Offset of `block[0]` in the compressed input. */
  private base = 0;
  private ended = false;

  constructor(private readonly inner: ByteSource) {}

  /** Offset of the next unread byte. */
  get offset(): number {
    return this.base + this.at;
  }

  /** Makes at least one byte available; false at the end of the input. */
  async more(): Promise<boolean> {
    if (this.at < this.block.length) return true;
    if (this.ended) return false;
    // A fresh block each time: zlib may still hold the previous one.
    const block = new Uint8Array(GZIP_IN_BLOCK);
    const n = await this.inner.read(block, 0, block.length);
    this.base += this.block.length;
    this.block = block.subarray(0, n);
    this.at = 0;
    if (n === 0) this.ended = true;
    return n > 0;
  }

  /** The next byte, or -1 at the end of the input. */
  async byte(): Promise<number> {
    return (await this.more()) ? this.block[this.at++]! : -1;
  }

  /** Skips zero bytes; true if a non-zero byte follows, false at the end of the input. */
  async skipZeros(): Promise<boolean> {
    while (await this.more()) {
      while (this.at < this.block.length) {
        if (this.block[this.at] !== 0) return true;
        this.at++;
      }
    }
    return false;
  }

  /** The unread rest of the current block, left unread. */
  peek(): Uint8Array {
    return this.block.subarray(this.at);
  }

  /** Skips `n` bytes of the current block. */
  skip(n: number): void {
    this.at += n;
  }

  /** Takes the unread rest of the current block. */
  take(): Uint8Array {
    const rest = this.peek();
    this.skip(rest.length);
    return rest;
  }

  /** Gives back the last `n` bytes taken. */
  unread(n: number): void {
    this.at -= n;
  }
}

/**
 * Gzip decompression with the member framing (RFC 1952) done here and only the deflate data
 * inflated by zlib (a raw inflater per member), so that every error knows its compressed
 * byte offset: where the file is cut short, where trailing data that is not a gzip member
 * begins, which member trailer holds a wrong CRC or length. Zero bytes after the last member
 * (padding) are accepted, as gzip does. A deflate error is known only to within the block
 * being inflated (zlib's stream API reports no position), so its message gives that range.
 */
class GzipMembers {
  private readonly input: CompressedInput;
  private inflater: InflateRaw | null = null;

  constructor(private readonly inner: ByteSource) {
    this.input = new CompressedInput(inner);
  }

  /** Stops decompressing (the reader was closed). */
  destroy(): void {
    this.inflater?.destroy();
    this.inflater = null;
  }

  private fail(message: string, at: number): InputError {
    return new InputError(message, { file: this.inner.name, byteOffset: at });
  }

  private truncated(): InputError {
    return this.fail(
      'truncated gzip data: the file ends inside a gzip member (cut short?)',
      this.input.offset,
    );
  }

  private trailing(at: number): InputError {
    return this.fail(
      'trailing data after the end of the gzip stream (gzip -d ignores it with a warning; remove it)',
      at,
    );
  }

  /** The decompressed data, piece by piece. */
  async *pieces(): AsyncGenerator<Uint8Array> {
    for (let first = true; ; first = false) {
      const start = this.input.offset;
      if (!first && !(await this.memberFollows(start))) return;
      await this.header(start, first);
      let crc = 0;
      let size = 0;
      const whole = await this.inflateInBlock();
      if (whole !== null) {
        crc = crc32(whole);
        size = whole.length;
        if (size > 0) yield whole;
      } else {
        for await (const out of this.inflate()) {
          crc = crc32(out, crc);
          size += out.length;
          yield out;
        }
      }
      await this.trailer(crc, size);
    }
  }

  /**
   * After a member at `start`: true if another one may start there; false at the end of the
   * input or of zero padding up to it; anything else is trailing data, an error.
   */
  private async memberFollows(start: number): Promise<boolean> {
    const b = await this.input.byte();
    if (b === -1) return false;
    if (b === 0x1f) {
      this.input.unread(1);
      return true;
    }
    if (b === 0 && !(await this.input.skipZeros())) return false;
    throw this.trailing(start);
  }

  /** Reads a member header at `start`. */
  private async header(start: number, first: boolean): Promise<void> {
    const input = this.input;
    /** The header's bytes, for the header CRC (kept only when there is one). */
    const bytes: number[] = [];
    let keep = true;
    const next = async (): Promise<number> => {
      const b = await input.byte();
      if (b < 0) throw this.truncated();
      if (keep) bytes.push(b);
      return b;
    };
    if ((await next()) !== 0x1f || (await next()) !== 0x8b) {
      throw first ? this.fail('not gzip data (bad magic)', start) : this.trailing(start);
    }
    const method = await next();
    if (method !== 8)
      throw this.fail(`unknown gzip compression method ${method} (gzip uses 8, deflate)`, start + 2);
    const flags = await next();
    if ((flags & FRESERVED) !== 0) throw this.fail('unknown gzip header flags', start + 3);
    for (let i = 0; i < 6; i++) await next(); // modification time, extra flags, OS
    keep = (flags & FHCRC) !== 0;
    if ((flags & FEXTRA) !== 0) {
      const len = (await next()) | ((await next()) << 8);
      for (let i = 0; i < len; i++) await next();
    }
    if ((flags & FNAME) !== 0) while ((await next()) !== 0);
    if ((flags & FCOMMENT) !== 0) while ((await next()) !== 0);
    if (keep) {
      const at = input.offset;
      const computed = crc32(Uint8Array.from(bytes)) & 0xffff;
      keep = false;
      const stored = (await next()) | ((await next()) << 8);
      if (stored !== computed) throw this.fail('corrupt gzip data: header CRC mismatch', at);
    }
  }

  /**
   * The member's deflate data inflated at once when it ends inside the input block in hand
   * (the input then left right after it), else null. Members of a few KiB (bgzip files,
   * concatenated gzip files) then cost no round trip to zlib's worker threads each; a
   * member that goes on past the block, inflates to more than IN_BLOCK_OUTPUT, or is
   * corrupt takes the streaming path, which reports errors with their offsets.
   */
  private async inflateInBlock(): Promise<Uint8Array | null> {
    if (!(await this.input.more())) return null;
    try {
      // At most IN_BLOCK_OUTPUT bytes at once: more (highly compressible data) streams.
      const r = inflateRawSync(this.input.peek(), {
        info: true,
        maxOutputLength: IN_BLOCK_OUTPUT,
      }) as unknown as {
        buffer: Buffer;
        engine: { bytesWritten: number };
      };
      this.input.skip(r.engine.bytesWritten);
      return r.buffer;
    } catch {
      return null;
    }
  }

  /** Inflates the member's deflate data; leaves the input right after it. */
  private async *inflate(): AsyncGenerator<Uint8Array> {
    const input = this.input;
    const inf = createInflateRaw({ chunkSize: 1 << 20 });
    inf.on('error', () => undefined); // the loop below sees errors; none may go unhandled later
    this.inflater = inf;
    const dataStart = input.offset;
    /** End of the compressed bytes written to zlib so far. */
    let fedTo = dataStart;
    // One block in flight at a time: when zlib stops short of a block's end, the deflate
    // data ended there, and the rest of the block is the member trailer and what follows.
    const feed = async (): Promise<void> => {
      for (;;) {
        if (!(await input.more())) {
          inf.end();
          return;
        }
        const block = input.take();
        fedTo += block.length;
        const err = await new Promise<Error | null | undefined>((resolve) => inf.write(block, resolve));
        if (err !== null && err !== undefined) return; // the reading loop gets the error
        const left = fedTo - dataStart - inf.bytesWritten;
        if (left > 0) {
          input.unread(left);
          return;
        }
      }
    };
    const feeding = feed().catch((err: unknown) => {
      inf.destroy(err instanceof Error ? err : new Error(String(err)));
    });
    try {
      for await (const out of inf as AsyncIterable<Uint8Array>) yield out;
    } catch (err) {
      if (err instanceof InputError) throw err;
      if ((err as { code?: unknown }).code === 'Z_BUF_ERROR') throw this.truncated();
      const reason = err instanceof Error ? err.message : String(err);
      throw this.fail(
        `corrupt gzip data (${reason}), detected between this offset and byte ${fedTo}`,
        dataStart + inf.bytesWritten,
      );
    }
    await feeding;
    this.inflater = null;
  }

  /** Reads and checks a member trailer: the CRC32 and the length (mod 2^32) of its data. */
  private async trailer(crc: number, size: number): Promise<void> {
    const input = this.input;
    const at = input.offset;
    let crcStored = 0;
    let sizeStored = 0;
    for (let i = 0; i < 8; i++) {
      const b = await input.byte();
      if (b < 0) throw this.truncated();
      if (i < 4) crcStored += b * 2 ** (8 * i);
      else sizeStored += b * 2 ** (8 * (i - 4));
    }
    if (crcStored !== crc) {
      throw this.fail(
        `corrupt gzip data: CRC mismatch (stored ${hex32(crcStored)}, computed ${hex32(crc)})`,
        at,
      );
    }
    if (sizeStored !== size % 2 ** 32) {
      throw this.fail(
        `corrupt gzip data: length mismatch (stored ${sizeStored}, decompressed ${size % 2 ** 32} mod 2^32)`,
        at + 4,
      );
    }
  }
}

/** Decompresses a gzip stream (one or more members) from `inner`. */
export function gunzipSource(inner: ByteSource): ByteSource {
  const members = new GzipMembers(inner);
  return new IteratorSource(
    inner.name,
    members.pieces(),
    () => {
      members.destroy();
      void inner.close();
    },
    (err) =>
      err instanceof InputError
        ? err
        : new InputError(`corrupt gzip data (${err instanceof Error ? err.message : String(err)})`, {
            file: inner.name,
          }),
    () => inner.fraction(),
  );
}
