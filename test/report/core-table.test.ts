/** The text report of a multicore run shows the coherence configuration and a per-core table with totals. */
import { describe, expect, it } from 'vitest';
import { renderText } from '../../src/report/text.js';
import { loadPreset } from '../../src/sim/machine.js';
import { replay } from '../../src/sim/replay.js';
import { litmusReader } from '../support/trace.js';

describe('text report, multicore', () => {
  it('renders one row per core and a total row', async () => {
    const r = await replay(await litmusReader('contended-lock.trace'), {
      mode: 'writeback',
      machine: loadPreset('tiny'),
      cores: 2,
      seed: 1,
    });
    const text = renderText(r, false);
    expect(text).toContain(
      'coherence mesi: remote forward 40, upgrade 30 cycles; 2 LLC bank(s) busy 2 cycles per request; memory busy 10 cycles per line',
    );
    const rows = text.split('\n').filter((l) => /^(core\d|total) /.test(l));
    expect(rows).toHaveLength(3);
    // cycles, events, ev/cycle, L1D miss, L2 miss, GetS, GetM, Upg, Inv, Fwd, WB, BackInv, queue, locks, lock wait
    expect(rows[0]?.split(/\s+/)).toEqual([
      'core0',
      '316',
      '4',
      '0.013',
      '9.8%',
      '-',
      '3',
      '1',
      '2',
      '1',
      '2',
      '0',
      '0',
      '1',
      '1',
      '174',
    ]);
    expect(rows[2]?.split(/\s+/).slice(0, 3)).toEqual(['total', '316', '8']);
    // Per-core statistics are in the table, not repeated as groups (JSON and CSV keep them all).
    expect(text).not.toMatch(/^core0\n/m);
  });
});
