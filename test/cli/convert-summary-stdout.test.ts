// `convert <in> /dev/stdout`: the converted trace goes to stdout alone; the summary line
// goes to stderr, as it does for `-`, instead of landing inside the output.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { tempFile } from '../trace/helpers.js';

describe('txsim convert to /dev/stdout', () => {
  it('keeps the summary out of the converted trace', () => {
    const trace = tempFile('one.trace', '# txsim-trace 1\n0 r 0x10\n');
    const r = spawnSync(
      process.execPath,
      ['dist/src/cli/main.js', 'convert', trace, '/dev/stdout', '--to', 'text'],
      { encoding: 'utf8' },
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('# txsim-trace 1\n0 r 0x10\n');
    expect(r.stderr).toMatch(/^converted 1 event \(text → text\) to \/dev\/stdout\n$/);
  });
});
