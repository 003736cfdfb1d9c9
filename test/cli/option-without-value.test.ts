/**
 * A value option given without a value, or with an empty one, is an error naming it
 * (it used to be ignored, or an empty number read as 0).
 */
import { describe, expect, it } from 'vitest';
import { cliFails, runCli } from '../support/cli.js';
import { writeOkTrace } from '../support/files.js';

const trace = writeOkTrace();
const OPTIONS = [
  '--cores',
  '--preset',
  '--seed',
  '--memory-latency',
  '--threads-per-core',
  '--format',
  '--out',
];

describe('txsim replay: an option without a value', () => {
  it.each(OPTIONS)('%s as the last argument', async (option) => {
    const r = await runCli(['replay', trace, option]);
    expect([r.code, r.stdout, r.stderr]).toEqual([1, '', `txsim: ${option} needs a value\n`]);
  });

  it.each(OPTIONS)('%s followed by another option', async (option) => {
    expect(await cliFails(['replay', trace, option, '--json'])).toBe(`txsim: ${option} needs a value\n`);
  });

  it.each(OPTIONS)("%s ''", async (option) => {
    expect(await cliFails(['replay', trace, option, ''])).toBe(`txsim: ${option} needs a value\n`);
  });

  it('--option= and the other commands', async () => {
    expect(await cliFails(['replay', trace, '--l1d='])).toBe('txsim: --l1d needs a value\n');
    expect(await cliFails(['inspect', trace, '--format'])).toBe('txsim: --format needs a value\n');
    expect(await cliFails(['convert', trace, '-', '--to', ''])).toBe('txsim: --to needs a value\n');
  });
});
