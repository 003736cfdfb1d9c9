/**
 * `txsim replay <trace>`: replays a trace through the configured hierarchy and prints a
 * report (text, `--json` or `--csv`), optionally to a file (`--out`, written atomically)
 * and in cachegrind's format (`--cachegrind-out-file`).
 *
 * Mode selection: any of cachegrind's `--I1/--D1/--LL` flags (or `--hierarchy cachegrind`)
 * selects the cachegrind counting model (one core); otherwise the preset's multicore
 * machine (`--cores`, `--threads-per-core`, `--thread-map`, `--protocol`, `--latency`,
 * `--debug-checks`). An option of the other mode is an error, not ignored.
 */
import type { Argv, CommandModule } from 'yargs';
import type { CachegrindConfig } from '../../cache/cachegrind.js';
import { parseGeometry } from '../../cache/geometry.js';
import type { LevelConfig } from '../../cache/level.js';
import { REPLACEMENT_NAMES } from '../../cache/replacement/index.js';
import { renderCachegrindOut } from '../../report/cachegrind-out.js';
import { renderCsv } from '../../report/csv.js';
import { renderJson } from '../../report/json.js';
import { renderText } from '../../report/text.js';
import { PROTOCOL_NAMES } from '../../cache/coherence/index.js';
import {
  CORE_RANGE,
  LATENCY_CLASSES,
  loadPreset,
  THREADS_PER_CORE_RANGE,
  withCommandLineSources,
  type MachineConfig,
} from '../../sim/machine.js';
import { HIERARCHY_MODES, replay, type HierarchyMode, type ReplayResult } from '../../sim/replay.js';
import { denseAddressing } from '../../sim/multicore.js';
import { AddressSpaceFull, type DenseOptions } from '../../trace/dense.js';
import { WINDOW_EVENTS } from '../../cpu/demux.js';
import { openTrace } from '../../trace/open.js';
import { pathArgument } from '../paths.js';
import {
  INPUT_FORMATS,
  integerOption,
  oneOf,
  outputFileOption,
  parseInteger,
  QUIET_OPTION,
} from '../options.js';
import { InputError } from '../../util/errors.js';
import { SEED_RANGE } from '../../util/rng.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { checkOutputs, type NamedOutput } from '../../util/output-path.js';
import { withProgress } from '../progress.js';
import { VERSION } from '../version.js';
import { applyOverrides, replacementOption, type MachineArgs } from '../machine-options.js';

/** The command's options (the machine's own are in MachineArgs). */
interface ReplayArgs extends MachineArgs {
  trace: string;
  format: string;
  preset: string;
  hierarchy?: string;
  I1?: string;
  D1?: string;
  LL?: string;
  'cachegrind-out-file'?: string;
  cores?: string;
  'threads-per-core'?: string;
  'thread-map'?: string;
  'debug-checks'?: boolean;
  seed: string;
  json: boolean;
  csv: boolean;
  out?: string;
  quiet: boolean;
}

