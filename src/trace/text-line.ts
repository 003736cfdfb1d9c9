/**
 * The txsim text format's grammar for one line, written plainly on strings.
 *
 * This is the reference definition: the byte-level fast path in text-reader.ts handles the
 * common lines without making strings, and falls back here for every other line and for
 * every line it rejects, so error messages come from one place. Grammar (docs/trace-format.md):
 *
 *   @site <id> <file>:<line> [<function>]
 *   <tid> r|w|u|rp|wp|i|m <0xaddr> [<size>] [@<site>]
 *   <tid> c <cycles> | begin | end | abort <code> | lock <0xaddr> | unlock <0xaddr> | sys <kind>   [@<site>]
 *
 * `#` starts a comment anywhere; blank lines are ignored; a CR may only end a line (CRLF).
 * Site names are non-empty, without white space or '#' (`siteFitsText`, the rule every
 * reader and writer applies). Left out: the header line, which the reader checks (it is a
 * comment to this grammar).
 */
import { assertNever } from '../util/errors.js';
import { DEFAULT_SIZE, MAX_ADDR, MAX_TID, NO_SITE, Op, SYS_KINDS, type OpCode, type Site } from './events.js';
import { LONE_CR } from './scan.js';

/** A line that breaks the grammar; the reader adds the file and line number. */
export class LineSyntaxError extends Error {}

export type TextLine =
  | { readonly kind: 'blank' }
  | { readonly kind: 'site'; readonly site: Site }
  | {
      readonly kind: 'event';
      readonly op: OpCode;
      readonly tid: number;
      readonly addr: number;
      readonly size: number;
      readonly site: number;
    };

/** Text op names, in the order error messages list them. */
export const TEXT_OPS: ReadonlyArray<readonly [string, OpCode]> = [
  ['r', Op.read],
  ['w', Op.write],
  ['u', Op.rmw],
  ['rp', Op.readPrivate],
  ['wp', Op.writePrivate],
  ['i', Op.ifetch],
  ['m', Op.modify],
  ['c', Op.compute],
  ['begin', Op.begin],
  ['end', Op.end],
  ['abort', Op.abort],
  ['lock', Op.lock],
  ['unlock', Op.unlock],
  ['sys', Op.sys],
];
const OP_BY_NAME = new Map<string, OpCode>(TEXT_OPS);
/** Op code -> text name. */
export const TEXT_NAME: readonly string[] = TEXT_OPS.slice()
  .sort((a, b) => a[1] - b[1])
  .map(([name]) => name);

export const MAX_SIZE = 0xffffffff;
export const MAX_SITE_ID = 0x7fffffff;
const DEC = /^[0-9]+$/;
const HEX_ADDR = /^0[xX][0-9a-fA-F]+$/;

function fail(message: string): never {
  throw new LineSyntaxError(message);
}

/** A decimal integer token in `lo..hi`. */
export function decimal(
  tok: string | undefined,
  what: string,
  after: string,
  lo: number,
  hi: number,
): number {
  if (tok === undefined) fail(`expected ${what} after ${after}, got end of line`);
  if (!DEC.test(tok)) fail(`expected ${what} (a decimal integer) after ${after}, got '${tok}'`);
  const v = Number(tok);
  if (v < lo || v > hi) fail(`${what} ${tok} is out of range ${lo}..${hi}`);
  return v;
}

/** A hex address token with 0x, at most 2^53-1. */
export function hexAddress(tok: string | undefined, after: string): number {
  if (tok === undefined) fail(`expected a hex address with 0x after ${after}, got end of line`);
  if (!HEX_ADDR.test(tok)) fail(`expected a hex address with 0x after ${after}, got '${tok}'`);
  const v = parseInt(tok.slice(2), 16);
  if (v > MAX_ADDR) fail(`address ${tok} is above the largest supported address 0x1fffffffffffff (2^53-1)`);
  return v;
}

