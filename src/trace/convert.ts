/**
 * Trace conversion: any readable format (text, binary, lackey, din; gzip or not) to
 * txsim text or binary, optionally gzip-compressed. Streaming, so memory stays bounded
 * whatever the trace length. The output is checked first (not the input, not a directory,
 * in a writable directory), then written to `<out>.tmp-<pid>` and renamed only when
 * complete; on any error the temporary file is removed and the old output (if any) is left
 * untouched. A device or FIFO output is written in place (see `openFileSink`). Text →
 * binary → text gives back the same events; lackey and din inputs keep every event they
 * produce (see the importers for what they map and skip).
 */
import { checkOutputs } from '../util/output-path.js';
import type { OnProgress, TraceFormat } from './reader.js';
import { BinaryTraceWriter } from './binary-writer.js';
import { openTrace } from './open.js';
import { openFileSink } from './sink.js';
import { TextTraceWriter } from './text-writer.js';
import { pump, type TraceWriter } from './writer.js';

/** Formats txsim writes. */
export const OUTPUT_FORMATS = ['text', 'binary'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface ConvertOptions {
  /** Input format; default 'auto' (detected from the content). */
  readonly from?: TraceFormat | 'auto';
  /** Output format; default from the output name: `.txb` (or `.txb.gz`) → binary, else text. */
  readonly to?: OutputFormat;
  /** Gzip the output; default true when the output name ends in `.gz`. */
  readonly gzip?: boolean;
  /** Events per binary chunk (default 65536). */
  readonly chunkEvents?: number;
  /** Told the progress after each chunk converted. */
  readonly onProgress?: OnProgress;
}

export interface ConvertResult {
  readonly events: number;
  readonly from: TraceFormat;
  readonly to: OutputFormat;
  readonly gzip: boolean;
  readonly sites: number;
}

/** The output format implied by a file name. */
export function formatForName(path: string): OutputFormat {
  return /\.txb(\.gz)?$/i.test(path) ? 'binary' : 'text';
}

/** Converts the trace at `inPath` (`-` for stdin) into `outPath` (`-` for stdout). */
export async function convertTrace(
  inPath: string,
  outPath: string,
  opts: ConvertOptions = {},
): Promise<ConvertResult> {
  if (outPath !== '-') checkOutputs(inPath, [{ option: 'the output', path: outPath }]);
  const to = opts.to ?? formatForName(outPath);
  const gzip = opts.gzip ?? /\.gz$/i.test(outPath);
  const reader = await openTrace(inPath, { format: opts.from ?? 'auto' });
  try {
    const sink = await openFileSink(outPath, { gzip });
    const writer: TraceWriter =
      to === 'binary'
        ? new BinaryTraceWriter(sink, opts.chunkEvents === undefined ? {} : { chunkEvents: opts.chunkEvents })
        : new TextTraceWriter(sink);
    let events: number;
    try {
      events = await pump(reader, writer, (n) => opts.onProgress?.(n, reader.fraction()));
    } catch (err) {
      await sink.abort();
      throw err;
    }
    return { events, from: reader.format, to, gzip, sites: reader.sites.size };
  } finally {
    await reader.close();
  }
}
