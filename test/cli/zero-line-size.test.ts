/**
 * A zero size or line size in a geometry flag is refused when the flag is parsed (it used
 * to surface later as "llc of Infinity lines is too large").
 */
import { describe, expect, it } from 'vitest';
import { cliFails } from '../support/cli.js';
import { writeOkTrace } from '../support/files.js';

const trace = writeOkTrace();

describe('txsim replay: a zero byte count in a geometry', () => {
  it('line size 0', async () => {
    expect(
      await cliFails(['replay', trace, '--l1i', '3KiB:2:0', '--l1d', '3KiB:2:0', '--llc', '12KiB:4:0']),
    ).toBe("txsim: --l1i line size: must be at least 1 byte, got '0'\n");
  });

  it('size 0', async () => {
    expect(await cliFails(['replay', trace, '--D1=0,2,64'])).toBe(
      "txsim: --D1 size: must be at least 1 byte, got '0'\n",
    );
  });
});
