/**
 * Events by kind are counted per core and in total (`total.events.<op>`), like every other
 * per-core counter, so multi-core users need not add them up.
 */
import { describe, expect, it } from 'vitest';
import { OP_NAMES } from '../../src/trace/events.js';
import { replayTiny } from '../support/run.js';
import { litmusReader } from '../support/trace.js';

describe('total.events.<op>', () => {
  it('is the sum over cores, for every op', async () => {
    const r = await replayTiny(await litmusReader('producer-consumer.trace'), 2);
    const v = (name: string): number | undefined => r.stats[name]?.value;
    for (const op of OP_NAMES)
      expect([op, v(`total.events.${op}`)]).toEqual([
        op,
        (v(`core0.events.${op}`) ?? NaN) + (v(`core1.events.${op}`) ?? NaN),
      ]);
    expect(v('total.events.write')).toBeGreaterThan(0);
    expect(r.stats['total.events.write']?.description).toBe('all cores: trace events of kind write executed');
  });
});
