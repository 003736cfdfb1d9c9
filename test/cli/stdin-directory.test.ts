// A directory on stdin (`txsim replay - < dir`) is named as such, not read as an empty trace.
import { spawnSync } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';

describe('txsim replay -: stdin is a directory', () => {
  it('says so in one line and exits 1', () => {
    const fd = openSync(tmpdir(), 'r');
    try {
      const r = spawnSync(process.execPath, ['dist/src/cli/main.js', 'replay', '-', '--quiet'], {
        stdio: [fd, 'pipe', 'pipe'],
        encoding: 'utf8',
      });
      expect(r.status).toBe(1);
      expect(r.stderr).toBe('txsim: <stdin>: cannot read trace: is a directory\n');
    } finally {
      closeSync(fd);
    }
  });
});
