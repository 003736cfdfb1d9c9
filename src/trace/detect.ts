/**
 * Trace format detection from content (never from the file name).
 *
 * Looks at the first bytes: gzip magic (1f 8b, decompressed and detected again by the
 * caller), the binary magic (or a prefix of it, or 6 of its 8 bytes, so that a truncated or
 * damaged file is reported by the binary reader with a byte offset), the text header
 * `# txsim-trace 1`, and otherwise the first non-blank line that is not a valgrind message
 * (`==PID==`, or `--PID--` with `-v`): a lackey record or a din / Dinero `D` record.
 * Anything else is an InputError saying what was seen: other binary data (known magic
 * numbers such as bzip2, xz, zstd or ELF, or control bytes near the start) is recognised
 * before any line is looked at, and so are common layout mistakes (a byte order mark, lines
 * ending in a lone CR, the header below the first line, txsim text without its header).
 * Left out: decompressing anything but gzip (the message says how to pipe it in).
 */
import { InputError } from '../util/errors.js';
import { FILE_MAGIC } from './binary-format.js';
import { LONE_CR } from './scan.js';
import type { TraceFormat } from './reader.js';

export type Detected = TraceFormat | 'gzip';

/** Bytes of input read before deciding. */
export const HEAD_BYTES = 64 << 10;

const LACKEY_LINE = /^(?:I {2}| [LSM] )[0-9a-fA-F]+,[0-9]+$/;
const DIN_LINE =
  /^[ \t]*(?:[0-5][ \t]+(?:0[xX])?[0-9a-fA-F]+|[rwimcv][ \t]+(?:0[xX])?[0-9a-fA-F]+[ \t]+(?:0[xX])?[0-9a-fA-F]+)(?:[ \t][^\n]*)?$/;
const HEADERLESS_TEXT = /^[0-9]+[ \t]+(?:r|w|u|rp|wp|i|m|begin|end|abort|lock|unlock|sys)(?:[ \t]|$)/;

/** The text header line (detection only; the text reader checks it again). */
const HEADER_LINE = /^# txsim-trace 1(?:[ \t]|$)/;
/** Control bytes that plain text does not hold (tab, LF, VT, FF, CR and ESC are allowed). */
// eslint-disable-next-line no-control-regex
const CONTROL_BYTES = /[\x00-\x08\x0e-\x1a\x1c-\x1f]/;
/** Bytes of the input searched for control bytes. */
const CONTROL_SCAN_BYTES = 512;

function startsWith(head: Uint8Array, magic: readonly number[]): boolean {
  return head.length >= magic.length && magic.every((b, i) => head[i] === b);
}

/** Other compressors, recognised by their magic numbers, with the command that decompresses. */
const COMPRESSED: ReadonlyArray<{
  readonly name: string;
  readonly tool: string;
  readonly is: (head: Uint8Array) => boolean;
}> = [
  {
    name: 'bzip2',
    tool: 'bzip2 -dc',
    // 'BZh' and the block size, '1'..'9'
    is: (h) => startsWith(h, [0x42, 0x5a, 0x68]) && (h[3] ?? 0) >= 0x31 && (h[3] ?? 0) <= 0x39,
  },
  { name: 'xz', tool: 'xz -dc', is: (h) => startsWith(h, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]) },
  { name: 'zstd', tool: 'zstd -dc', is: (h) => startsWith(h, [0x28, 0xb5, 0x2f, 0xfd]) },
];
/** Magic numbers of other binary files reported as unknown binary data (ELF: executables). */
const OTHER_BINARY: readonly (readonly number[])[] = [[0x7f, 0x45, 0x4c, 0x46]];

/** The UTF-8 byte order mark, as the latin1 decoding above sees it. */
const UTF8_BOM = '\xef\xbb\xbf';
/** Lines after a din-looking first record that are checked for headerless txsim text. */
const DIN_CONFIRM_LINES = 32;

/**
 * A txsim text trace without its header can start with a line din also accepts (`0 c 100`
 * is compute in txsim text, a read of 0xc in din): if one of the next lines is txsim text
 * and not din, says so instead of letting the din reader fail on it.
 */
function headerlessText(lines: readonly string[], from: number, name: string): void {
  for (let i = from; i < lines.length && i < from + DIN_CONFIRM_LINES; i++) {
    const line = (lines[i] ?? '').replace(/\r$/, '');
    if (line.trim() === '' || DIN_LINE.test(line)) continue;
    if (HEADERLESS_TEXT.test(line)) {
      throw new InputError(
        `cannot detect the trace format: this looks like txsim text without its first line '# txsim-trace 1'`,
        { file: name, line: i + 1 },
      );
    }
    return;
  }
}

