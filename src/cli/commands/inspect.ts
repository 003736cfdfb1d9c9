/**
 * `txsim inspect <trace>`: summarises a trace: threads, events by kind, atomic blocks and
 * their footprints, sites, distinct lines and the address range; `--json` prints the
 * `TraceSummary` object instead. The work is `inspectTrace` in src/trace.
 */
import type { Argv, CommandModule } from 'yargs';
import { OP_NAMES } from '../../trace/events.js';
import { INPUT_FORMATS, oneOf, QUIET_OPTION } from '../options.js';
import { withProgress } from '../progress.js';
import { pathArgument } from '../paths.js';
import { inspectTrace, LINE_BYTES, type TraceSummary } from '../../trace/inspect.js';
import { counted } from '../../util/format.js';

interface InspectArgs {
  trace: string;
  format: string;
  json: boolean;
  quiet: boolean;
}

const hex = (v: number): string => `0x${v.toString(16)}`;

function table(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return rows.map(
    (r) => `  ${r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ')}`,
  );
}

/** The human-readable report of a summary. */
export function renderSummary(s: TraceSummary): string {
  const out: string[] = [];
  out.push(`trace          ${s.path} (${s.format}), ${counted(s.events, 'event')}`);
  out.push(`threads        ${s.threads.length}`);
  // Tables are appended row by row: a trace may define hundreds of thousands of sites,
  // more than `push(...rows)` can pass as arguments.
  const add = (rows: readonly string[]): void => {
    for (const r of rows) out.push(r);
  };
  add(
    table([
      ['tid', 'events', 'blocks'],
      ...s.threads.map((t) => [String(t.tid), String(t.events), String(t.atomicBlocks)]),
    ]),
  );
  out.push('events by kind');
  add(table(OP_NAMES.filter((n) => s.byKind[n] > 0).map((n) => [n, String(s.byKind[n])])));
  const a = s.atomic;
  out.push(
    `atomic blocks  ${a.blocks} (max nesting ${a.maxDepth}${a.unclosed > 0 ? `, ${a.unclosed} unclosed` : ''}${
      a.unmatchedEnds > 0 ? `, ${a.unmatchedEnds} unmatched ends` : ''
    })`,
  );
  const f = a.footprintLines;
  if (f !== null)
    out.push(
      `  footprint in ${LINE_BYTES}-byte lines: mean ${f.mean.toFixed(2)}, p95 ${f.p95}, max ${f.max}`,
    );
  out.push(`sites          ${s.sites.length}`);
  if (s.sites.length > 0) {
    add(
      table([
        ['id', 'location', 'function'],
        ...s.sites.map((x) => [String(x.id), `${x.file}:${x.line}`, x.fn ?? '']),
      ]),
    );
  }
  out.push(`distinct lines ${s.distinctLines} (${s.distinctDataLines} data) of ${LINE_BYTES} bytes`);
  out.push(
    `address range  ${s.addressRange === null ? 'none' : `${hex(s.addressRange.min)} .. ${hex(s.addressRange.max)}`}`,
  );
  return out.join('\n') + '\n';
}

export const inspectCommand: CommandModule<object, InspectArgs> = {
  command: 'inspect <trace>',
  describe: 'summarise a trace: threads, events, atomic blocks and footprints, sites',
  builder: (y: Argv) =>
    y
      .positional('trace', {
        type: 'string',
        demandOption: true,
        describe: 'trace file (any format; gzip ok; - for stdin)',
      })
      .nargs('trace', 1)
      .option('format', {
        type: 'string',
        nargs: 1,
        default: 'auto',
        describe: `input format: ${INPUT_FORMATS.join(', ')} (default: detected from the content)`,
      })
      .option('json', {
        type: 'boolean',
        default: false,
        describe: 'print the summary as JSON',
      })
      .option('quiet', QUIET_OPTION) as unknown as Argv<InspectArgs>,
  handler: async (args) => {
    const path = pathArgument(args.trace, 'trace');
    const format = oneOf(args.format, INPUT_FORMATS, '--format', 'format');
    const summary = await withProgress('inspect', args.quiet, (onProgress) =>
      inspectTrace(path, { format }, onProgress),
    );
    process.stdout.write(args.json ? `${JSON.stringify(summary, null, 2)}\n` : renderSummary(summary));
  },
};
