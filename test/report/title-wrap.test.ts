/**
 * The text report's first line names the trace, its format and its events; when a long
 * path would take it past 80 columns, the format and events go to an indented second line.
 */
import { describe, expect, it } from 'vitest';
import { renderText } from '../../src/report/text.js';
import { replayTiny } from '../support/run.js';
import { litmusReader } from '../support/trace.js';

describe('the report title', () => {
  it('is one line for a short path, two for a long one', async () => {
    const r = await replayTiny(await litmusReader('contended-lock.trace'), 2);
    const short = { ...r, trace: { ...r.trace, path: 'lock.trace' } };
    expect(renderText(short, false).split('\n')[0]).toBe('txsim replay: lock.trace (text, 8 events)');
    const path = `/data/${'x'.repeat(60)}/lock.trace`;
    const long = { ...r, trace: { ...r.trace, path } };
    expect(renderText(long, false).split('\n').slice(0, 2)).toEqual([
      `txsim replay: ${path}`,
      '    (text, 8 events)',
    ]);
  });
});