/**
 * A line of valgrind's own output: `==PID== ...` (its messages), `--PID-- ...` (verbose ones,
 * with -v). The lackey reader skips the same lines (lackey-reader.ts).
 */
function isValgrindMessage(line: string): boolean {
  return line.startsWith('==') || line.startsWith('--');
}

function hexBytes(head: Uint8Array): string {
  return Array.from(head.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join(' ');
}

/** Detects the format of `head` (the first bytes; `complete` if that is the whole input). */
export function detectFormat(head: Uint8Array, complete: boolean, name: string): Detected {
  if (head.length === 0) throw new InputError('trace is empty', { file: name });
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  // The binary magic, a prefix of it (a truncated file) or most of it (a damaged one: the
  // binary reader then reports the bad magic at offset 0).
  const prefix = Math.min(head.length, FILE_MAGIC.length);
  if (FILE_MAGIC.subarray(0, prefix).every((b, i) => head[i] === b)) return 'binary';
  if (prefix === FILE_MAGIC.length && FILE_MAGIC.filter((b, i) => head[i] === b).length >= 6) return 'binary';
  for (const c of COMPRESSED) {
    if (c.is(head)) {
      throw new InputError(
        `${c.name}-compressed data (first bytes ${hexBytes(head)}): txsim decompresses gzip only; decompress it first ('${c.tool} FILE | txsim ... -' reads it from standard input)`,
        { file: name },
      );
    }
  }
  const text = Buffer.from(head.buffer, head.byteOffset, head.length).toString('latin1');
  if (text.startsWith(UTF8_BOM)) {
    throw new InputError(
      'the trace starts with a UTF-8 byte order mark; remove it (traces are plain ASCII text)',
      { file: name, line: 1 },
    );
  }
  const lines = text.split('\n');
  if (!complete && lines.length > 1) lines.pop(); // a partial last line
  const first = (lines[0] ?? '').replace(/\r$/, '');
  // The header line is a comment to the text format: a CR after it is the reader's concern.
  const header = HEADER_LINE.test(first);
  // Binary data before any line is looked at: its first "line" may hold a CR, which is not
  // a line-ending mistake. A txsim text header vouches for text (its reader names the line).
  if (
    OTHER_BINARY.some((m) => startsWith(head, m)) ||
    (!header && CONTROL_BYTES.test(text.slice(0, CONTROL_SCAN_BYTES)))
  ) {
    throw new InputError(
      `unknown binary data (first bytes ${hexBytes(head)}): not a txsim, gzip or text trace`,
      { file: name },
    );
  }
  // Old Mac files end lines in a CR alone and hold no LF; a stray CR inside a line of an LF
  // file is for the reader, or below, to name at its line.
  if (!text.includes('\n') && /\r[^\n]/.test(text)) {
    throw new InputError(
      'lines end in a carriage return alone (old Mac line endings); convert them to \\n or \\r\\n',
      { file: name, line: 1 },
    );
  }
  if (header) return 'text';
  const version = /^# txsim-trace (\S+)/.exec(first);
  if (version !== null) {
    throw new InputError(
      `unsupported txsim-trace version '${version[1] ?? ''}' (this txsim reads version 1)`,
      {
        file: name,
        line: 1,
      },
    );
  }
  let sawValgrind = false;
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').replace(/\r$/, '');
    if (line.trim() === '') continue;
    if (isValgrindMessage(line)) {
      sawValgrind = true;
      continue;
    }
    if (/^# txsim-trace /.test(line)) {
      throw new InputError(`the header '${line}' must be the first line of the trace`, {
        file: name,
        line: i + 1,
      });
    }
    if (LACKEY_LINE.test(line)) return 'lackey';
    if (DIN_LINE.test(line)) {
      headerlessText(lines, i + 1, name);
      return 'din';
    }
    if (line.includes('\r')) throw new InputError(LONE_CR, { file: name, line: i + 1 });
    const shown = line.length > 60 ? `${line.slice(0, 60)}…` : line;
    const hint = HEADERLESS_TEXT.test(line)
      ? `; it looks like txsim text without its first line '# txsim-trace 1'`
      : `; expected '# txsim-trace 1' as the first line, a lackey record (' L 1ffefff0,8') or a din record ('0 1000')`;
    throw new InputError(`cannot detect the trace format from '${shown}'${hint}`, {
      file: name,
      line: i + 1,
    });
  }
  if (sawValgrind) return 'lackey';
  throw new InputError('trace is empty', { file: name });
}
