/**
 * In the cachegrind mode a lock or unlock counts as a data access of its 4-byte lock word
 * (lock as a read, unlock as a write): it touches the word's line only, not the line
 * before it.
 */
import { describe, expect, it } from 'vitest';
import { runCachegrind } from '../support/run.js';
import { textReader } from '../support/trace.js';

describe('cachegrind mode, lock words', () => {
  it('touch their own line only', async () => {
    // The lock word at 0x4000 starts a line; 0x3fc0 is the line before it.
    const reader = await textReader('# txsim-trace 1\n0 lock 0x4000\n0 r 0x3fc0 8\n0 unlock 0x4000\n');
    const r = await runCachegrind(reader);
    const v = (k: string): number => r.stats[`cachegrind.${k}`]?.value ?? NaN;
    expect([v('Dr'), v('D1mr'), v('Dw'), v('D1mw')]).toEqual([2, 2, 1, 0]);
  });
});
