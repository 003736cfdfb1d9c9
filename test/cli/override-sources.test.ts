/**
 * The report's `config.machine.sources` say which values the command line set, so a
 * result never credits a manual or paper with a number the user chose; and a level the
 * preset lacks cannot borrow another level's latency unnoticed.
 */
import { describe, expect, it } from 'vitest';
import { cliFails, runCli } from '../support/cli.js';

const trace = 'traces/litmus/ping-pong.trace';

interface Machine {
  readonly description: string;
  readonly l2: { readonly latency: number } | null;
  readonly sources: Record<string, string>;
}

/** The report's `config.machine` of a replay of the ping-pong litmus with `args`. */
async function machineOf(...args: string[]): Promise<Machine> {
  const r = await runCli(['replay', trace, '--quiet', '--json', ...args]);
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout) as { config: { machine: Machine } }).config.machine;
}

async function sources(...args: string[]): Promise<Record<string, string>> {
  return (await machineOf(...args)).sources;
}

describe('sources of values set on the command line', () => {
  it('name the options, and keep the preset source only for what they left alone', async () => {
    const base = await sources();
    const s = await sources(
      '--latency',
      'memory=200,l1Hit=3',
      '--l1d',
      '16KiB:4:64',
      '--cores',
      '2',
      '--protocol',
      'moesi',
    );
    expect(s.memoryLatency).toBe('set on the command line: --latency memory=200');
    expect(s.protocol).toBe('set on the command line: --protocol moesi');
    expect(s.cores).toBe('set on the command line: --cores 2');
    // The L1D's geometry and latency were both given, but a level's source may say more
    // (its line size's origin, say): the preset's stays, after the options.
    expect(s.l1d).toBe(
      `set on the command line: --l1d 16KiB:4:64 --latency l1Hit=3; the preset's source: ${base.l1d}`,
    );
    expect(s.l1i).toBe(`set on the command line: --latency l1Hit=3; the preset's source: ${base.l1i}`);
    // Untouched values keep the preset's source.
    expect(s.llc).toBe(base.llc);
    expect(s.upgradeLatency).toBe(base.upgradeLatency);
    expect(s.threadsPerCore).toBe(base.threadsPerCore);
  });

  it('a removed level says so, without the preset source of what is gone', async () => {
    const s = await sources('--l2', 'none', '--memory-latency', '99');
    expect(s.l2).toBe('set on the command line: --l2 none');
    expect(s.memoryLatency).toBe('set on the command line: --memory-latency 99');
  });
});

describe("the preset's description", () => {
  it('says which keys the command line changed, since it no longer describes them', async () => {
    const base = await machineOf();
    expect((await machineOf('--l1d', '16KiB:4:64', '--memory-latency', '99')).description).toBe(
      `${base.description} (the preset's; changed on the command line: l1d, memoryLatency)`,
    );
    // --cores is applied apart from the geometry options: still one note, naming all.
    expect((await machineOf('--cores', '2', '--l1d', '16KiB:4:64')).description).toBe(
      `${base.description} (the preset's; changed on the command line: l1d, cores)`,
    );
  });
});

describe('a preset with one source for everything', () => {
  it('keeps it after the options, as a per-key source', async () => {
    const tiny = await sources('--preset', 'tiny');
    const s = await sources('--preset', 'tiny', '--llc', '1KiB:4:64');
    expect(s.llc).toBe(`set on the command line: --llc 1KiB:4:64; the preset's source: ${tiny.all}`);
  });
});

describe('an L2 added to a preset without one', () => {
  it('needs its latency', async () => {
    expect(await cliFails(['replay', trace, '--preset', 'tiny', '--l2', '8KiB:4:64'])).toBe(
      'txsim: --l2 8KiB:4:64: preset tiny has no L2, so it has no L2 latency; give it with --latency l2Hit=N\n',
    );
    const m = await machineOf('--preset', 'tiny', '--l2', '8KiB:4:64', '--latency', 'l2Hit=4');
    expect(m.l2?.latency).toBe(4);
    expect(m.sources.l2).toBe('set on the command line: --l2 8KiB:4:64 --latency l2Hit=4');
  });
});
