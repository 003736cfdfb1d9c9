/**
 * Runs the CLI entry (`main`) in-process with stdout and stderr captured, for tests of
 * exit codes and messages.
 */
import { expect, vi } from 'vitest';
import { main } from '../../src/cli/main.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runCli(args: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
  try {
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

/**
 * Runs the CLI expecting exit 1 with nothing on stdout; returns what it printed on stderr.
 * The commands with progress output (`replay`, `convert`, `inspect`) run with --quiet.
 */
export async function cliFails(args: string[]): Promise<string> {
  const quiet = ['replay', 'convert', 'inspect'].includes(args[0] ?? '');
  const r = await runCli(quiet ? [...args, '--quiet'] : args);
  expect(r.code).toBe(1);
  expect(r.stdout).toBe('');
  return r.stderr;
}
