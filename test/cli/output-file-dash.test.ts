/**
 * `--out -` and `--cachegrind-out-file -` are refused with a message saying what to do
 * (`-` used to be taken as an unknown positional argument).
 */
import { describe, expect, it } from 'vitest';
import { cliFails } from '../support/cli.js';
import { writeOkTrace } from '../support/files.js';

const trace = writeOkTrace();

describe('txsim replay: an output file of -', () => {
  it('--out -', async () => {
    expect(await cliFails(['replay', trace, '--out', '-'])).toBe(
      'txsim: --out needs a file path; omit it to print the report to stdout\n',
    );
  });

  it('--cachegrind-out-file -', async () => {
    expect(await cliFails(['replay', trace, '--I1=32768,8,64', '--cachegrind-out-file', '-'])).toBe(
      'txsim: --cachegrind-out-file needs a file path; it cannot go to stdout\n',
    );
  });
});
