/**
 * A value outside an option's choices is one line naming the option, the value and the
 * choices (yargs' own message took two lines).
 */
import { describe, expect, it } from 'vitest';
import { cliFails } from '../support/cli.js';
import { writeOkTrace } from '../support/files.js';

const trace = writeOkTrace();
const INPUT = 'auto, text, binary, lackey, din';

describe('txsim: an unknown choice', () => {
  it.each([
    [['inspect', trace, '--format', 'BIN'], `--format: unknown format 'BIN' (known: ${INPUT})`],
    [['replay', trace, '--format', 'BIN'], `--format: unknown format 'BIN' (known: ${INPUT})`],
    [['convert', trace, '-', '--to', 'BINARY'], "--to: unknown output format 'BINARY' (known: text, binary)"],
    [['convert', trace, '-', '--from', 'LACKEY'], `--from: unknown input format 'LACKEY' (known: ${INPUT})`],
  ])('%j', async (args, message) => {
    expect(await cliFails(args)).toBe(`txsim: ${message}\n`);
  });
});
