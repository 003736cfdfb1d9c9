/**
 * Small input files for CLI tests, each written into a fresh temporary folder (removed
 * after the test file).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../trace/helpers.js';

/** A valid one-thread text trace: a load and a store. */
export const OK_TRACE = '# txsim-trace 1\n0 r 0x1000\n0 w 0x1040 4\n';

/** Writes OK_TRACE as `ok.trace` in `dir`; returns its path. */
export function writeOkTrace(dir: string = tempDir()): string {
  const file = join(dir, 'ok.trace');
  writeFileSync(file, OK_TRACE);
  return file;
}

/** A small valid preset: two cores, 1 KiB L1D, 4 KiB LLC. */
export const PRESET_BASE: Readonly<Record<string, unknown>> = {
  description: 'test',
  frequencyGHz: 1,
  l1d: { size: '1KiB', assoc: 2, line: 64, latency: 1 },
  llc: { size: '4KiB', assoc: 4, line: 64, latency: 10 },
  memoryLatency: 100,
  cores: 2,
};

/** Writes PRESET_BASE with `changes` as `<name>.json`, after `prefix`; returns its path. */
export function writePreset(
  dir: string,
  name: string,
  changes: Record<string, unknown>,
  prefix = '',
): string {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, prefix + JSON.stringify({ ...PRESET_BASE, ...changes }));
  return file;
}
