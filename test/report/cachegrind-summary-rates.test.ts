/**
 * The cachegrind mode's text summary prints miss rates as cachegrind does: the
 * instruction rates (I1, LLi) to two decimals, the data and LL rates to one, so the two
 * reports read alike (figures: cachegrind's counts for sort, traces/oracle).
 */
import { describe, expect, it } from 'vitest';
import { renderText } from '../../src/report/text.js';
import { runCachegrind } from '../support/run.js';
import { openTrace } from '../../src/trace/open.js';

describe('cachegrind-mode miss rates', () => {
  it('have cachegrind’s decimals', async () => {
    const reader = await openTrace('traces/oracle/sort.lackey.gz');
    const r = await runCachegrind(reader, { ll: { size: 8388608, assoc: 16 } });
    const rates = renderText(r, false)
      .split('\n')
      .filter((l) => l.includes('miss rate:'))
      .map((l) => l.replace(/\s+/g, ' '));
    // I1 1,784 / 1,124,591 = 0.159 %; LLi 1,707 / 1,124,591 = 0.152 %.
    expect(rates).toEqual([
      'I1 miss rate: 0.16%',
      'LLi miss rate: 0.15%',
      'D1 miss rate: 1.0% (1.1% + 0.9%)',
      'LLd miss rate: 0.6% (0.5% + 0.8%)',
      'LL miss rate: 0.3% (0.2% + 0.8%)',
    ]);
  });
});
