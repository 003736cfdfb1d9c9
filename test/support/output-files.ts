/**
 * Output targets for tests of where results are written: a scratch directory with a small
 * trace, FIFOs with a reader in another process, and device nodes made with mknod (only
 * where the test runs with the right to make them; callers skip otherwise). Nothing here
 * touches the real nodes under /dev.
 */
import { execFileSync, spawn } from 'node:child_process';
import { expect } from 'vitest';
import { runCli } from './cli.js';
import { tempDir } from '../trace/helpers.js';
import { writeOkTrace } from './files.js';

/** A new scratch directory holding `ok.trace` (files.ts), removed after the test file. */
export function scratch(): { dir: string; trace: string } {
  const dir = tempDir();
  return { dir, trace: writeOkTrace(dir) };
}

/**
 * Makes a FIFO at `path` and starts a reader on it in another process (a writer in this
 * process may block until the reader opens it). Resolves to everything the reader got;
 * a reader still waiting after `patienceMs` is stopped (the FIFO was never written).
 */
export function fifoWithReader(path: string, patienceMs = 5000): Promise<string> {
  execFileSync('mkfifo', [path]);
  const cat = spawn('cat', [path], { stdio: ['ignore', 'pipe', 'inherit'] });
  const stop = setTimeout(() => cat.kill(), patienceMs);
  let got = '';
  cat.stdout.setEncoding('utf8').on('data', (s: string) => (got += s));
  return new Promise((resolve, reject) => {
    cat.on('error', reject);
    cat.on('close', () => {
      clearTimeout(stop);
      resolve(got);
    });
  });
}

/** Makes a character device node at `path` (1,3 is a null device, 1,7 a full one); false if not allowed. */
export function tryMknod(path: string, major: number, minor: number): boolean {
  try {
    execFileSync('mknod', [path, 'c', String(major), String(minor)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs the CLI expecting exit 1 with nothing on stdout (`replay` runs `--quiet`); returns
 * its stderr, checked to be one line with no stack trace.
 */
export async function cliErrorLine(args: string[]): Promise<string> {
  const r = await runCli(args[0] === 'replay' ? [...args, '--quiet'] : args);
  expect(r.code).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  return lines[0] as string;
}
