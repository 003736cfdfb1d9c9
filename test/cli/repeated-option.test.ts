/**
 * An option given twice is one clear error naming it (yargs would hand the command an
 * array, which used to surface as an internal error for geometry options).
 */
import { describe, expect, it } from 'vitest';
import { cliFails } from '../support/cli.js';

describe('txsim: an option given twice', () => {
  it('a geometry option names itself', async () => {
    const stderr = await cliFails([
      'replay',
      'traces/oracle/sort.lackey.gz',
      '--llc',
      '8MiB:16:64',
      '--llc',
      '2MiB:16:64',
    ]);
    expect(stderr).toBe('txsim: --llc is given 2 times; give it once\n');
  });

  it('a numeric option too', async () => {
    const stderr = await cliFails(['replay', 'traces/oracle/sort.lackey.gz', '--cores', '2', '--cores', '4']);
    expect(stderr).toBe('txsim: --cores is given 2 times; give it once\n');
  });
});
