/**
 * `txsim replay <trace>`: replays a trace through the configured hierarchy and prints a
 * report (text, `--json` or `--csv`), optionally to a file (`--out`, written atomically)
 * and in cachegrind's format (`--cachegrind-out-file`).
 *
 * Mode selection: any of cachegrind's `--I1/--D1/--LL` flags (or `--hierarchy cachegrind`)
 * selects the cachegrind counting model (one core); otherwise the preset's multicore
 * machine (`--cores`, `--threads-per-core`, `--thread-map`, `--protocol`, `--latency`,
 * `--debug-checks`).
 */
import type { Argv, CommandModule } from 'yargs';
import type { CachegrindConfig } from '../../cache/cachegrind.js';
import { parseGeometry } from '../../cache/geometry.js';
import type { LevelConfig } from '../../cache/level.js';
import { isReplacementName, REPLACEMENT_NAMES } from '../../cache/replacement/index.js';
import { renderCachegrindOut } from '../../report/cachegrind-out.js';
import { renderCsv } from '../../report/csv.js';
import { renderJson } from '../../report/json.js';
import { renderText } from '../../report/text.js';
import { isProtocolName, PROTOCOL_NAMES } from '../../cache/coherence/index.js';
import {
  coreCount,
  LATENCY_CLASSES,
  latency,
  loadPreset,
  threadsPerCore,
  withLatency,
  type LatencyClass,
  type MachineConfig,
} from '../../sim/machine.js';
import { HIERARCHY_MODES, replay, type HierarchyMode } from '../../sim/replay.js';
import { WINDOW_EVENTS } from '../../cpu/demux.js';
import { openTrace } from '../../trace/open.js';
import { stdinDash } from '../paths.js';
import { TRACE_FORMATS, type TraceFormat } from '../../trace/reader.js';
import { InputError } from '../../util/errors.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { checkOutputs, type NamedOutput } from '../../util/output-path.js';
import { createProgress } from '../progress.js';
import { VERSION } from '../version.js';

