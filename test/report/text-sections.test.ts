/**
 * The text report's statistic sections keep each level's counters together: a level's
 * evictions sit with its accesses (under `total.l1d`), never as `l1d.evictions` under
 * `total`; SMT threads and events by kind have sections of their own.
 */
import { describe, expect, it } from 'vitest';
import { renderText } from '../../src/report/text.js';
import { replayTiny } from '../support/run.js';
import { litmusReader } from '../support/trace.js';

describe('text report sections', () => {
  it('group by level, thread and event kind', async () => {
    const r = await replayTiny(await litmusReader('back-invalidation.trace'), 2);
    const text = renderText(r, false);
    expect(r.stats['total.l1d.evictions']?.value).toBeGreaterThan(0);
    expect(text).not.toMatch(/^ {2}(l1i|l1d|l2|thread\d|events)\./m);
    const section = text.slice(text.indexOf('\ntotal.l1d\n') + 1);
    expect(section).toMatch(/^total\.l1d\n(?: {2}.*\n)*? {2}evictions +\d/);
    expect(text).toMatch(/^total\.events\n {2}\w+ +\d/m);
  });
});
