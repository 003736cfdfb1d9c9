// The report's machine is the machine as run: --cores and --threads-per-core replace the
// preset's values in `config.machine`, as other overrides (protocol, latencies) do.
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { tempFile } from '../trace/helpers.js';

describe('config.machine echoes --cores and --threads-per-core', () => {
  it('agrees with config.cores and config.threadsPerCore', async () => {
    const trace = tempFile('one.trace', '# txsim-trace 1\n0 r 0x1000\n');
    const r = await runCli([
      'replay',
      trace,
      '--preset',
      'tiny',
      '--cores',
      '3',
      '--threads-per-core',
      '1',
      '--json',
      '--quiet',
    ]);
    expect(r.code).toBe(0);
    const config = (
      JSON.parse(r.stdout) as { config: Record<string, unknown> & { machine: Record<string, unknown> } }
    ).config;
    expect(config.cores).toBe(3);
    expect(config.threadsPerCore).toBe(1);
    expect(config.machine.cores).toBe(3);
    expect(config.machine.threadsPerCore).toBe(1);
  });
});
