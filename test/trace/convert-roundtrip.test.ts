// convertTrace: text → binary → text gives back the same text; lackey and din → binary keep
// every event; outputs are written atomically (no temporary file left, nothing on failure).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertTrace, formatForName } from '../../src/trace/convert.js';
import { openTrace } from '../../src/trace/open.js';
import { fixture, inputError, readAll, tempDir } from './helpers.js';

describe('convert', () => {
  it('round-trips text → binary → text exactly', async () => {
    const dir = tempDir();
    const src = fixture('canonical.trace');
    const bin = join(dir, 'c.txb');
    const back = join(dir, 'c.trace');
    expect(await convertTrace(src, bin)).toEqual({
      events: 26,
      from: 'text',
      to: 'binary',
      gzip: false,
      sites: 3,
    });
    expect(readFileSync(bin).subarray(0, 4)).toEqual(Buffer.from([0x89, 0x54, 0x58, 0x42]));
    await convertTrace(bin, back);
    expect(readFileSync(back, 'utf8')).toBe(readFileSync(src, 'utf8'));
    expect(readdirSync(dir).sort()).toEqual(['c.trace', 'c.txb']);
  });

  it('round-trips through gzip and small chunks', async () => {
    const dir = tempDir();
    const src = fixture('canonical.trace');
    await convertTrace(src, join(dir, 'c.txb.gz'), { chunkEvents: 4 });
    expect(readFileSync(join(dir, 'c.txb.gz')).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    await convertTrace(join(dir, 'c.txb.gz'), join(dir, 'c.trace'));
    expect(readFileSync(join(dir, 'c.trace'), 'utf8')).toBe(readFileSync(src, 'utf8'));
  });

  it.each(['sample.lackey', 'sample.din'])('keeps every event of %s', async (name) => {
    const dir = tempDir();
    const out = join(dir, 'x.txb');
    const original = await readAll(await openTrace(fixture(name)));
    const r = await convertTrace(fixture(name), out);
    expect(r.events).toBe(original.events.length);
    expect((await readAll(await openTrace(out))).events).toEqual(original.events);
  });

  it('leaves no output and no temporary file when the input is bad', async () => {
    const dir = tempDir();
    const bad = join(dir, 'bad.trace');
    writeFileSync(bad, `# txsim-trace 1\n${'0 r 0x10\n'.repeat(100_000)}0 r nothex\n`);
    const out = join(dir, 'out.txb');
    const err = await inputError(() => convertTrace(bad, out));
    expect(err.message).toContain(`${bad}:100002: expected a hex address`);
    expect(readdirSync(dir)).toEqual(['bad.trace']);
  });

  it('keeps an existing output when a conversion fails', async () => {
    const dir = tempDir();
    const out = join(dir, 'out.trace');
    writeFileSync(out, 'old');
    await inputError(() => convertTrace(join(dir, 'missing'), out));
    expect(readFileSync(out, 'utf8')).toBe('old');
  });

  it('picks the output format from the name', () => {
    expect(formatForName('a.txb')).toBe('binary');
    expect(formatForName('a.TXB.gz')).toBe('binary');
    expect(formatForName('a.trace')).toBe('text');
    expect(formatForName('-')).toBe('text');
  });
});
