/**
 * `txsim convert <in> <out>`: converts a trace (text, binary, lackey or din, gzip or not)
 * to txsim text or binary. The output format comes from `--to`, else from the name
 * (`.txb` → binary, anything else → text); `--gzip` compresses (default: when the name ends
 * in `.gz`). The output is written atomically. The work is `convertTrace` in src/trace.
 */
import type { Argv, CommandModule } from 'yargs';
import { convertTrace, OUTPUT_FORMATS, type OutputFormat } from '../../trace/convert.js';
import { TRACE_FORMATS, type TraceFormat } from '../../trace/reader.js';
import { stdinDash } from '../paths.js';

interface ConvertArgs {
  in: string;
  out: string;
  to?: string;
  from: string;
  gzip?: boolean;
}

function isOutputFormat(s: string): s is OutputFormat {
  return (OUTPUT_FORMATS as readonly string[]).includes(s);
}

function isInputFormat(s: string): s is TraceFormat | 'auto' {
  return s === 'auto' || (TRACE_FORMATS as readonly string[]).includes(s);
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
      .option('to', {
        type: 'string',
        choices: OUTPUT_FORMATS,
        describe: 'output format (default: binary for .txb names, else text)',
      })
      .option('from', {
        type: 'string',
        choices: ['auto', ...TRACE_FORMATS],
        default: 'auto',
        describe: 'input format (default: detected from the content)',
      })
      .option('gzip', { type: 'boolean', describe: 'gzip the output (default: when the name ends in .gz)' })
      .example('txsim convert run.lackey run.txb', 'lackey text to compact binary')
      .example(
        'txsim convert run.txb - --to text',
        'print a binary trace as text',
      ) as unknown as Argv<ConvertArgs>,
  handler: async (args) => {
    const to = args.to;
    const from = args.from;
    if ((to !== undefined && !isOutputFormat(to)) || !isInputFormat(from)) return; // yargs `choices` rejects these
    const input = stdinDash(args.in);
    const out = stdinDash(args.out);
    const r = await convertTrace(input, out, {
      from,
      ...(to === undefined ? {} : { to }),
      ...(args.gzip === undefined ? {} : { gzip: args.gzip }),
    });
    const where = out === '-' ? process.stderr : process.stdout;
    const sites = r.sites > 0 ? `, ${r.sites} sites` : '';
    where.write(
      `converted ${r.events} events${sites} (${r.from} → ${r.to}${r.gzip ? ', gzip' : ''}) to ${out === '-' ? '<stdout>' : out}\n`,
    );
  },
};
