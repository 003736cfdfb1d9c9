// The bench's host line names the caches a sysfs cache folder describes, in level order
// (data before instruction), skips index folders it cannot read, and is empty without sysfs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheSizes, hostLine } from '../../bench/host.js';
import { scratch } from '../support/output-files.js';

function cacheDir(caches: readonly (readonly [string, string, string] | null)[]): string {
  const { dir } = scratch();
  caches.forEach((c, i) => {
    const index = join(dir, `index${i}`);
    mkdirSync(index);
    if (c === null) return;
    const [level, type, size] = c;
    writeFileSync(join(index, 'level'), `${level}\n`);
    writeFileSync(join(index, 'type'), `${type}\n`);
    writeFileSync(join(index, 'size'), `${size}\n`);
  });
  return dir;
}

describe('bench host line', () => {
  it('lists the caches by level, data before instruction', () => {
    const dir = cacheDir([
      ['3', 'Unified', '32768K'],
      ['1', 'Instruction', '32K'],
      ['2', 'Unified', '1024K'],
      ['1', 'Data', '48K'],
      null,
    ]);
    expect(cacheSizes(dir)).toBe('L1d 48K, L1i 32K, L2 1024K, L3 32768K');
    expect(hostLine(dir)).toMatch(
      /^host: .+, \d+ logical CPUs; caches seen by CPU 0: L1d 48K, L1i 32K, L2 1024K, L3 32768K$/,
    );
  });

  it('names only the model and CPU count without a cache folder', () => {
    const missing = join(scratch().dir, 'no-such-folder');
    expect(cacheSizes(missing)).toBe('');
    expect(hostLine(missing)).toMatch(/^host: .+, \d+ logical CPUs$/);
  });
});
