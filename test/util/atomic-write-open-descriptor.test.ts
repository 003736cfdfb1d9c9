// An output named /dev/fd/N (what /dev/stdout is) is written through this process's open
// descriptor N, at its position: what came before and after stays, the file is not replaced.
import { closeSync, existsSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/util/atomic-write.js';
import { scratch } from '../support/output-files.js';

describe('writeFileAtomic to an open descriptor', () => {
  it.skipIf(!existsSync('/proc/self/fd'))('writes at the descriptor position', () => {
    const { dir } = scratch();
    const file = join(dir, 'log.txt');
    const fd = openSync(file, 'w');
    const ino = statSync(file).ino;
    try {
      writeSync(fd, 'before\n');
      writeFileAtomic(`/dev/fd/${fd}`, 'report\n');
      writeSync(fd, 'after\n');
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(file, 'utf8')).toBe('before\nreport\nafter\n');
    expect(statSync(file).ino).toBe(ino);
  });
});
