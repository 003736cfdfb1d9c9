/**
 * `--seed` is 0..2^32-1: the generator keeps 32 bits, so a larger seed (which used to
 * alias a smaller one, 2^32+1 giving seed 1's results) is refused.
 */
import { describe, expect, it } from 'vitest';
import { cliFails, runCli } from '../support/cli.js';
import { writeOkTrace } from '../support/files.js';

const trace = writeOkTrace();

describe('txsim replay --seed', () => {
  it.each(['4294967296', '4294967297', '1e30', '-1', '1.5'])('%s is refused', async (seed) => {
    expect(await cliFails(['replay', trace, '--replacement', 'random', '--seed', seed])).toBe(
      `txsim: --seed must be an integer from 0 to 4294967295, got '${seed}'\n`,
    );
  });

  it.each(['0', '4294967295'])('%s is accepted and echoed', async (seed) => {
    const r = await runCli(['replay', trace, '--replacement', 'random', '--seed', seed, '--quiet', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).config.seed).toBe(Number(seed));
  });
});