interface ReplayArgs {
  trace: string;
  format: string;
  preset: string;
  hierarchy?: string;
  l1i?: string;
  l1d?: string;
  l2?: string;
  llc?: string;
  replacement?: string;
  'memory-latency'?: number;
  I1?: string;
  D1?: string;
  LL?: string;
  'cachegrind-out-file'?: string;
  cores?: number;
  'threads-per-core'?: number;
  'thread-map'?: string;
  protocol?: string;
  latency?: string;
  'debug-checks': boolean;
  seed: number;
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
      .option('format', {
        type: 'string',
        default: 'auto',
        describe: `input format: auto, ${TRACE_FORMATS.join(', ')}`,
      })
      .option('preset', { type: 'string', default: 'haswell', describe: 'machine preset name or JSON file' })
      .option('hierarchy', { type: 'string', describe: `hierarchy mode: ${HIERARCHY_MODES.join(', ')}` })
      .option('l1i', { type: 'string', describe: 'L1I geometry size:assoc:line (e.g. 32KiB:8:64) or none' })
      .option('l1d', { type: 'string', describe: 'L1D geometry size:assoc:line' })
      .option('l2', { type: 'string', describe: 'L2 geometry size:assoc:line or none' })
      .option('llc', { type: 'string', describe: 'LLC geometry size:assoc:line' })
      .option('replacement', {
        type: 'string',
        describe: `replacement policy for every level: ${REPLACEMENT_NAMES.join(', ')}`,
      })
      .option('memory-latency', { type: 'number', describe: 'memory latency in cycles' })
      .option('I1', {
        type: 'string',
        describe: 'cachegrind-style I1 geometry size,assoc,line (selects the cachegrind mode)',
      })
      .option('D1', {
        type: 'string',
        describe: 'cachegrind-style D1 geometry size,assoc,line (selects the cachegrind mode)',
      })
      .option('LL', {
        type: 'string',
        describe: 'cachegrind-style LL geometry size,assoc,line (selects the cachegrind mode)',
      })
      .option('cachegrind-out-file', {
        type: 'string',
        describe: "write counts in cachegrind's output format (cg_annotate reads it)",
      })
      .option('cores', { type: 'number', describe: "number of cores, 1..64 (default: the preset's)" })
      .option('threads-per-core', {
        type: 'number',
        describe: "SMT hardware threads per core, 1 or 2 (default: the preset's)",
      })
      .option('thread-map', {
        type: 'string',
        describe:
          'trace thread → hardware thread pairs tid:hw,... (hw = core × threads-per-core + slot); default round-robin over cores',
      })
      .option('protocol', {
        type: 'string',
        describe: `coherence protocol: ${PROTOCOL_NAMES.join(', ')} (default: the preset's)`,
      })
      .option('latency', {
        type: 'string',
        describe: `latency overrides class=cycles,... (classes: ${LATENCY_CLASSES.join(', ')})`,
      })
      .option('debug-checks', {
        type: 'boolean',
        default: false,
        describe: 'check coherence invariants after every step (slow)',
      })
      .option('seed', { type: 'number', default: 1, describe: 'seed of the one random generator' })
      .option('json', { type: 'boolean', default: false, describe: 'print the result as JSON' })
      .option('csv', { type: 'boolean', default: false, describe: 'print the statistics as CSV' })
      .option('out', {
        type: 'string',
        describe: 'write the report to this file (atomically) instead of stdout',
      })
      .option('quiet', {
        type: 'boolean',
        default: false,
        describe: 'no progress output',
      }) as unknown as Argv<ReplayArgs>,
  handler: async (args) => {
    // Checked here: yargs' conflicts() also fires on the two flags' default values.
    if (args.json && args.csv) throw new InputError('--json and --csv are mutually exclusive');
    const format = args.format;
    if (format !== 'auto' && !(TRACE_FORMATS as readonly string[]).includes(format)) {
      throw new InputError(`--format: unknown format '${format}' (known: auto, ${TRACE_FORMATS.join(', ')})`);
    }
    if (!Number.isInteger(args.seed) || args.seed < 0)
      throw new InputError(`--seed must be a non-negative integer`);
    const machine = applyOverrides(loadPreset(args.preset), args);
    const mode = chooseMode(args);
    const cores =
      args.cores === undefined
        ? mode === 'cachegrind'
          ? 1
          : machine.cores
        : coreCount(args.cores, 'command line', '--cores');
    const tpc = args['threads-per-core'];
    const cachegrind = mode === 'cachegrind' ? cachegrindGeometry(machine, args) : undefined;
    const tracePath = stdinDash(args.trace);
    checkOutputs(tracePath, namedOutputs(args));
    // The multicore machine simulates several times slower than a trace decodes: decode
    // beside it in a worker thread (the cachegrind mode decodes as fast as it simulates).
    const reader = await openTrace(tracePath, {
      format: format as TraceFormat | 'auto',
      thread: mode === 'writeback',
      groupWindow: WINDOW_EVENTS,
    });
    const progress = createProgress('replay', args.quiet);
    let result;
    try {
      result = await replay(reader, {
        mode,
        machine,
        ...(cachegrind ? { cachegrind } : {}),
        cores,
        ...(tpc !== undefined
          ? { threadsPerCore: threadsPerCore(tpc, 'command line', '--threads-per-core') }
          : {}),
        ...(args['thread-map'] !== undefined ? { threadMap: args['thread-map'] } : {}),
        debugChecks: args['debug-checks'],
        seed: args.seed,
        perInstruction: args['cachegrind-out-file'] !== undefined,
        onProgress: (n) => progress.update(n),
      });
    } finally {
      progress.done();
      await reader.close();
    }
    const cgOut = args['cachegrind-out-file'];
    if (cgOut !== undefined) {
      if (!cachegrind)
        throw new InputError(
          '--cachegrind-out-file needs the cachegrind mode (give --I1/--D1/--LL or --hierarchy cachegrind)',
        );
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
  if (!(HIERARCHY_MODES as readonly string[]).includes(args.hierarchy)) {
    throw new InputError(
      `--hierarchy: unknown mode '${args.hierarchy}' (known: ${HIERARCHY_MODES.join(', ')})`,
    );
  }
  if (cgFlags && args.hierarchy !== 'cachegrind') {
    throw new InputError(
      `--I1/--D1/--LL select the cachegrind mode; they cannot be combined with --hierarchy ${args.hierarchy}`,
    );
  }
  return args.hierarchy as HierarchyMode;
}

/** Applies --l1i/--l1d/--l2/--llc/--replacement/--memory-latency to a preset. */
function applyOverrides(m: MachineConfig, args: ReplayArgs): MachineConfig {
  if (args.replacement !== undefined && !isReplacementName(args.replacement)) {
    throw new InputError(
      `--replacement: unknown policy '${args.replacement}' (known: ${REPLACEMENT_NAMES.join(', ')})`,
    );
  }
  const level = (
    base: LevelConfig | null,
    flag: string | undefined,
    name: string,
    optional: boolean,
  ): LevelConfig | null => {
    let l = base;
    if (flag !== undefined) {
      if (flag === 'none') {
        if (!optional) throw new InputError(`--${name} none: the ${name.toUpperCase()} cannot be removed`);
        l = null;
      } else {
        const g = parseGeometry(flag, `--${name}`);
        l = { latency: base?.latency ?? m.l1d.latency, replacement: base?.replacement ?? 'lru', ...g };
      }
    }
    return l && args.replacement !== undefined ? { ...l, replacement: args.replacement } : l;
  };
  const memLat = args['memory-latency'];
  const protocol = args.protocol ?? m.protocol;
  if (!isProtocolName(protocol)) {
    throw new InputError(
      `--protocol: unknown coherence protocol '${protocol}' (known: ${PROTOCOL_NAMES.join(', ')})`,
    );
  }
  let out: MachineConfig = {
    ...m,
    l1i: level(m.l1i, args.l1i, 'l1i', true),
    l1d: level(m.l1d, args.l1d, 'l1d', false) as LevelConfig,
    l2: level(m.l2, args.l2, 'l2', true),
    llc: level(m.llc, args.llc, 'llc', false) as LevelConfig,
    memoryLatency:
      memLat === undefined ? m.memoryLatency : latency(memLat, 'command line', '--memory-latency'),
    protocol,
  };
  for (const [cls, cycles] of parseLatencies(args.latency)) out = withLatency(out, cls, cycles);
  return out;
}

/** Parses `--latency class=cycles,...`. */
function parseLatencies(text: string | undefined): [LatencyClass, number][] {
  if (text === undefined) return [];
  return text.split(',').map((part) => {
    const m = /^\s*([A-Za-z0-9]+)\s*=\s*(\S+)\s*$/.exec(part);
    const cls = m?.[1] ?? '';
    if (!m || !(LATENCY_CLASSES as readonly string[]).includes(cls)) {
      throw new InputError(
        `--latency: expected class=cycles with a class among ${LATENCY_CLASSES.join(', ')}, got '${part}'`,
      );
    }
    const value = Number(m[2]);
    return [
      cls as LatencyClass,
      latency(Number.isNaN(value) ? m[2] : value, 'command line', `--latency ${cls}`),
    ];
  });
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
    replacement: args.replacement ?? 'lru',
  };
}
