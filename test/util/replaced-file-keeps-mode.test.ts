// An output that replaces a file (written beside it, then renamed onto it) keeps that
// file's permissions and owner, as writing it in place would: through writeFileAtomic,
// through a symbolic link, and through the trace writers' file sink.
import { chmodSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openFileSink } from '../../src/trace/sink.js';
import { writeFileAtomic } from '../../src/util/atomic-write.js';
import { tempDir } from '../trace/helpers.js';

/** A file holding `old` with permissions `mode`. */
function existing(name: string, mode: number): string {
  const file = join(tempDir(), name);
  writeFileSync(file, 'old');
  chmodSync(file, mode);
  return file;
}

function modeOf(file: string): number {
  return statSync(file).mode & 0o7777;
}

describe('a replaced output file keeps its permissions and owner', () => {
  it('writeFileAtomic', () => {
    const file = existing('result.json', 0o600);
    const { uid, gid } = statSync(file);
    writeFileAtomic(file, 'new');
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(modeOf(file)).toBe(0o600);
    expect(statSync(file)).toMatchObject({ uid, gid });
  });

  it('writeFileAtomic through a symbolic link', () => {
    const file = existing('target.json', 0o640);
    const link = join(tempDir(), 'link.json');
    symlinkSync(file, link);
    writeFileAtomic(link, 'new');
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(modeOf(file)).toBe(0o640);
  });

  it('the file sink of the trace writers', async () => {
    const file = existing('out.trace', 0o604);
    const sink = await openFileSink(file);
    await sink.write(new TextEncoder().encode('new'));
    await sink.close();
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(modeOf(file)).toBe(0o604);
  });
});
