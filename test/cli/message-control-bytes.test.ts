/**
 * A message quotes bytes of the trace (and its file name): control characters in them are
 * printed as escapes, so a trace cannot drive the terminal (an ESC sequence turning it
 * red) or put a NUL or a line break into the one-line message.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliFails } from '../support/cli.js';
import { tempDir } from '../trace/helpers.js';

describe('control characters in a message', () => {
  const dir = tempDir();

  it('an ESC sequence in a trace token is escaped', async () => {
    const trace = join(dir, 'esc.trace');
    writeFileSync(trace, '# txsim-trace 1\n0 r 0x10 8 \x1b[31mRED\n');
    expect(await cliFails(['inspect', trace])).toBe(
      `txsim: ${trace}:2: unexpected '\\x1b[31mRED' after '8'\n`,
    );
  });

  it('a NUL byte in a trace token is escaped', async () => {
    const trace = join(dir, 'nul.trace');
    writeFileSync(trace, '# txsim-trace 1\n0 r 0x10 8\0\n');
    expect(await cliFails(['inspect', trace])).toBe(
      `txsim: ${trace}:2: expected a size in bytes (a decimal integer) after the address, got '8\\x00'\n`,
    );
  });

  it('a line break in a file name is escaped', async () => {
    expect(await cliFails(['inspect', join(dir, 'no\nsuch.trace')])).toBe(
      `txsim: ${join(dir, 'no\\nsuch.trace')}: cannot open trace: no such file\n`,
    );
  });
});
