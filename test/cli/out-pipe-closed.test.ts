/**
 * An output path that is a pipe (`--out /dev/stdout | ...`, `convert x /dev/stdout | ...`):
 * a slow reader gets every byte (Node makes stdout's pipe non-blocking, and a plain write
 * to it used to fail with EAGAIN after 64 KiB), and a reader that goes away (`| head`)
 * ends the run quietly with status 0, as with `-`: the reader wanted no more.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const CLI = 'dist/src/cli/main.js';

/** Runs the CLI with stdout a pipe that is closed after its first bytes; stderr and status. */
async function closedAfterFirstBytes(
  args: readonly string[],
): Promise<{ stderr: string; code: number | null }> {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout.once('data', () => child.stdout.destroy());
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { stderr, code };
}

/** Runs the CLI with stdout a pipe read only after a pause; the bytes read, stderr and status. */
async function readLate(
  args: readonly string[],
): Promise<{ bytes: number; stderr: string; code: number | null }> {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let bytes = 0;
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout.on('data', (d: Buffer) => (bytes += d.length));
  child.stdout.pause(); // after the listener, which would resume it
  setTimeout(() => child.stdout.resume(), 500);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { bytes, stderr, code };
}

const REPORT = ['replay', 'traces/litmus/ping-pong.trace', '--cores', '64', '--csv', '--quiet'];

describe('an output path that is a pipe read slowly', () => {
  it('replay --out /dev/stdout writes the whole report', async () => {
    const whole = await readLate(REPORT); // to stdout itself
    const r = await readLate([...REPORT, '--out', '/dev/stdout']);
    expect(whole.bytes).toBeGreaterThan(1 << 17);
    expect(r).toEqual({ bytes: whole.bytes, stderr: '', code: 0 });
  });

  it('convert to /dev/stdout writes the whole trace', async () => {
    const r = await readLate(['convert', 'traces/oracle/sort.lackey.gz', '/dev/stdout', '--to', 'text']);
    const whole = await readLate(['convert', 'traces/oracle/sort.lackey.gz', '-', '--to', 'text']);
    expect(whole.bytes).toBeGreaterThan(1 << 20);
    expect(r.code).toBe(0);
    expect(r.bytes).toBe(whole.bytes);
  });
});

describe('an output path that is a pipe closed by its reader', () => {
  it.each([
    // Far more than a pipe's buffer: 64 cores × every statistic, or a converted trace.
    [
      'replay --out',
      [
        'replay',
        'traces/litmus/ping-pong.trace',
        '--cores',
        '64',
        '--csv',
        '--quiet',
        '--out',
        '/dev/stdout',
      ],
    ],
    ['convert', ['convert', 'traces/oracle/sort.lackey.gz', '/dev/stdout', '--to', 'text']],
  ])('%s /dev/stdout: quiet, status 0', async (_, args) => {
    const r = await closedAfterFirstBytes(args);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});
