// The progress line on a terminal: events and rate, and when the share of the input read is
// known, that share as a percentage and the time left at the rate so far.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createProgress, formatEta } from '../../src/cli/progress.js';
import { asTerminal } from '../support/terminal.js';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/**
 * What a progress line writes to stderr, posing as a terminal, when created at time 0 and
 * given each update at its time (ms), then finished.
 */
async function written(quiet: boolean, updates: [number, number, number | null][]): Promise<string> {
  vi.useFakeTimers();
  vi.setSystemTime(0);
  let out = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((out += String(s)), true));
  await asTerminal(() => {
    const p = createProgress('replay', quiet);
    for (const [ms, done, fraction] of updates) {
      vi.setSystemTime(ms);
      p.update(done, fraction);
    }
    p.done();
  });
  return out;
}

describe('progress line', () => {
  it('gives the share read and the time left, when the share is known', async () => {
    const out = await written(false, [
      [10_000, 5_000_000, 0.25],
      [20_000, 9_000_000, null],
    ]);
    expect(out).toBe(
      '\rreplay: 5,000,000 events, 25% (0.5 M/s, 30 s left)   ' +
        '\rreplay: 9,000,000 events (0.5 M/s)   ' +
        '\r\x1b[K',
    );
  });

  it('says nothing with --quiet', async () => {
    expect(await written(true, [[10_000, 5_000_000, 0.25]])).toBe('');
  });

  it('writes the time left in seconds, then in minutes', () => {
    expect(formatEta(0.2)).toBe('1 s');
    expect(formatEta(99)).toBe('99 s');
    expect(formatEta(100)).toBe('2 min');
    expect(formatEta(3600)).toBe('60 min');
  });
});
