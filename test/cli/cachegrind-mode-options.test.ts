/**
 * Options of the writeback hierarchy are refused in the cachegrind mode, naming the option
 * (they used to be ignored); --l1i/--l1d/--llc still give the cachegrind geometry when its
 * own flag is absent, and clash with it when both are given.
 */
import { describe, expect, it } from 'vitest';
import { cliFails, runCli } from '../support/cli.js';
import { writeOkTrace } from '../support/files.js';

const trace = writeOkTrace();
const CG = ['--I1=32768,8,64'];

describe('txsim replay: the cachegrind mode refuses writeback options', () => {
  it.each([
    ['--l2', '1KiB:2:64'],
    ['--memory-latency', '9'],
    ['--latency', 'memory=9'],
    ['--protocol', 'moesi'],
    ['--cores', '1'],
    ['--threads-per-core', '2'],
    ['--thread-map', '0:0'],
    ['--debug-checks'],
  ])('%s', async (...option) => {
    const name = option[0] as string;
    const message = `txsim: ${name} applies to the writeback hierarchy, not the cachegrind mode\n`;
    expect(await cliFails(['replay', trace, ...CG, ...option])).toBe(message);
    expect(await cliFails(['replay', trace, '--hierarchy', 'cachegrind', ...option])).toBe(message);
  });

  it('a level flag together with its cachegrind flag', async () => {
    expect(await cliFails(['replay', trace, '--D1=32768,8,64', '--l1d', '64KiB:8:64'])).toBe(
      'txsim: --l1d and --D1 both set the cachegrind D1 geometry; give one\n',
    );
  });

  it('--l1i none', async () => {
    expect(await cliFails(['replay', trace, '--D1=32768,8,64', '--l1i', 'none'])).toBe(
      'txsim: --l1i none: the cachegrind mode always has an I1\n',
    );
  });

  it('a level flag alone gives the cachegrind geometry', async () => {
    const r = await runCli(['replay', trace, ...CG, '--l1d', '64KiB:8:64', '--quiet', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).config.cachegrind.D1).toEqual({ size: 65536, assoc: 8, line: 64 });
  });
});
