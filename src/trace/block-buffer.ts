/**
 * The refillable input buffer every reader parses from.
 *
 * Bytes `pos .. end-1` are unread input; `base` is the stream offset of `buf[0]`, so
 * `base + i` is the byte offset of `buf[i]` (used in binary error messages). The buffer
 * always keeps `SLACK` spare bytes after its capacity so that decoders may look a bounded
 * distance past `end` without leaving the array. Memory: one block (default 4 MiB) plus
 * slack; it grows only when a caller needs a larger contiguous span (a long line or a big
 * binary chunk), up to `MAX_SPAN`.
 */
import { InputError } from '../util/errors.js';
import type { ByteSource } from './source.js';

/** Spare bytes kept after the capacity. */
export const SLACK = 64;
/** Default read block. */
export const BLOCK_BYTES = 4 << 20;
/** Largest contiguous span a reader may ask for. */
export const MAX_SPAN = 256 << 20;

export class BlockBuffer {
  buf: Uint8Array;
  pos = 0;
  end = 0;
  /** Stream offset of `buf[0]`. */
  base = 0;
  eof = false;

  constructor(
    readonly source: ByteSource,
    blockBytes: number = BLOCK_BYTES,
  ) {
    this.buf = new Uint8Array(blockBytes + SLACK);
  }

  get capacity(): number {
    return this.buf.length - SLACK;
  }

  get available(): number {
    return this.end - this.pos;
  }

  /** Moves unread bytes to the front of the buffer. */
  private compact(): void {
    if (this.pos === 0) return;
    this.buf.copyWithin(0, this.pos, this.end);
    this.base += this.pos;
    this.end -= this.pos;
    this.pos = 0;
  }

  /** Grows the capacity to at least `bytes` (keeps the unread data). */
  grow(bytes: number): void {
    if (bytes > MAX_SPAN) {
      throw new InputError(`a record needs more than ${MAX_SPAN >> 20} MiB of contiguous input`, {
        file: this.source.name,
        byteOffset: this.base + this.pos,
      });
    }
    this.compact();
    const next = new Uint8Array(Math.max(bytes, this.capacity * 2) + SLACK);
    next.set(this.buf.subarray(0, this.end));
    this.buf = next;
  }

  /**
   * With `need` 0: compacts and reads once more (line readers, which have consumed all whole
   * lines). With `need` > 0: makes sure at least `need` unread bytes are available, reading
   * (and compacting only if they would not fit) until they are or the input ends.
   * Resolves to the unread byte count.
   */
  async fill(need = 0): Promise<number> {
    if (need > 0 && this.available >= need) return this.available;
    if (this.eof) return this.available;
    if (need === 0 || this.pos + need > this.capacity || this.end === this.capacity) this.compact();
    if (need > this.capacity) this.grow(need);
    do {
      const room = this.capacity - this.end;
      if (room === 0) break;
      const n = await this.source.read(this.buf, this.end, room);
      if (n === 0) {
        this.eof = true;
        break;
      }
      this.end += n;
    } while (this.available < need);
    return this.available;
  }
}
