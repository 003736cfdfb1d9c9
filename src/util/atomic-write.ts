/**
 * Whole-file output. A regular file (or a new one) is written to a temporary file beside
 * it, then renamed onto it, so an interrupted run never leaves a half-written result; a
 * symbolic link is followed and the file it names is replaced that way (the link stays).
 * A device, FIFO or socket is written in place, opened for appending (a rename would
 * replace the node itself); `/dev/stdout` and `/dev/fd/N` are written through the open
 * descriptor. See `resolveOutput` for how the target is chosen. Every failure is one
 * `InputError` naming the path.
 * A replaced file's permissions (and owner, where the process may set it) pass to the new
 * file (`keepAttributes`).
 * The data is synced to disk before the rename. Left out: syncing the directory;
 * extended attributes and ACLs of a replaced file.
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { keepAttributes, outputError, resolveOutput } from './output-path.js';

/** A cell to sleep on (Atomics.wait) while a pipe is full. */
const sleepCell = new Int32Array(new SharedArrayBuffer(4));

/**
 * Writes all of `data` to descriptor `fd` at its position. A descriptor can be
 * non-blocking (Node makes stdout's pipe so once `process.stdout` is used), and then a
 * full pipe answers EAGAIN: this waits a millisecond and goes on, as a blocking write
 * would, instead of failing after the pipe's first 64 KiB.
 */
export function writeAllSync(fd: number, data: string | Uint8Array): void {
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  for (let done = 0; done < bytes.length;) {
    try {
      done += writeSync(fd, bytes, done, bytes.length - done);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      Atomics.wait(sleepCell, 0, 0, 1);
    }
  }
}

export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const target = resolveOutput(path);
  try {
    if (target.mode === 'fd') {
      writeAllSync(target.fd, data); // writes at the descriptor's position; leaves it open
      return;
    }
    if (target.mode === 'direct') {
      writeFileSync(target.path, data, { flag: 'a' });
      return;
    }
    const tmp = target.tmp;
    try {
      const fd = openSync(tmp, 'w');
      try {
        writeAllSync(fd, data);
        fsyncSync(fd); // on disk before the rename makes it the file
      } finally {
        closeSync(fd);
      }
      keepAttributes(tmp, target.keep);
      renameSync(tmp, target.path);
    } catch (e) {
      rmSync(tmp, { force: true });
      throw e;
    }
  } catch (e) {
    throw outputError(path, e);
  }
}
