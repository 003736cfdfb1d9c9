/**
 * Bad multicore input through the CLI entry: each case prints one clear message and
 * exits 1 (a trace thread beyond the machine, an SMT map that does not fit, an unknown
 * protocol, negative or non-integer latencies in a preset or on the command line).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliFails, runCli } from '../support/cli.js';
import { writePreset } from '../support/files.js';

const dir = mkdtempSync(join(tmpdir(), 'txsim-cli-'));
const trace = join(dir, 'two-threads.trace');
writeFileSync(trace, '# txsim-trace 1\n0 w 0x1000 8\n1 r 0x1000 8\n');

function preset(name: string, changes: Record<string, unknown>): string {
  return writePreset(dir, name, changes);
}

function fails(...args: string[]): Promise<string> {
  return cliFails(['replay', ...args]);
}

describe('txsim replay, multicore bad input', () => {
  it('runs the good case (exit 0) for comparison', async () => {
    const r = await runCli(['replay', trace, '--preset', 'tiny', '--quiet', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).stats['coherence.forwards'].value).toBe(1);
  });

  it('a trace thread beyond the machine', async () => {
    expect(await fails(trace, '--preset', 'tiny', '--cores', '1', '--threads-per-core', '1')).toBe(
      `txsim: ${trace}:3: trace thread 1 does not fit the machine: 1 core(s) × 1 thread(s) per core = 1 hardware thread(s), and round-robin puts trace thread t on core t mod 1, slot floor(t / 1) (there is no OS scheduler; give --threads-per-core 2, or --cores 2, or a --thread-map that places the trace threads explicitly)\n`,
    );
  });

  it('an SMT mapping that does not fit', async () => {
    expect(await fails(trace, '--preset', 'tiny', '--thread-map', '0:0,1:4')).toMatch(
      /--thread-map 1:4: hardware thread 4 does not exist \(2 core\(s\) × 2 thread\(s\) per core = 4 hardware thread\(s\), numbered 0..3\)/,
    );
    expect(await fails(trace, '--preset', 'tiny', '--threads-per-core', '3')).toMatch(
      /--threads-per-core must be 1 or 2, got '3'/,
    );
    expect(await fails(trace, '--preset', 'tiny', '--thread-map', '0:0')).toMatch(
      /trace thread 1 is not in --thread-map \(0:0\)/,
    );
  });

  it('a protocol that does not exist', async () => {
    expect(await fails(trace, '--preset', 'tiny', '--protocol', 'msi')).toBe(
      "txsim: --protocol: unknown coherence protocol 'msi' (known: mesi, moesi, mesif)\n",
    );
    const file = preset('bad-protocol', { protocol: 'dragon' });
    expect(await fails(trace, '--preset', file)).toBe(
      `txsim: ${file}: protocol: unknown coherence protocol "dragon" (known: mesi, moesi, mesif)\n`,
    );
  });

  it('negative or non-integer latencies in a preset, naming the key and the file', async () => {
    const neg = preset('negative', { remoteForwardLatency: -5 });
    expect(await fails(trace, '--preset', neg)).toBe(
      `txsim: ${neg}: remoteForwardLatency must be a non-negative integer number of cycles, got -5\n`,
    );
    const frac = preset('fraction', { upgradeLatency: 2.5 });
    expect(await fails(trace, '--preset', frac)).toBe(
      `txsim: ${frac}: upgradeLatency must be a non-negative integer number of cycles, got 2.5\n`,
    );
    const busy = preset('busy', { llcBankBusy: -1 });
    expect(await fails(trace, '--preset', busy)).toMatch(/llcBankBusy must be a non-negative integer/);
    const banks = preset('banks', { llcBanks: 3 });
    expect(await fails(trace, '--preset', banks)).toMatch(/llcBanks must be a power of two/);
    const unknown = preset('unknown', { coherence: 'mesi' });
    expect(await fails(trace, '--preset', unknown)).toMatch(/unknown key 'coherence' in preset/);
  });

  it('negative or non-integer latencies on the command line', async () => {
    expect(await fails(trace, '--preset', 'tiny', '--latency', 'memory=-1')).toBe(
      "txsim: --latency memory must be a non-negative integer number of cycles, got '-1'\n",
    );
    expect(await fails(trace, '--preset', 'tiny', '--latency', 'upgrade=1.5')).toMatch(
      /--latency upgrade must be a non-negative integer number of cycles, got '1.5'/,
    );
    expect(await fails(trace, '--preset', 'tiny', '--latency', 'upgrade=x')).toMatch(
      /--latency upgrade must be a non-negative integer number of cycles, got 'x'/,
    );
    expect(await fails(trace, '--preset', 'tiny', '--latency', 'l3Hit=40')).toMatch(
      /--latency: expected class=cycles with a class among l1Hit, l2Hit, llcHit, remoteForward, upgrade, memory, got 'l3Hit=40'/,
    );
  });

  it('an LLC with more lines than private lines can point to', async () => {
    expect(await fails(trace, '--llc', '16GiB:16:64')).toMatch(
      /llc of 268435456 lines is too large: the multicore model addresses at most 134217728 LLC lines/,
    );
  });

  it('a core count outside 1..64', async () => {
    expect(await fails(trace, '--cores', '65')).toMatch(/--cores must be an integer from 1 to 64, got '65'/);
    expect(await fails(trace, '--cores', '0')).toMatch(/--cores must be an integer from 1 to 64, got '0'/);
  });
});
