/** Shipped presets carry the multicore keys with a source each; older presets get neutral defaults. */
import { describe, expect, it } from 'vitest';
import { latencyClasses, loadPreset, parseMachine, presetNames } from '../../src/sim/machine.js';

describe('presets', () => {
  it.each(presetNames())('%s: every value has a source', (name) => {
    const m = loadPreset(name);
    const keys = [
      'frequencyGHz',
      'l1d',
      'llc',
      'memoryLatency',
      'cores',
      'threadsPerCore',
      'protocol',
      'remoteForwardLatency',
      'upgradeLatency',
      'llcBanks',
      'llcBankBusy',
      'memoryBusy',
    ];
    for (const k of keys) expect(m.sources[k] ?? m.sources.all, `${name}: source of ${k}`).toBeTruthy();
  });

  it('haswell: 4 cores × 2 threads, MESI, latency classes', () => {
    const m = loadPreset('haswell');
    expect([m.cores, m.threadsPerCore, m.protocol, m.llcBanks]).toEqual([4, 2, 'mesi', 4]);
    expect(latencyClasses(m)).toEqual({
      l1Hit: 4,
      l2Hit: 12,
      llcHit: 36,
      remoteForward: 75,
      upgrade: 65,
      memory: 230,
    });
  });

  it('a preset without the multicore keys is one MESI core without contention', () => {
    const m = parseMachine(
      {
        frequencyGHz: 1,
        l1d: { size: 1024, assoc: 2, line: 64, latency: 1 },
        llc: { size: 4096, assoc: 4, line: 64, latency: 10 },
        memoryLatency: 100,
      },
      'old',
      'old.json',
    );
    expect([
      m.cores,
      m.threadsPerCore,
      m.protocol,
      m.remoteForwardLatency,
      m.upgradeLatency,
      m.llcBanks,
      m.llcBankBusy,
      m.memoryBusy,
    ]).toEqual([1, 1, 'mesi', 10, 10, 1, 0, 0]);
  });

  it('rejects bad multicore values naming the key and the file', () => {
    const base = {
      frequencyGHz: 1,
      l1d: { size: 1024, assoc: 2, line: 64, latency: 1 },
      llc: { size: 4096, assoc: 4, line: 64, latency: 10 },
      memoryLatency: 100,
    };
    expect(() => parseMachine({ ...base, cores: 65 }, 'x', 'x.json')).toThrow(
      'x.json: cores must be an integer from 1 to 64, got 65',
    );
    expect(() => parseMachine({ ...base, threadsPerCore: 4 }, 'x', 'x.json')).toThrow(
      'x.json: threadsPerCore must be 1 or 2, got 4',
    );
    expect(() => parseMachine({ ...base, memoryBusy: 1.5 }, 'x', 'x.json')).toThrow(
      'x.json: memoryBusy must be a non-negative integer number of cycles, got 1.5',
    );
  });
});
