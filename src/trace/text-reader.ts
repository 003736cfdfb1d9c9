/**
 * Reader for txsim's own text format (grammar in text-line.ts, user documentation in
 * docs/trace-format.md).
 *
 * The hot path parses event lines straight from bytes: memory ops, compute, begin and end.
 * Any other line (site definitions, comments, rarer ops) and any line the fast path rejects
 * goes through `parseTextLine`, the reference grammar, which also writes the error message.
 * The first line must be the header `# txsim-trace 1`. Left out: checking that atomic
 * blocks nest properly (inspect reports unbalanced blocks; the simulator decides).
 */
import { Op } from './events.js';
import { LineReader } from './line-reader.js';
import { CH_HASH, HEX, describeLine, lineEnd } from './scan.js';
import { LineSyntaxError, parseTextLine, type TextLine } from './text-line.js';

/** The required first line (followed by the end of the line or a blank). */
export const TEXT_HEADER = '# txsim-trace 1';
const HEADER_RE = /^# txsim-trace 1(?:[ \t]|$)/;

/** Strict UTF-8, for site names (the binary format's rule: bytes that are not UTF-8 are an error). */
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** One-letter op codes by byte, or -1. */
const ONE = new Int8Array(256).fill(-1);
ONE[0x72] = Op.read; // r
ONE[0x77] = Op.write; // w
ONE[0x75] = Op.rmw; // u
ONE[0x69] = Op.ifetch; // i
ONE[0x6d] = Op.modify; // m
ONE[0x63] = Op.compute; // c

