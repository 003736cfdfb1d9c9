/**
 * A preset's cache geometry is checked when it loads, naming the file and the level, so
 * `txsim presets <file>` refuses an impossible one too (it used to accept it, and replay
 * failed without naming the file).
 */
import { describe, expect, it } from 'vitest';
import { cliFails } from '../support/cli.js';
import { writeOkTrace, writePreset } from '../support/files.js';
import { tempDir } from '../trace/helpers.js';

describe('a preset with an impossible geometry', () => {
  const dir = tempDir();
  const trace = writeOkTrace(dir);
  const sets24 = writePreset(dir, 'sets24', { l1d: { size: '3KiB', assoc: 2, line: 64, latency: 1 } });
  const message = `txsim: ${sets24}: l1d 3072 B, 2-way, 64 B lines: the number of sets (24) must be a power of two\n`;

  it('txsim presets <file>', async () => {
    expect(await cliFails(['presets', sets24])).toBe(message);
  });

  it('txsim replay --preset <file>', async () => {
    expect(await cliFails(['replay', trace, '--preset', sets24])).toBe(message);
  });

  it('levels with different line sizes: the file and the level', async () => {
    const mixed = writePreset(dir, 'mixed', { l2: { size: '256KiB', assoc: 8, line: 128, latency: 12 } });
    const want = `txsim: ${mixed}: l2.line: 128 B differs from l1d's 64 B; every level of a machine has one line size\n`;
    expect(await cliFails(['presets', mixed])).toBe(want);
    expect(await cliFails(['replay', trace, '--preset', mixed])).toBe(want);
  });

  it('a size that is not a byte count names the file and field', async () => {
    const zero = writePreset(dir, 'zero', { llc: { size: '0KiB', assoc: 4, line: 64, latency: 10 } });
    expect(await cliFails(['presets', zero])).toBe(
      `txsim: ${zero}: llc.size: must be at least 1 byte, got '0KiB'\n`,
    );
  });
});
