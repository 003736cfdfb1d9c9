// Geometry parsing accepts both spellings and rejects impossible shapes with a clear message.
import { describe, expect, it } from 'vitest';
import { deriveGeometry, parseGeometry } from '../../src/cache/geometry.js';
import { InputError } from '../../src/util/errors.js';

describe('cache geometry', () => {
  it('parses size:assoc:line with binary units and cachegrind commas', () => {
    expect(parseGeometry('32KiB:8:64', 'L1D')).toEqual({ size: 32768, assoc: 8, line: 64 });
    expect(parseGeometry('8MB:16:64', 'LLC')).toEqual({ size: 8 << 20, assoc: 16, line: 64 });
    expect(parseGeometry('32768,8,64', 'D1')).toEqual({ size: 32768, assoc: 8, line: 64 });
  });

  it('derives sets and masks', () => {
    const g = deriveGeometry({ size: 32768, assoc: 8, line: 64 }, 'L1D');
    expect(g.sets).toBe(64);
    expect(g.lineBits).toBe(6);
    expect(g.setMask).toBe(63);
    expect(deriveGeometry({ size: 12 << 20, assoc: 12, line: 64 }, 'LLC').sets).toBe(16384);
  });

  it.each([
    ['32KiB:8', 'expected size:assoc:line'],
    ['32XB:8:64', 'expected a byte count'],
    ['32KiB:0:64', 'positive integer'],
  ])('rejects malformed text %s', (text, msg) => {
    expect(() => parseGeometry(text, '--l1d')).toThrow(msg);
  });

  it.each([
    [{ size: 32768, assoc: 8, line: 48 }, 'line size must be a power of two'],
    [{ size: 64, assoc: 1, line: 128 }, 'line size is larger than the cache'],
    [{ size: 3 * 64 * 8, assoc: 8, line: 64 }, 'number of sets (3) must be a power of two'],
    [{ size: 1000, assoc: 8, line: 64 }, 'not a multiple'],
  ])('rejects impossible geometry %j', (g, msg) => {
    expect(() => deriveGeometry(g, 'L1D')).toThrow(InputError);
    expect(() => deriveGeometry(g, 'L1D')).toThrow(msg);
  });
});