export const replayCommand: CommandModule<object, ReplayArgs> = {
  command: 'replay <trace>',
  describe: 'replay a memory trace through the cache hierarchy and report statistics',
  builder: (y: Argv) =>
    y
      .positional('trace', {
        type: 'string',
        demandOption: true,
        describe: 'trace file (text, binary, lackey or din; gzip ok; - for stdin)',
      })
      .nargs('trace', 1)
      .option('format', {
        type: 'string',
        nargs: 1,
        default: 'auto',
        describe: `input format: ${INPUT_FORMATS.join(', ')}`,
      })
      .option('preset', {
        type: 'string',
        nargs: 1,
        default: 'haswell',
        describe: 'machine preset name or JSON file',
      })
      .option('hierarchy', {
        type: 'string',
        nargs: 1,
        describe: `hierarchy mode: ${HIERARCHY_MODES.join(', ')}`,
      })
      .option('l1i', {
        type: 'string',
        nargs: 1,
        describe: 'L1I geometry size:assoc:line (e.g. 32KiB:8:64) or none',
      })
      .option('l1d', { type: 'string', nargs: 1, describe: 'L1D geometry size:assoc:line' })
      .option('l2', { type: 'string', nargs: 1, describe: 'L2 geometry size:assoc:line or none' })
      .option('llc', { type: 'string', nargs: 1, describe: 'LLC geometry size:assoc:line' })
      .option('replacement', {
        type: 'string',
        nargs: 1,
        describe: `replacement policy for every level: ${REPLACEMENT_NAMES.join(', ')}`,
      })
      .option('memory-latency', { type: 'string', nargs: 1, describe: 'memory latency in cycles' })
      .option('I1', {
        type: 'string',
        nargs: 1,
        describe: 'cachegrind-style I1 geometry size,assoc,line (selects the cachegrind mode)',
      })
      .option('D1', {
        type: 'string',
        nargs: 1,
        describe: 'cachegrind-style D1 geometry size,assoc,line (selects the cachegrind mode)',
      })
      .option('LL', {
        type: 'string',
        nargs: 1,
        describe: 'cachegrind-style LL geometry size,assoc,line (selects the cachegrind mode)',
      })
      .option('cachegrind-out-file', {
        type: 'string',
        nargs: 1,
        describe: "cachegrind mode: also write counts in cachegrind's output format (cg_annotate reads it)",
      })
      .option('cores', {
        type: 'string',
        nargs: 1,
        describe: "number of cores, 1..64 (default: the preset's)",
      })
      .option('threads-per-core', {
        type: 'string',
        nargs: 1,
        describe: "SMT hardware threads per core, 1 or 2 (default: the preset's)",
      })
      .option('thread-map', {
        type: 'string',
        nargs: 1,
        describe:
          'trace thread → hardware thread pairs tid:hw,... (hw = core × threads-per-core + slot); default round-robin over cores',
      })
      .option('protocol', {
        type: 'string',
        nargs: 1,
        describe: `coherence protocol: ${PROTOCOL_NAMES.join(', ')} (default: the preset's)`,
      })
      .option('latency', {
        type: 'string',
        nargs: 1,
        describe: `latency overrides class=cycles,... (classes: ${LATENCY_CLASSES.join(', ')})`,
      })
      .option('debug-checks', {
        type: 'boolean',
        describe: 'check coherence invariants after every step (slow)',
      })
      .option('seed', {
        type: 'string',
        nargs: 1,
        default: '1',
        describe: `seed of the one random generator, 0..${SEED_RANGE.max}`,
      })
      .option('json', { type: 'boolean', default: false, describe: 'print the result as JSON' })
      .option('csv', { type: 'boolean', default: false, describe: 'print the statistics as CSV' })
      .option('out', {
        type: 'string',
        nargs: 1,
        describe: 'write the report to this file (atomically) instead of stdout',
      })
      .option('quiet', QUIET_OPTION)
      .epilog(
        'Numbers are decimal integers (no 0x, exponents or fractions). The cachegrind mode refuses the writeback-only options (--l2, --memory-latency and the multicore ones).',
      ) as unknown as Argv<ReplayArgs>,
  handler: async (args) => {
    // Checked here: yargs' conflicts() also fires on the two flags' default values.
    if (args.json && args.csv) throw new InputError('--json and --csv are mutually exclusive');
    const tracePath = pathArgument(args.trace, 'trace');
    const format = oneOf(args.format, INPUT_FORMATS, '--format', 'format');
    const seed = parseInteger(args.seed, '--seed', SEED_RANGE);
    outputFileOption(args.out, '--out', 'omit it to print the report to stdout');
    outputFileOption(args['cachegrind-out-file'], '--cachegrind-out-file', 'it cannot go to stdout');
    const mode = chooseMode(args);
    if (mode === 'cachegrind') rejectWritebackOptions(args);
    let machine = applyOverrides(loadPreset(args.preset), args);
    const cores =
      integerOption(args.cores, '--cores', CORE_RANGE) ?? (mode === 'cachegrind' ? 1 : machine.cores);
    const tpc = integerOption(args['threads-per-core'], '--threads-per-core', THREADS_PER_CORE_RANGE);
    const given = new Map<string, string[]>();
    if (args.cores !== undefined) given.set('cores', [`--cores ${cores}`]);
    if (tpc !== undefined) given.set('threadsPerCore', [`--threads-per-core ${tpc}`]);
    machine = withCommandLineSources(machine, given, new Set(given.keys()));
    const cachegrind = mode === 'cachegrind' ? cachegrindGeometry(machine, args) : undefined;
    const cgOut = args['cachegrind-out-file'];
    if (cgOut !== undefined && !cachegrind)
      throw new InputError(
        '--cachegrind-out-file needs the cachegrind mode (give --I1/--D1/--LL or --hierarchy cachegrind)',
      );
    checkOutputs(tracePath, namedOutputs(args));
    const replayAs = async (dense: DenseOptions | undefined, label: string): Promise<ReplayResult> => {
      // The multicore machine simulates several times slower than a trace decodes: decode
      // beside it in a worker thread (the cachegrind mode decodes as fast as it simulates).
      const reader = await openTrace(tracePath, {
        format,
        thread: mode === 'writeback',
        groupWindow: WINDOW_EVENTS,
        ...(dense === undefined ? {} : { dense }),
      });
      try {
        return await withProgress(label, args.quiet, (update) =>
          replay(reader, {
            mode,
            machine,
            ...(cachegrind ? { cachegrind } : {}),
            cores,
            ...(tpc !== undefined ? { threadsPerCore: tpc as 1 | 2 } : {}),
            ...(args['thread-map'] !== undefined ? { threadMap: args['thread-map'] } : {}),
            debugChecks: args['debug-checks'] ?? false,
            seed,
            perInstruction: args['cachegrind-out-file'] !== undefined,
            onProgress: (n) => update(n, reader.fraction()),
          }),
        );
      } finally {
        await reader.close();
      }
    };
    let result: ReplayResult;
    try {
      // The multicore machine's tags are 32-bit when the trace's addresses can be renumbered
      // densely (trace/dense.ts); a trace that touches too many regions runs again without.
      result = await replayAs(
        (mode === 'writeback' ? denseAddressing(machine) : null) ?? undefined,
        'replay',
      );
    } catch (e) {
      if (!(e instanceof AddressSpaceFull)) throw e;
      result = await replayAs(undefined, 'replay again (too many address regions for 32-bit tags)');
    }
    if (cgOut !== undefined && cachegrind) {
      writeFileAtomic(cgOut, renderCachegrindOut(result, cachegrind, `txsim replay ${tracePath}`));
    }
    const text = args.json
      ? renderJson(result, VERSION)
      : args.csv
        ? renderCsv(result)
        : renderText(result, args.out === undefined && process.stdout.isTTY === true);
    if (args.out !== undefined) writeFileAtomic(args.out, text);
    else process.stdout.write(text);
  },
};

