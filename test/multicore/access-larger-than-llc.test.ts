/**
 * An access reaches all its lines at once, so the write-back hierarchy runs one that covers
 * no more lines than the LLC holds and refuses a larger one at its trace line: a single 4 GiB access used to
 * take 78 s, line by line, with nothing shown. (The cachegrind mode caps sizes instead, as
 * cachegrind does.)
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliFails, runCli } from '../support/cli.js';
import { tempDir } from '../trace/helpers.js';

describe('an access larger than the LLC (tiny preset: 4 KiB)', () => {
  const dir = tempDir();
  const trace = (name: string, size: number, addr = '0x0'): string => {
    const path = join(dir, name);
    writeFileSync(path, `# txsim-trace 1\n0 r 0x40 8\n0 r ${addr} ${size}\n`);
    return path;
  };

  it('the LLC size runs: every line misses once', async () => {
    const r = await runCli(['replay', trace('fits.trace', 4096), '--preset', 'tiny', '--csv', '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^memory\.reads,64,/m); // 0x40, then the 63 other lines of the 4 KiB (0x40 hits in the L1D)
  });

  it('one byte more is refused at its line', async () => {
    const path = trace('big.trace', 4097);
    expect(await cliFails(['replay', path, '--preset', 'tiny'])).toBe(
      `txsim: ${path}:3: an access of 4097 bytes covers 65 lines, more than the LLC's 64: an access reaches all its lines at once, so they must fit in the caches together; split it into smaller accesses\n`,
    );
  });

  it('lines count, not bytes: unaligned, 64 lines run and 65 are refused', async () => {
    // 4064 bytes from 0x20 end at 0xfff, in line 63; 4096 bytes (the LLC's size) from 0x20
    // end at 0x101f, in line 64.
    const fits = await runCli([
      'replay',
      trace('fits2.trace', 4064, '0x20'),
      '--preset',
      'tiny',
      '--csv',
      '--quiet',
    ]);
    expect(fits.code).toBe(0);
    expect(fits.stdout).toMatch(/^memory\.reads,64,/m);
    const path = trace('big2.trace', 4096, '0x20');
    expect(await cliFails(['replay', path, '--preset', 'tiny'])).toMatch(
      /:3: an access of 4096 bytes covers 65 lines, more than the LLC's 64:/,
    );
  });

  it('so is 4 GiB, at once', async () => {
    const path = trace('huge.trace', 4294967295);
    const start = Date.now();
    expect(await cliFails(['replay', path, '--preset', 'tiny', '--cores', '2'])).toMatch(
      /:3: an access of 4294967295 bytes covers 67108864 lines, more than the LLC's 64/,
    );
    expect(Date.now() - start).toBeLessThan(5000);
  });
});
