/**
 * `txsim convert <in> <out>`: converts a trace (text, binary, lackey or din, gzip or not)
 * to txsim text or binary. The output format comes from `--to`, else from the name
 * (`.txb` → binary, anything else → text); `--gzip` compresses (default: when the name ends
 * in `.gz`). The output is written atomically. The work is `convertTrace` in src/trace.
 */
import type { Argv, CommandModule } from 'yargs';
import { convertTrace, OUTPUT_FORMATS } from '../../trace/convert.js';
import { INPUT_FORMATS, oneOf, QUIET_OPTION } from '../options.js';
import { withProgress } from '../progress.js';
import { resolveOutput } from '../../util/output-path.js';
import { counted } from '../../util/format.js';
import { pathArgument } from '../paths.js';

interface ConvertArgs {
  in: string;
  out: string;
  to?: string;
  from: string;
  gzip?: boolean;
  quiet: boolean;
}

export const convertCommand: CommandModule<object, ConvertArgs> = {
  command: 'convert <in> <out>',
  describe: 'convert a trace to txsim text or binary (optionally gzipped)',
  builder: (y: Argv) =>
    y
      .positional('in', {
        type: 'string',
        demandOption: true,
        describe: 'input trace (any format; gzip ok; - for stdin)',
      })
      .positional('out', { type: 'string', demandOption: true, describe: 'output file (- for stdout)' })
      .nargs('in', 1)
      .nargs('out', 1)
      .option('to', {
        type: 'string',
        nargs: 1,
        describe: `output format: ${OUTPUT_FORMATS.join(', ')} (default: binary for .txb names, else text)`,
      })
      .option('from', {
        type: 'string',
        nargs: 1,
        default: 'auto',
        describe: `input format: ${INPUT_FORMATS.join(', ')} (default: detected from the content)`,
      })
      .option('gzip', { type: 'boolean', describe: 'gzip the output (default: when the name ends in .gz)' })
      .option('quiet', QUIET_OPTION)
      .example('txsim convert run.lackey run.txb', 'lackey text to compact binary')
      .example(
        'txsim convert run.txb - --to text',
        'print a binary trace as text',
      ) as unknown as Argv<ConvertArgs>,
  handler: async (args) => {
    const input = pathArgument(args.in, 'input');
    const out = pathArgument(args.out, 'output');
    const to = args.to === undefined ? undefined : oneOf(args.to, OUTPUT_FORMATS, '--to', 'output format');
    const from = oneOf(args.from, INPUT_FORMATS, '--from', 'input format');
    const toStdout = writesStdout(out);
    // Progress must not overwrite the converted trace on a terminal.
    const quiet = args.quiet || (toStdout && process.stdout.isTTY === true);
    const r = await withProgress('convert', quiet, (onProgress) =>
      convertTrace(input, out, {
        from,
        ...(to === undefined ? {} : { to }),
        ...(args.gzip === undefined ? {} : { gzip: args.gzip }),
        onProgress,
      }),
    );
    // The summary must not land in the converted trace when that goes to stdout.
    const where = toStdout ? process.stderr : process.stdout;
    const sites = r.sites > 0 ? `, ${counted(r.sites, 'site')}` : '';
    where.write(
      `converted ${counted(r.events, 'event')}${sites} (${r.from} → ${r.to}${r.gzip ? ', gzip' : ''}) to ${out === '-' ? '<stdout>' : out}\n`,
    );
  },
};

/**
 * True when the output `out` is stdout: `-`, or a path to descriptor 1 (`/dev/stdout`). An
 * output that cannot be written is `convertTrace`'s to report, so here it is not stdout.
 */
function writesStdout(out: string): boolean {
  if (out === '-') return true;
  try {
    const target = resolveOutput(out);
    return target.mode === 'fd' && target.fd === 1;
  } catch {
    return false;
  }
}
