/**
 * Site names in text traces follow the binary format's rule: bytes that are not UTF-8 are
 * an error at their line (not replacement characters); a real U+FFFD is a name like any
 * other, and a comment may hold any bytes.
 */
import { describe, expect, it } from 'vitest';
import { openTraceBytes } from '../../src/trace/open.js';
import { inputError, readAll } from './helpers.js';

const trace = (site: Buffer): Buffer =>
  Buffer.concat([Buffer.from('# txsim-trace 1\n'), site, Buffer.from('\n0 r 0x10 8 @1\n')]);

describe('text site names', () => {
  it('bytes that are not UTF-8 in a name are an error at their line', async () => {
    for (const bad of [Buffer.from([0x66, 0xff, 0x2e, 0x63]), Buffer.from([0xc3])]) {
      const line = Buffer.concat([Buffer.from('@site 1 '), bad, Buffer.from(':3 main')]);
      const err = await inputError(async () => readAll(await openTraceBytes('t.trace', trace(line))));
      expect(err.message).toBe('t.trace:2: a site name is not valid UTF-8');
    }
    const inFn = Buffer.concat([Buffer.from('@site 1 a.c:3 gr'), Buffer.from([0xf6]), Buffer.from('sse')]);
    const err = await inputError(async () => readAll(await openTraceBytes('t.trace', trace(inFn))));
    expect(err.message).toBe('t.trace:2: a site name is not valid UTF-8');
  });

  it('U+FFFD itself, and any bytes in a comment, are fine', async () => {
    const fffd = Buffer.from('@site 1 a\ufffd.c:3 main # c\u00e9', 'utf8');
    const withBadComment = Buffer.concat([fffd, Buffer.from([0xff])]);
    const site = (await readAll(await openTraceBytes('t.trace', trace(withBadComment)))).sites.get(1);
    expect([site?.file, site?.fn]).toEqual(['a\ufffd.c', 'main']);
  });
});
