// A trace event the simulation refuses (here an unlock of a lock nobody holds) is named by
// its place in the file: the byte offset of its encoding in a binary trace; a trace piped
// on stdin, which cannot be read twice, names the event by its number in its thread.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { END_RECORD_BYTES } from '../../src/trace/binary-format.js';
import { convertTrace } from '../../src/trace/convert.js';
import { cliFails } from '../support/cli.js';
import { tempDir, tempFile } from '../trace/helpers.js';

const TRACE = '# txsim-trace 1\n0 r 0x1000 8\n1 r 0x2000 8\n0 w 0x1000 8\n1 unlock 0x40\n';

describe('txsim replay: where a refused trace event is', () => {
  it('binary: the byte offset of the event', async () => {
    const dir = tempDir();
    const binary = join(dir, 'unlock.txb');
    await convertTrace(tempFile('unlock.trace', TRACE), binary);
    // The same trace without its last event: the unlock would start where its end record does.
    const prefix = join(dir, 'prefix.txb');
    await convertTrace(tempFile('prefix.trace', TRACE.slice(0, TRACE.lastIndexOf('1 unlock'))), prefix);
    const at = statSync(prefix).size - END_RECORD_BYTES;
    expect(await cliFails(['replay', binary, '--preset', 'tiny'])).toBe(
      `txsim: ${binary}: at byte offset ${at}: trace thread 1 unlocks 0x40, which is not held\n`,
    );
  });

  it('stdin: the number of the event in its thread', () => {
    const r = spawnSync(
      process.execPath,
      ['dist/src/cli/main.js', 'replay', '-', '--preset', 'tiny', '--quiet'],
      {
        input: TRACE,
        encoding: 'utf8',
      },
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      'txsim: <stdin>: trace thread 1 unlocks 0x40, which is not held (at event 2 of trace thread 1)\n',
    );
  });
});
