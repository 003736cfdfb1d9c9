/** Test machines: small, round latencies, built in code (no preset file). */
import type { LevelConfig } from '../../src/cache/level.js';
import type { MachineConfig } from '../../src/sim/machine.js';

export const level = (size: number, assoc: number, latency: number, replacement = 'lru'): LevelConfig => ({
  size,
  assoc,
  line: 64,
  latency,
  replacement,
});

/**
 * The `tiny` preset's shape (1 KiB 2-way L1s, no L2, 4 KiB 4-way LLC, 64 B lines) with
 * latencies L1 1, LLC 10, remote forward 40, upgrade 30, memory 100, no contention.
 */
export function testMachine(over: Partial<MachineConfig> = {}): MachineConfig {
  return {
    preset: 'test',
    description: 'test machine',
    frequencyGHz: 1,
    l1i: level(1024, 2, 1),
    l1d: level(1024, 2, 1),
    l2: null,
    llc: level(4096, 4, 10),
    memoryLatency: 100,
    cores: 2,
    threadsPerCore: 1,
    protocol: 'mesi',
    remoteForwardLatency: 40,
    upgradeLatency: 30,
    llcBanks: 1,
    llcBankBusy: 0,
    memoryBusy: 0,
    sources: {},
    ...over,
  };
}

/**
 * The machine of the random-trace properties: 256 B 2-way L1s, an optional 512 B L2, a
 * 1 KiB 4-way LLC (lines shared, evicted and back-invalidated all the time), two banks and
 * some contention, every level with `replacement`.
 */
export function churnMachine(
  protocol: MachineConfig['protocol'],
  replacement: string,
  cores: number,
  threadsPerCore: 1 | 2,
  withL2: boolean,
): MachineConfig {
  return testMachine({
    protocol,
    cores,
    threadsPerCore,
    l1i: level(256, 2, 1, replacement),
    l1d: level(256, 2, 1, replacement),
    l2: withL2 ? level(512, 2, 4, replacement) : null,
    llc: level(1024, 4, 10, replacement),
    llcBanks: 2,
    llcBankBusy: 3,
    memoryBusy: 7,
  });
}
