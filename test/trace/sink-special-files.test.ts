// The file sink (what `txsim convert` writes through) follows symbolic links and writes
// FIFOs and devices in place: the node or link at the output name is never replaced.
import { lstatSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openFileSink } from '../../src/trace/sink.js';
import { fifoWithReader, scratch, tryMknod } from '../support/output-files.js';

async function writeThrough(path: string, text: string): Promise<void> {
  const sink = await openFileSink(path);
  await sink.write(Buffer.from(text));
  await sink.close();
}

describe('openFileSink on files that are not plain files', () => {
  it('writes into a FIFO: its reader gets the data and the FIFO stays', async () => {
    const { dir } = scratch();
    const fifo = join(dir, 'pipe');
    const got = fifoWithReader(fifo);
    await writeThrough(fifo, 'through the pipe\n');
    expect(await got).toBe('through the pipe\n'); // waits for the reader (stopped if never written)
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['ok.trace', 'pipe']);
  });

  it('replaces the file a symbolic link names; the link stays a link', async () => {
    const { dir } = scratch();
    const real = join(dir, 'real.txt');
    writeFileSync(real, 'old\n');
    const link = join(dir, 'link.txt');
    symlinkSync('real.txt', link);
    await writeThrough(link, 'new\n');
    expect(readlinkSync(link)).toBe('real.txt');
    expect(readFileSync(real, 'utf8')).toBe('new\n');
    expect(readdirSync(dir).sort()).toEqual(['link.txt', 'ok.trace', 'real.txt']);
  });

  const nodes = scratch().dir;
  const nul = join(nodes, 'null');
  it.skipIf(!tryMknod(nul, 1, 3))('writes into a character device, which stays a device', async () => {
    await writeThrough(nul, 'discarded\n');
    expect(lstatSync(nul).isCharacterDevice()).toBe(true);
    expect(readdirSync(nodes).sort()).toEqual(['null', 'ok.trace']);
  });

  const full = join(scratch().dir, 'full');
  it.skipIf(!tryMknod(full, 1, 7))('a full device is one clear error, and stays a device', async () => {
    await expect(writeThrough(full, 'x\n')).rejects.toThrow(
      `${full}: cannot write output: no space left on device`,
    );
    expect(lstatSync(full).isCharacterDevice()).toBe(true);
  });
});
