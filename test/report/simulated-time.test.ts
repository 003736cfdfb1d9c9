/** The text report converts the run's cycles to simulated time at the preset's clock. */
import { describe, expect, it } from 'vitest';
import { duration, renderText } from '../../src/report/text.js';
import { loadPreset } from '../../src/sim/machine.js';
import { replay } from '../../src/sim/replay.js';
import { litmusReader } from '../support/trace.js';

describe('simulated time', () => {
  it('is the total cycles at the machine clock, with an SI prefix', async () => {
    const machine = loadPreset('haswell');
    const r = await replay(await litmusReader('ping-pong.trace'), {
      mode: 'writeback',
      machine,
      cores: 2,
      seed: 1,
    });
    const cycles = r.stats['total.cycles']?.value ?? 0;
    expect(cycles).toBeGreaterThan(0);
    const text = renderText(r, false);
    const line = text.split('\n').find((l) => l.startsWith('simulated time'));
    expect(line).toBe(
      `simulated time ${cycles.toLocaleString('en-US')} cycles = ${duration(cycles / 3.4e9)} at 3.4 GHz`,
    );
  });

  it('picks the unit that keeps 3 significant digits above 1', () => {
    expect(duration(0)).toBe('0 s');
    expect(duration(2.5)).toBe('2.50 s');
    expect(duration(0.0123)).toBe('12.3 ms');
    expect(duration(4.1e-5)).toBe('41.0 µs');
    expect(duration(288e-9)).toBe('288 ns');
    expect(duration(5e-13)).toBe('0.500 ps');
    // Rounding up to 1000 of a unit moves to the next one.
    expect(duration(3399 / 3.4e9)).toBe('1.00 µs');
    expect(duration(0.9996)).toBe('1.00 s');
    expect(duration(35184372088831 / 3.4e9)).toBe('10,348 s');
  });
});
