/**
 * `txsim convert <in> <out>`: converts a trace (text, binary, lackey or din, gzip or not)
 * to txsim text or binary. The output format comes from `--to`, else from the name
 * (`.txb` → binary, anything else → text); `--gzip` compresses (default: when the name ends
 * in `.gz`). The output is written atomically. The work is `convertTrace` in src/trace.
 */
import type { Argv, CommandModule } from 'yargs';
import { convertTrace, OUTPUT_FORMATS } from '../../trace/convert.js';
import { INPUT_FORMATS, oneOf } from '../options.js';
import { resolveOutput } from '../../util/output-path.js';
import { counted } from '../../util/format.js';
import { pathArgument } from '../paths.js';

interface ConvertArgs {
  in: string;
  out: string;
  to?: string;
  from: string;
  gzip?: boolean;
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
    const r = await convertTrace(input, out, {
      from,
      ...(to === undefined ? {} : { to }),
      ...(args.gzip === undefined ? {} : { gzip: args.gzip }),
    });
    // The summary must not land in the converted trace when that goes to stdout.
    const target = out === '-' ? null : resolveOutput(out);
    const toStdout = target === null || (target.mode === 'fd' && target.fd === 1);
    const where = toStdout ? process.stderr : process.stdout;
    const sites = r.sites > 0 ? `, ${counted(r.sites, 'site')}` : '';
    where.write(
      `converted ${counted(r.events, 'event')}${sites} (${r.from} → ${r.to}${r.gzip ? ', gzip' : ''}) to ${out === '-' ? '<stdout>' : out}\n`,
    );
  },
};
