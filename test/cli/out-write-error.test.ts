// A failure while writing an output (here a full device: ENOSPC) is one line naming the
// output and exit 1, for `replay --out`, `replay --cachegrind-out-file` and `convert`.
import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliErrorLine, scratch, tryMknod } from '../support/output-files.js';

const { dir, trace } = scratch();
const full = join(dir, 'full');
const CG = ['--D1=32768,8,64', '--I1=32768,8,64', '--LL=8388608,16,64'];

describe.skipIf(!tryMknod(full, 1, 7))('writing to a full device', () => {
  it.each([
    [['replay', trace, '--out', full]],
    [['replay', trace, ...CG, '--cachegrind-out-file', full]],
    [['convert', trace, full]],
  ])('%j', async (args) => {
    expect(await cliErrorLine(args)).toBe(`txsim: ${full}: cannot write output: no space left on device`);
    expect(lstatSync(full).isCharacterDevice()).toBe(true);
  });
});
