// An error in a trace piped on stdin is reported, and txsim exits, while the program writing
// the pipe is still running: neither the worker thread that reads stdin (the multicore
// replay) nor the main thread's stdin (the cachegrind mode) waits for the writer to end.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** Runs `txsim replay - ...args` with `trace` on a stdin it never ends; kills it after 20 s. */
function runOpenStdin(trace: string, args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['dist/src/cli/main.js', 'replay', '-', '--quiet', ...args]);
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdin.on('error', () => {}); // the pipe closes under a write when txsim exits
    child.stdin.write(trace);
    const timer = setTimeout(() => child.kill(), 20_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      child.stdin.destroy();
      resolve({ code, stderr });
    });
  });
}

const good = (n: number): string =>
  Array.from({ length: n }, (_, i) => `0 r 0x${(0x1000 + (i % 512) * 8).toString(16)} 8\n`).join('');

describe('txsim replay -: an error while stdin is still open', () => {
  it('multicore: a trace thread beyond the machine, in the first chunk', async () => {
    const r = await runOpenStdin(`# txsim-trace 1\n${good(1000)}99 r 0x1000 8\n${good(5000)}`, [
      '--preset',
      'tiny',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^txsim: <stdin>: trace thread 99 does not fit the machine/);
  }, 30_000);

  it('cachegrind mode: a malformed line', async () => {
    const r = await runOpenStdin(`# txsim-trace 1\n${good(20000)}0 q 0x1000 8\n`, [
      '--hierarchy',
      'cachegrind',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      "txsim: <stdin>:20002: unknown op 'q'; valid ops are r, w, u, rp, wp, i, m, c, begin, end, abort, lock, unlock, sys\n",
    );
  }, 30_000);
});
