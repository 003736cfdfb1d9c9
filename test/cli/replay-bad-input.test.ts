/**
 * Bad input to `txsim replay` and `txsim convert`: each case prints exactly one line
 * naming the problem (and the file and line or byte offset) and exits 1, never a stack.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliFails, runCli } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'txsim-bad-'));
const good = join(dir, 'good.trace');
writeFileSync(good, '# txsim-trace 1\n0 r 0x1000 8\n0 w 0x1040 4\n');
const malformed = join(dir, 'malformed.trace');
writeFileSync(malformed, '# txsim-trace 1\n0 r 0x1000 8\n0 r zz 8\n');
const empty = join(dir, 'empty.trace');
writeFileSync(empty, '# txsim-trace 1\n# nothing here\n');

/** Runs the CLI expecting failure; returns the one stderr line. */
async function fails(...args: string[]): Promise<string> {
  const stderr = await cliFails(args);
  const lines = stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
  return lines[0] as string;
}

describe('txsim replay: bad input', () => {
  it('a malformed text line names file:line', async () => {
    expect(await fails('replay', malformed)).toMatch(new RegExp(`^txsim: ${malformed}:3: .*hex address`));
  });

  it('a truncated binary trace names the byte offset', async () => {
    const bin = join(dir, 'good.txb');
    expect((await runCli(['convert', good, bin, '--to', 'binary'])).code).toBe(0);
    const cut = join(dir, 'cut.txb');
    const bytes = readFileSync(bin);
    writeFileSync(cut, bytes.subarray(0, bytes.length - 3));
    expect(await fails('replay', cut)).toMatch(new RegExp(`^txsim: ${cut}: at byte offset \\d+: `));
  });

  it('a corrupted binary trace names the byte offset', async () => {
    const bin = join(dir, 'good2.txb');
    expect((await runCli(['convert', good, bin, '--to', 'binary'])).code).toBe(0);
    const bytes = Buffer.from(readFileSync(bin));
    bytes[bytes.length - 12] = (bytes[bytes.length - 12] as number) ^ 0xff;
    const bad = join(dir, 'corrupt.txb');
    writeFileSync(bad, bytes);
    expect(await fails('replay', bad)).toMatch(new RegExp(`^txsim: ${bad}: at byte offset \\d+: `));
  });

  it('an empty trace', async () => {
    expect(await fails('replay', empty)).toBe(`txsim: ${empty}: trace is empty`);
  });

  it('a missing file', async () => {
    expect(await fails('replay', join(dir, 'nope.trace'))).toMatch(/cannot open trace: no such file/);
  });

  it.each([
    [
      ['--l1d', '3KiB:8:64'],
      /--l1d 3072 B, 8-way, 64 B lines: the number of sets \(6\) must be a power of two/,
    ],
    // The line size's own fault, not a mismatch with the other levels' 64 B.
    [['--l1d', '16KiB:4:48'], /^txsim: --l1d 16384 B, 4-way, 48 B lines: line size must be a power of two$/],
    [
      ['--l1d', '16KiB:4:32'],
      /l1i line size 64 B differs from l1d's 32 B: the write-back hierarchy needs one line size/,
    ],
    [['--D1=32768,8,48'], /D1 .*line size must be a power of two/],
    // cachegrind's own limits (valgrind 3.19 refuses these at start-up)
    [['--LL=64,1,128'], /LL .*cachegrind needs a cache of more than one line/],
    [['--LL=64,1,64'], /LL 64 B, 1-way, 64 B lines: cachegrind needs a cache of more than one line/],
    [['--I1=32768,8,8'], /I1 32768 B, 8-way, 8 B lines: cachegrind needs lines of at least 16 B/],
    [['--LL=2147483648,16,64'], /LL 2147483648 B, .*: cachegrind takes .* up to 2147483647/],
    [['--D1=32768,8,64x'], /--D1 line size: expected a byte count/],
    [['--replacement', 'mru'], /unknown policy 'mru'/],
    [['--preset', 'pentium'], /unknown machine preset 'pentium' \(known: .*haswell/],
    [['--hierarchy', 'flat'], /unknown mode 'flat'/],
    [['--frobnicate'], /^txsim: unknown option --frobnicate; see --help$/],
    [['-q'], /^txsim: unknown option -q; see --help$/],
    [
      ['second.trace'],
      /^txsim: unexpected argument 'second.trace' \(usage: txsim replay <trace>\); see --help$/,
    ],
  ])('%j is refused', async (flags, msg) => {
    expect(await fails('replay', good, ...flags)).toMatch(msg);
  });

  it("'--', and missing arguments", async () => {
    expect(await fails('replay', good, '--', 'extra')).toBe(
      "txsim: '--' is not used by txsim: give paths and options directly (a path that starts with '-' can be written ./-name)",
    );
    expect(await fails('convert', good)).toBe(
      'txsim: missing arguments (usage: txsim convert <in> <out>); see --help',
    );
  });

  it('an unknown command', async () => {
    expect(await fails('replae', good)).toBe(
      "txsim: unknown command 'replae' (commands: replay, convert, inspect, presets)",
    );
  });
});
