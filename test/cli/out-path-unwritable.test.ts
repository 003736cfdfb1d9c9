// An output path that cannot be written (missing directory, a directory, an empty name,
// a read-only directory) is one line naming it and exit 1, before the run, for `replay
// --out`, `replay --cachegrind-out-file` and `convert`; nothing is left behind.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliErrorLine, scratch } from '../support/output-files.js';

const { dir, trace } = scratch();
const missing = join(dir, 'nodir', 'r.txt');
const CG = ['--D1=32768,8,64', '--I1=32768,8,64', '--LL=8388608,16,64'];

describe('unwritable output paths', () => {
  it.each([
    [['--out', missing], `txsim: ${missing}: cannot write output: its directory does not exist`],
    [['--out', dir], `txsim: ${dir}: cannot write output: is a directory`],
    [['--out', ''], 'txsim: --out needs a value'],
    [
      [...CG, '--cachegrind-out-file', missing],
      `txsim: ${missing}: cannot write output: its directory does not exist`,
    ],
    [[...CG, '--cachegrind-out-file', dir], `txsim: ${dir}: cannot write output: is a directory`],
    [[...CG, '--cachegrind-out-file', ''], 'txsim: --cachegrind-out-file needs a value'],
  ])('replay %j', async (flags, message) => {
    expect(await cliErrorLine(['replay', trace, ...flags])).toBe(message);
    expect(readdirSync(dir)).toEqual(['ok.trace']);
  });

  it.each([
    [missing, `txsim: ${missing}: cannot write output: its directory does not exist`],
    [dir, `txsim: ${dir}: cannot write output: is a directory`],
  ])('convert to %s', async (out, message) => {
    expect(await cliErrorLine(['convert', trace, out])).toBe(message);
    expect(readdirSync(dir)).toEqual(['ok.trace']);
  });

  it('a read-only directory (run as an unprivileged user)', () => {
    const ro = scratch();
    const locked = join(ro.dir, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o555);
    chmodSync(ro.dir, 0o755);
    const out = join(locked, 'r.txt');
    const asRoot = process.getuid?.() === 0;
    for (const args of [
      ['replay', ro.trace, '--out', out, '--quiet'],
      ['replay', ro.trace, ...CG, '--cachegrind-out-file', out, '--quiet'],
      ['convert', ro.trace, out],
    ]) {
      const r = spawnSync(process.execPath, ['dist/src/cli/main.js', ...args], {
        encoding: 'utf8',
        ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
      });
      expect(r.stderr).toBe(`txsim: ${out}: cannot write output: permission denied\n`);
      expect(r.status).toBe(1);
      expect(readdirSync(locked)).toEqual([]);
    }
  });
});
