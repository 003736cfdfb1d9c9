/**
 * Trace format detection from content (never from the file name).
 *
 * Looks at the first bytes: gzip magic (1f 8b, decompressed and detected again by the
 * caller), the binary magic (or a prefix of it, or 6 of its 8 bytes, so that a truncated or
 * damaged file is reported by the binary reader with a byte offset), the text header `# txsim-trace 1`, and otherwise the first
 * non-blank line that is not a valgrind `==` message: a lackey record or a din / Dinero `D`
 * record. Anything else is an InputError saying what was seen; so are common layout
 * mistakes (a byte order mark, lines ending in a lone CR, the header below the first
 * line, txsim text without its header).
 */
import { InputError } from '../util/errors.js';
import { FILE_MAGIC } from './binary-format.js';
import type { TraceFormat } from './reader.js';

export type Detected = TraceFormat | 'gzip';

/** Bytes of input read before deciding. */
export const HEAD_BYTES = 64 << 10;

const LACKEY_LINE = /^(?:I {2}| [LSM] )[0-9a-fA-F]+,[0-9]+$/;
const DIN_LINE =
  /^[ \t]*(?:[0-5][ \t]+(?:0[xX])?[0-9a-fA-F]+|[rwimcv][ \t]+(?:0[xX])?[0-9a-fA-F]+[ \t]+(?:0[xX])?[0-9a-fA-F]+)(?:[ \t].*)?$/;
const HEADERLESS_TEXT = /^[0-9]+[ \t]+(?:r|w|u|rp|wp|i|m|begin|end|abort|lock|unlock|sys)(?:[ \t]|$)/;

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
  if (first.includes('\r')) {
    throw new InputError(
      'lines end in a carriage return alone (old Mac line endings); convert them to \\n or \\r\\n',
      { file: name, line: 1 },
    );
  }
  if (/^# txsim-trace 1(?:[ \t]|$)/.test(first)) return 'text';
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
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x08\x0e-\x1a\x1c-\x1f]/.test(text.slice(0, 512))) {
    throw new InputError(
      `unknown binary data (first bytes ${hexBytes(head)}): not a txsim, gzip or text trace`,
      {
        file: name,
      },
    );
  }
  let sawValgrind = false;
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').replace(/\r$/, '');
    if (line.trim() === '') continue;
    if (line.startsWith('==')) {
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
