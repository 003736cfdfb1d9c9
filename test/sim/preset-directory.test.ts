/** A preset path that is a directory is named as such (it used to say "invalid JSON: EISDIR"). */
import { describe, expect, it } from 'vitest';
import { cliFails } from '../support/cli.js';
import { writeOkTrace } from '../support/files.js';
import { tempDir } from '../trace/helpers.js';

describe('a preset path that is a directory', () => {
  it('is refused in one line', async () => {
    const dir = tempDir();
    const trace = writeOkTrace(dir);
    expect(await cliFails(['replay', trace, '--preset', dir])).toBe(
      `txsim: preset ${dir} is a directory, not a JSON file\n`,
    );
    expect(await cliFails(['presets', dir])).toBe(`txsim: preset ${dir} is a directory, not a JSON file\n`);
  });
});
