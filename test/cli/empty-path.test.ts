/**
 * An empty path argument is an error naming the argument; only `-` means stdin / stdout
 * (an empty path used to be read as stdin or written to stdout).
 */
import { describe, expect, it } from 'vitest';
import { cliFails } from '../support/cli.js';
import { writeOkTrace } from '../support/files.js';

describe('txsim: an empty path', () => {
  const trace = writeOkTrace();

  it.each([
    [['replay', ''], 'trace'],
    [['inspect', ''], 'trace'],
    [['convert', '', ''], 'input'],
    [['convert', trace, ''], 'output'],
  ])('%j is refused', async (args, what) => {
    expect(await cliFails(args)).toBe(`txsim: ${what} path is empty\n`);
  });
});
