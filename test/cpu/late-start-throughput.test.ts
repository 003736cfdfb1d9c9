/**
 * A trace thread first seen after the trace's first window starts at the cycle the run has
 * reached; its core's throughput counts from that start (`start_cycle`), not from cycle 0,
 * and the text report says which cores started late.
 */
import { describe, expect, it } from 'vitest';
import { WINDOW_EVENTS } from '../../src/cpu/demux.js';
import { renderText } from '../../src/report/text.js';
import { loadPreset } from '../../src/sim/machine.js';
import { replay } from '../../src/sim/replay.js';
import { statsOf } from '../support/run.js';
import { textReader } from '../support/trace.js';

/** `first` events `0 c 10` on thread 0, then one `1 c 1`. */
async function lateThread(first: number) {
  const body = '0 c 10\n'.repeat(first) + '1 c 1\n';
  const machine = loadPreset('tiny');
  const reader = await textReader(`# txsim-trace 1\n${body}`);
  const r = await replay(reader, { mode: 'writeback', machine, cores: machine.cores, seed: 1 });
  return { s: statsOf(r), text: renderText(r, false) };
}

describe('a core whose thread starts late', () => {
  it('counts its throughput from its start', async () => {
    const { s, text } = await lateThread(WINDOW_EVENTS);
    // Thread 0 ran its whole first window (4096 × 10 cycles) before the next was read.
    expect(s('core1.start_cycle')).toBe(WINDOW_EVENTS * 10);
    expect(s('core1.cycles')).toBe(WINDOW_EVENTS * 10 + 1);
    expect(s('core1.ops_per_cycle')).toBe(1);
    expect(s('total.start_cycle')).toBe(0);
    expect(text).toContain(`started late (ev/cycle counts from the start): core1 at cycle 40,960\n`);
  });

  it('starts at 0 in the first window, and the report has no note', async () => {
    const { s, text } = await lateThread(WINDOW_EVENTS - 1);
    expect(s('core1.start_cycle')).toBe(0);
    expect(s('core1.ops_per_cycle')).toBe(1);
    expect(text).not.toContain('started late');
  });
});
