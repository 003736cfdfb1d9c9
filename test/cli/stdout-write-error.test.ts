/**
 * Writing the report to stdout can fail: a reader that closes the pipe early
 * (`txsim ... | head`) ends the run quietly with status 0; any other failure (a full
 * device) is one message and status 1, for `--help` and `--version` too. Neither shows a
 * stack trace.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const CLI = 'dist/src/cli/main.js';
// A report far larger than a pipe's buffer (64 cores × every statistic).
const BIG = [CLI, 'replay', 'traces/litmus/ping-pong.trace', '--cores', '64', '--csv', '--quiet'];

describe('a failed write to stdout', () => {
  it('to a pipe its reader closed: quiet, status 0', async () => {
    const child = spawn(process.execPath, BIG, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it.each([
    ['replay', BIG.slice(1)],
    ['convert', ['convert', 'traces/litmus/ping-pong.trace', '-']],
    // yargs' own output, which it would write through `console` (dropping the error)
    ['--help', ['--help']],
    ['--version', ['--version']],
  ])('%s to a full device: one message, status 1', (_, args) => {
    const full = openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, [CLI, ...args], {
        stdio: ['ignore', full, 'pipe'],
        encoding: 'utf8',
      });
      expect(r.stderr).toBe('txsim: <stdout>: cannot write output: no space left on device\n');
      expect(r.status).toBe(1);
    } finally {
      closeSync(full);
    }
  });
});