/** Characters a site name may not hold: white space (any) and '#'. */
const BAD_SITE_NAME = /[\s#]/;

/** What every site name must be, for messages. */
export const SITE_NAME_RULE = "names must be non-empty without blanks or '#'";

/**
 * True if `s` can be written as an `@site` line and read back unchanged: its file and
 * function names are non-empty, without white space or '#'. The one rule for site names,
 * applied by the text reader, the text writer and the binary reader.
 */
export function siteFitsText(s: Site): boolean {
  return (
    s.file !== '' &&
    !BAD_SITE_NAME.test(s.file) &&
    (s.fn === undefined || (s.fn !== '' && !BAD_SITE_NAME.test(s.fn)))
  );
}

/** A name quoted as a JSON string, with white space other than a space escaped (\n, \ufeff). */
function quoted(name: string): string {
  return JSON.stringify(name).replace(
    /[^\S ]/gu,
    (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`,
  );
}

/** A site for messages, its names quoted (they may hold control characters or white space). */
export function describeSite(s: Site): string {
  const fn = s.fn === undefined ? '' : ` function ${quoted(s.fn)}`;
  return `site ${s.id} (file ${quoted(s.file)} line ${s.line}${fn})`;
}

function siteLine(toks: string[]): TextLine {
  const id = decimal(toks[1], 'a site id', "'@site'", 0, MAX_SITE_ID);
  const loc = toks[2];
  if (loc === undefined) fail(`expected <file>:<line> after the site id, got end of line`);
  const colon = loc.lastIndexOf(':');
  if (colon <= 0) fail(`expected <file>:<line> after the site id, got '${loc}'`);
  const line = decimal(loc.slice(colon + 1), 'a line number', `'${loc.slice(0, colon + 1)}'`, 0, MAX_SITE_ID);
  if (toks.length > 4) fail(`unexpected '${toks[4]}' after the function name (names have no blanks)`);
  const fn = toks[3];
  const site: Site =
    fn === undefined ? { id, file: loc.slice(0, colon), line } : { id, file: loc.slice(0, colon), line, fn };
  // Fields are split at spaces and tabs only: other white space would stay in a name.
  if (!siteFitsText(site)) fail(`${describeSite(site)}: ${SITE_NAME_RULE}`);
  return { kind: 'site', site };
}

/** Parses one line (without its line feed). `isDefined` says whether a site id was defined earlier. */
export function parseTextLine(raw: string, isDefined: (id: number) => boolean): TextLine {
  const hash = raw.indexOf('#');
  const body = hash >= 0 ? raw.slice(0, hash) : raw;
  // A CR may only end the line (CRLF); in a comment it is left alone, as the fast path does.
  const cr = body.indexOf('\r');
  if (cr >= 0 && cr !== raw.length - 1) fail(LONE_CR);
  const text = body.trim();
  if (text === '') return { kind: 'blank' };
  const toks = text.split(/[ \t]+/);
  const first = toks[0] ?? '';
  if (first === '@site') return siteLine(toks);
  if (!DEC.test(first)) fail(`expected a thread id or '@site' at the start of the line, got '${first}'`);
  const tid = decimal(first, 'thread id', 'the start of the line', 0, MAX_TID);
  const opTok = toks[1];
  if (opTok === undefined) fail(`expected an op after the thread id, got end of line`);
  const op = OP_BY_NAME.get(opTok);
  if (op === undefined) {
    fail(`unknown op '${opTok}'; valid ops are ${TEXT_OPS.map(([n]) => n).join(', ')}`);
  }
  // The op's arguments, then an optional @site, which ends the line.
  const siteAt = toks.findIndex((t, i) => i >= 2 && t.startsWith('@'));
  const args = toks.slice(2, siteAt < 0 ? toks.length : siteAt);
  const after = `'${opTok}'`;
  let addr = 0;
  let size = 0;
  let used = 0;
  switch (op) {
    case Op.read:
    case Op.write:
    case Op.rmw:
    case Op.readPrivate:
    case Op.writePrivate:
    case Op.ifetch:
    case Op.modify:
      addr = hexAddress(args[0], after);
      size =
        args[1] === undefined
          ? DEFAULT_SIZE
          : decimal(args[1], 'a size in bytes', 'the address', 1, MAX_SIZE);
      used = args[1] === undefined ? 1 : 2;
      if (size - 1 > MAX_ADDR - addr)
        fail(
          `access of ${size} bytes at ${args[0] ?? ''} runs past the largest supported address 0x1fffffffffffff (2^53-1)`,
        );
      break;
    case Op.compute:
      addr = decimal(args[0], 'a cycle count', after, 0, MAX_ADDR);
      used = 1;
      break;
    case Op.abort:
      addr = decimal(args[0], 'an abort code', after, 0, 255);
      used = 1;
      break;
    case Op.lock:
    case Op.unlock:
      addr = hexAddress(args[0], after);
      used = 1;
      break;
    case Op.sys: {
      const kind = args[0];
      addr = kind === undefined ? -1 : (SYS_KINDS as readonly string[]).indexOf(kind);
      if (addr < 0)
        fail(
          `expected a sys kind after 'sys' (${SYS_KINDS.join(', ')}), got ${kind === undefined ? 'end of line' : `'${kind}'`}`,
        );
      used = 1;
      break;
    }
    case Op.begin:
    case Op.end:
      break;
    default:
      assertNever(op, 'op');
  }
  if (args.length > used)
    fail(`unexpected '${args[used] ?? ''}' after ${used === 0 ? after : `'${args[used - 1] ?? ''}'`}`);
  let site = NO_SITE;
  if (siteAt >= 0) {
    const tok = toks[siteAt] ?? '';
    site = decimal(tok.slice(1), 'a site id', "'@'", 0, MAX_SITE_ID);
    if (!isDefined(site)) fail(`site ${site} is used before its '@site ${site} ...' line`);
    if (toks.length > siteAt + 1) fail(`unexpected '${toks[siteAt + 1] ?? ''}' after '${tok}'`);
  }
  return { kind: 'event', op, tid, addr, size, site };
}
