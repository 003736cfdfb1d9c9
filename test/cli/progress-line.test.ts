// The progress line on a terminal: events and rate, and when the share of the input read is
// known, that share as a percentage and the time left at the rate so far.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createProgress, formatEta } from '../../src/cli/progress.js';
import { asTerminal } from '../support/terminal.js';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** What `f` writes to stderr, posing as a terminal. */
async function written(f: () => void): Promise<string> {
  let out = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((out += String(s)), true));
  await asTerminal(f);
  return out;
}

describe('progress line', () => {
  it('gives the share read and the time left, when the share is known', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(0);
    const out = await written(() => {
      const p = createProgress('replay', false);
      vi.setSystemTime(10_000);
      p.update(5_000_000, 0.25);
      vi.setSystemTime(20_000);
      p.update(9_000_000, null);
    });
    expect(out).toBe(
      '\rreplay: 5,000,000 events, 25% (0.5 M/s, 30 s left)   ' + '\rreplay: 9,000,000 events (0.5 M/s)   ',
    );
  });

  it('says nothing with --quiet', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(0);
    const out = await written(() => {
      const p = createProgress('replay', true);
      vi.setSystemTime(10_000);
      p.update(5_000_000, 0.25);
      p.done();
    });
    expect(out).toBe('');
  });

  it('writes the time left in seconds, then in minutes', () => {
    expect(formatEta(0.2)).toBe('1 s');
    expect(formatEta(99)).toBe('99 s');
    expect(formatEta(100)).toBe('2 min');
    expect(formatEta(3600)).toBe('60 min');
  });
});