/** Space or tab. */
function blank(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

export class TextReader extends LineReader {
  readonly format = 'text' as const;
  private readonly isDefined = (id: number): boolean => this.sites.has(id);

  protected parse(n: number, limit: number): number {
    if (this.line === 0) this.checkHeader();
    const buf = this.input.buf;
    const stop = this.stop;
    const { op: opA, tid: tidA, addr: addrA, size: sizeA, site: siteA } = this.chunk;
    const sites = this.sites;
    const hex = HEX;
    const one = ONE;
    // Constants are literals in this loop (imported bindings are slow in V8's optimized code):
    // 0x30..0x39 digits, 0x40 '@', 0x23 '#', 0x0a LF, 0x0d CR, 0xffff MAX_TID,
    // 9007199254740991 MAX_ADDR, 4294967295 MAX_SIZE, 8 DEFAULT_SIZE, -1 NO_SITE,
    // op codes 3 readPrivate, 4 writePrivate, 5 compute, 6 begin, 7 end.
    let p = this.pos;
    let line = this.line;
    while (p < stop && n < limit) {
      line++;
      const start = p;
      let c = buf[p]!;
      fast: if (c >= 0x30 && c <= 0x39) {
        let tid = c - 0x30;
        c = buf[++p]!;
        while (c >= 0x30 && c <= 0x39) {
          tid = tid * 10 + (c - 0x30);
          c = buf[++p]!;
        }
        if (!blank(c) || tid > 0xffff) break fast;
        do c = buf[++p]!;
        while (blank(c));
        // The op token: one letter, rp/wp, begin or end.
        let op = -1;
        const c1 = buf[p + 1]!;
        if (blank(c1)) {
          op = one[c]!;
          p += 1;
        } else if (c1 === 0x70 && blank(buf[p + 2]!)) {
          op = c === 0x72 ? 3 : c === 0x77 ? 4 : -1;
          p += 2;
        } else if (c === 0x65 && c1 === 0x6e && buf[p + 2] === 0x64) {
          op = 7;
          p += 3;
        } else if (
          c === 0x62 &&
          c1 === 0x65 &&
          buf[p + 2] === 0x67 &&
          buf[p + 3] === 0x69 &&
          buf[p + 4] === 0x6e
        ) {
          op = 6;
          p += 5;
        }
        if (op < 0) break fast;
        let addr = 0;
        let size = 0;
        let site = -1;
        c = buf[p]!;
        if (op !== 7 && op !== 6) {
          if (!blank(c)) break fast;
          do c = buf[++p]!;
          while (blank(c));
          if (op === 5) {
            if (c < 0x30 || c > 0x39) break fast;
            do {
              addr = addr * 10 + (c - 0x30);
              c = buf[++p]!;
            } while (c >= 0x30 && c <= 0x39);
            if (addr > 9007199254740991) break fast;
          } else {
            if (c !== 0x30 || (buf[p + 1]! | 0x20) !== 0x78) break fast;
            p += 2;
            let d = hex[buf[p]!]!;
            if (d < 0) break fast;
            do {
              addr = addr * 16 + d;
              d = hex[buf[++p]!]!;
            } while (d >= 0);
            if (addr > 9007199254740991) break fast;
            size = 8;
            c = buf[p]!;
            if (blank(c)) {
              do c = buf[++p]!;
              while (blank(c));
              if (c >= 0x30 && c <= 0x39) {
                size = 0;
                do {
                  size = size * 10 + (c - 0x30);
                  c = buf[++p]!;
                } while (c >= 0x30 && c <= 0x39);
                if (size < 1 || size > 4294967295) break fast;
              }
            }
            // The last byte, addr + size - 1, within MAX_ADDR (subtracted: exact; below
            // 2^53 - 2^32 every size fits).
            if (addr > 9007194959773696 && size - 1 > 9007199254740991 - addr) break fast;
          }
        }
        // Optional @site, then blanks, an optional comment and the line end.
        c = buf[p]!;
        if (blank(c)) {
          do c = buf[++p]!;
          while (blank(c));
        }
        if (c === 0x40) {
          if (!blank(buf[p - 1]!)) break fast;
          c = buf[++p]!;
          if (c < 0x30 || c > 0x39) break fast;
          site = 0;
          do {
            site = site * 10 + (c - 0x30);
            c = buf[++p]!;
          } while (c >= 0x30 && c <= 0x39);
          if (!sites.has(site)) break fast;
          while (blank(c)) c = buf[++p]!;
        }
        if (c === 0x23) {
          p = lineEnd(buf, p);
          c = 0x0a;
        } else if (c === 0x0d) {
          c = buf[++p]!;
        }
        if (c !== 0x0a) break fast;
        p++;
        opA[n] = op;
        tidA[n] = tid;
        addrA[n] = addr;
        sizeA[n] = size;
        siteA[n] = site;
        n++;
        continue;
      }
      // Slow path: any other line, or one the fast path rejected.
      const end = lineEnd(buf, start);
      p = end + 1;
      n = this.slowLine(start, end, line, n);
    }
    this.pos = p;
    this.line = line;
    return n;
  }

  /** Parses one line with the reference grammar; returns the new event count. */
  private slowLine(start: number, end: number, line: number, n: number): number {
    const raw = Buffer.from(this.input.buf.buffer, this.input.buf.byteOffset + start, end - start).toString(
      'utf8',
    );
    let parsed: TextLine;
    try {
      parsed = parseTextLine(raw, this.isDefined);
    } catch (err) {
      if (err instanceof LineSyntaxError) throw this.fail(err.message, line);
      throw err;
    }
    switch (parsed.kind) {
      case 'blank':
        return n;
      case 'site': {
        // The lossy decoding above turned bytes that are not UTF-8 into U+FFFD: check the
        // line's bytes before any comment (`#`; comments may hold any bytes) again, strictly.
        if (parsed.site.file.includes('\uFFFD') || parsed.site.fn?.includes('\uFFFD')) {
          const buf = this.input.buf;
          const hash = buf.indexOf(CH_HASH, start);
          try {
            UTF8.decode(buf.subarray(start, hash >= 0 && hash < end ? hash : end));
          } catch {
            throw this.fail('a site name is not valid UTF-8', line);
          }
        }
        const old = this.sites.get(parsed.site.id);
        const s = parsed.site;
        if (old !== undefined && (old.file !== s.file || old.line !== s.line || old.fn !== s.fn)) {
          throw this.fail(`site ${s.id} is already defined differently`, line);
        }
        this.sites.set(s.id, s);
        return n;
      }
      case 'event': {
        const ch = this.chunk;
        ch.op[n] = parsed.op;
        ch.tid[n] = parsed.tid;
        ch.addr[n] = parsed.addr;
        ch.size[n] = parsed.size;
        ch.site[n] = parsed.site;
        return n + 1;
      }
    }
  }

  private checkHeader(): void {
    const first = describeLine(this.input.buf, this.pos);
    if (!HEADER_RE.test(first)) {
      const version = /^# txsim-trace (\S+)/.exec(first);
      throw this.fail(
        version !== null
          ? `unsupported txsim-trace version '${version[1] ?? ''}' (this txsim reads version 1)`
          : `expected the header line '${TEXT_HEADER}', got '${first}'`,
        1,
      );
    }
  }
}
