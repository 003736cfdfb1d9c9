/**
 * Preset values are type-checked, naming the file and the field: numbers are finite
 * (JSON's 1e400 is Infinity), the description is a string, a required field that is
 * absent is "missing", and an optional one given as `null` is refused, not defaulted
 * (only `l1i` and `l2` take `null`, meaning the level is absent).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMachine } from '../../src/sim/machine.js';
import { cliFails } from '../support/cli.js';
import { PRESET_BASE } from '../support/files.js';
import { tempDir } from '../trace/helpers.js';

const check = (changes: Record<string, unknown>) => () =>
  parseMachine({ ...PRESET_BASE, ...changes }, 'x', 'x.json');

describe('preset field types', () => {
  it('a number that JSON reads as Infinity', async () => {
    const file = join(tempDir(), 'huge.json');
    writeFileSync(file, JSON.stringify({ ...PRESET_BASE, frequencyGHz: 0.5 }).replace('0.5', '1e400'));
    expect(await cliFails(['presets', file])).toBe(
      `txsim: ${file}: frequencyGHz must be a finite positive number, got Infinity\n`,
    );
  });

  it('a description that is not a string', () => {
    expect(check({ description: 5 })).toThrow('x.json: description must be a string, got 5');
  });

  it.each([
    ['l1d.latency', { l1d: { size: 1024, assoc: 2, line: 64 } }],
    ['l1d', { l1d: undefined }],
    ['memoryLatency', { memoryLatency: undefined }],
    ['frequencyGHz', { frequencyGHz: undefined }],
    ['llc.line', { llc: { size: 4096, assoc: 4, latency: 10 } }],
  ])('missing field %s', (field, changes) => {
    expect(check(changes)).toThrow(`x.json: missing field ${field}`);
  });

  it.each([
    ['cores', 'cores must be an integer from 1 to 64, got null'],
    ['upgradeLatency', 'upgradeLatency must be a non-negative integer number of cycles, got null'],
    ['memoryBusy', 'memoryBusy must be a non-negative integer number of cycles, got null'],
    ['llcBanks', 'llcBanks must be a power of two (1, 2, 4, ...), got null'],
    ['protocol', 'protocol: unknown coherence protocol null'],
    ['sources', 'sources must be a JSON object'],
  ])('optional field %s given as null', (field, message) => {
    expect(check({ [field]: null })).toThrow(`x.json: ${message}`);
  });

  it('null l1i and l2: the level is absent', () => {
    const m = check({ l1i: null, l2: null })();
    expect([m.l1i, m.l2]).toEqual([null, null]);
  });
});