/** The files this run writes, checked before it starts. */
function namedOutputs(args: ReplayArgs): NamedOutput[] {
  const outs: NamedOutput[] = [];
  if (args.out !== undefined) outs.push({ option: '--out', path: args.out });
  const cg = args['cachegrind-out-file'];
  if (cg !== undefined) outs.push({ option: '--cachegrind-out-file', path: cg });
  return outs;
}

function chooseMode(args: ReplayArgs): HierarchyMode {
  const cgFlags = args.I1 !== undefined || args.D1 !== undefined || args.LL !== undefined;
  if (args.hierarchy === undefined) return cgFlags ? 'cachegrind' : 'writeback';
  const mode = oneOf(args.hierarchy, HIERARCHY_MODES, '--hierarchy', 'mode');
  if (cgFlags && mode !== 'cachegrind') {
    throw new InputError(
      `--I1/--D1/--LL select the cachegrind mode; they cannot be combined with --hierarchy ${mode}`,
    );
  }
  return mode;
}

/** Options only the writeback hierarchy uses (the cachegrind mode models one core, no L2, no latencies). */
const WRITEBACK_ONLY = [
  'l2',
  'memory-latency',
  'latency',
  'protocol',
  'cores',
  'threads-per-core',
  'thread-map',
  'debug-checks',
] as const;

/**
 * The cachegrind mode takes its geometry from --I1/--D1/--LL, else from the preset's
 * (or --l1i/--l1d/--llc's) L1I/L1D/LLC shapes; any other machine option would be ignored.
 */
function rejectWritebackOptions(args: ReplayArgs): void {
  for (const key of WRITEBACK_ONLY) {
    if (args[key] !== undefined)
      throw new InputError(`--${key} applies to the writeback hierarchy, not the cachegrind mode`);
  }
  for (const [level, cg] of [
    ['l1i', 'I1'],
    ['l1d', 'D1'],
    ['llc', 'LL'],
  ] as const) {
    if (args[level] !== undefined && args[cg] !== undefined)
      throw new InputError(`--${level} and --${cg} both set the cachegrind ${cg} geometry; give one`);
  }
  if (args.l1i === 'none') throw new InputError('--l1i none: the cachegrind mode always has an I1');
}

/** cachegrind geometry: its flags, defaulting to the machine's L1I/L1D/LLC shapes. */
function cachegrindGeometry(m: MachineConfig, args: ReplayArgs): CachegrindConfig {
  const shape = (l: LevelConfig | null, flag: string | undefined, name: string) => {
    if (flag !== undefined) return parseGeometry(flag, `--${name}`);
    const src = l ?? m.l1d;
    return { size: src.size, assoc: src.assoc, line: src.line };
  };
  return {
    I1: shape(m.l1i, args.I1, 'I1'),
    D1: shape(m.l1d, args.D1, 'D1'),
    LL: shape(m.llc, args.LL, 'LL'),
    replacement: replacementOption(args) ?? 'lru',
  };
}
