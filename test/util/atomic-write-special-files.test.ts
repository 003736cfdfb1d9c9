// writeFileAtomic replaces regular files by rename, but writes devices and FIFOs in place
// and follows symbolic links: the node or link at the output name is never replaced.
import { lstatSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/util/atomic-write.js';
import { fifoWithReader, scratch, tryMknod } from '../support/output-files.js';

describe('writeFileAtomic on files that are not plain files', () => {
  it('replaces a regular file and leaves no temporary file', () => {
    const { dir } = scratch();
    const out = join(dir, 'r.txt');
    writeFileSync(out, 'old\n');
    writeFileAtomic(out, 'new\n');
    expect(readFileSync(out, 'utf8')).toBe('new\n');
    expect(readdirSync(dir).sort()).toEqual(['ok.trace', 'r.txt']);
  });

  it('writes into a FIFO: its reader gets the data and the FIFO stays', async () => {
    const { dir } = scratch();
    const fifo = join(dir, 'pipe');
    const got = fifoWithReader(fifo);
    writeFileAtomic(fifo, 'through the pipe\n');
    expect(await got).toBe('through the pipe\n'); // waits for the reader (stopped if never written)
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['ok.trace', 'pipe']);
  });

  it('replaces the file a symbolic link names; the link stays a link', () => {
    const { dir } = scratch();
    const real = join(dir, 'real.txt');
    writeFileSync(real, 'old\n');
    const link = join(dir, 'link.txt');
    symlinkSync('real.txt', link);
    writeFileAtomic(link, 'new\n');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe('real.txt');
    expect(readFileSync(real, 'utf8')).toBe('new\n');
    expect(readdirSync(dir).sort()).toEqual(['link.txt', 'ok.trace', 'real.txt']);
  });

  it('creates the file a dangling symbolic link names', () => {
    const { dir } = scratch();
    const link = join(dir, 'link.txt');
    symlinkSync('later.txt', link);
    writeFileAtomic(link, 'new\n');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'later.txt'), 'utf8')).toBe('new\n');
  });

  const nodes = scratch().dir;
  const nul = join(nodes, 'null');
  it.skipIf(!tryMknod(nul, 1, 3))('writes into a character device, which stays a device', () => {
    writeFileAtomic(nul, 'discarded\n');
    expect(lstatSync(nul).isCharacterDevice()).toBe(true);
    expect(readdirSync(nodes).sort()).toEqual(['null', 'ok.trace']);
  });

  const full = join(scratch().dir, 'full');
  it.skipIf(!tryMknod(full, 1, 7))('a full device is one clear error, and stays a device', () => {
    expect(() => writeFileAtomic(full, 'x\n')).toThrow(
      `${full}: cannot write output: no space left on device`,
    );
    expect(lstatSync(full).isCharacterDevice()).toBe(true);
  });
});
