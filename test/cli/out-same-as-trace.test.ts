// An output that is the trace being read (by the same name, another spelling, a symbolic
// link or a hard link), or two outputs naming one file, is refused before the run: the
// trace is never overwritten.
import { linkSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OK_TRACE } from '../support/files.js';
import { cliErrorLine, scratch } from '../support/output-files.js';

const { dir, trace } = scratch();
const link = join(dir, 'link.trace');
symlinkSync('ok.trace', link);
const hard = join(dir, 'hard.trace');
linkSync(trace, hard);
const CG = ['--D1=32768,8,64', '--I1=32768,8,64', '--LL=8388608,16,64'];

async function refused(args: string[], message: string): Promise<void> {
  expect(await cliErrorLine(args)).toBe(`txsim: ${message}`);
  expect(readFileSync(trace, 'utf8')).toBe(OK_TRACE);
  expect(readdirSync(dir).sort()).toEqual(['hard.trace', 'link.trace', 'ok.trace']);
}

describe('an output that is the input trace', () => {
  const spellings = [trace, join(dir, '.', 'ok.trace'), relative(process.cwd(), trace), link, hard];

  it.each(spellings)('replay --out %s', async (out) => {
    await refused(
      ['replay', trace, '--out', out],
      `${out}: --out is the input trace (it would be overwritten)`,
    );
  });

  it('replay of the link, --out the file', async () => {
    await refused(
      ['replay', link, '--out', trace],
      `${trace}: --out is the input trace (it would be overwritten)`,
    );
  });

  it.each(spellings)('replay --cachegrind-out-file %s', async (out) => {
    await refused(
      ['replay', trace, ...CG, '--cachegrind-out-file', out],
      `${out}: --cachegrind-out-file is the input trace (it would be overwritten)`,
    );
  });

  it.each(spellings)('convert to %s', async (out) => {
    await refused(['convert', trace, out], `${out}: the output is the input trace (it would be overwritten)`);
  });
});

describe('two outputs naming one file', () => {
  it('a new file, spelled two ways', async () => {
    const a = join(dir, 'r.txt');
    const b = join(dir, '.', 'r.txt');
    await refused(
      ['replay', trace, ...CG, '--out', a, '--cachegrind-out-file', b],
      `${b}: --out and --cachegrind-out-file name the same file`,
    );
  });

  it('an existing file and a link to it', async () => {
    const { dir: other } = scratch();
    const a = join(other, 'r.txt');
    writeFileSync(a, 'old report\n');
    const b = join(other, 'link.txt');
    symlinkSync('r.txt', b);
    await refused(
      ['replay', trace, ...CG, '--out', b, '--cachegrind-out-file', a],
      `${a}: --out and --cachegrind-out-file name the same file`,
    );
  });
});
