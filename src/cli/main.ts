#!/usr/bin/env node
/**
 * The `txsim` command line. Each subcommand lives in `commands/`; this file wires them,
 * and turns user errors (InputError, unknown flags, an option given twice or without a
 * value) into one clear message on one line and exit 1.
 * Any other exception is a txsim bug: it is printed with its stack.
 */
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { InputError, PipeClosed } from '../util/errors.js';
import { outputReason, removePendingTemps } from '../util/output-path.js';
import { convertCommand } from './commands/convert.js';
import { inspectCommand } from './commands/inspect.js';
import { presetsCommand } from './commands/presets.js';
import { replayCommand } from './commands/replay.js';
import { VERSION } from './version.js';

/** The commands' usage strings (`replay <trace>`), which name their positional arguments. */
const USAGES = [replayCommand, convertCommand, inspectCommand, presetsCommand].map((c) => String(c.command));

/** The usage string of command `name`, if it is one. */
function usageOf(name: string | undefined): string | undefined {
  return USAGES.find((u) => u.split(' ')[0] === name);
}

export async function main(argv: string[]): Promise<number> {
  try {
    if (argv.includes('--'))
      throw new InputError(
        "'--' is not used by txsim: give paths and options directly (a path that starts with '-' can be written ./-name)",
      );
    // yargs hands its own output (help, version) to the callback instead of `console`,
    // which drops write errors: written here, a failure is reported as any other.
    let output = '';
    await yargs()
      .scriptName('txsim')
      .version(VERSION)
      .command(replayCommand)
      .command(convertCommand)
      .command(inspectCommand)
      .command(presetsCommand)
      .demandCommand(1, 'give a command (replay, convert, inspect, presets); see --help')
      .strict()
      .parserConfiguration({ 'camel-case-expansion': false })
      .middleware(checkOptionValues, true)
      .fail((msg, err) => {
        // Throwing stops yargs here: a fail handler that returns lets it run the command anyway.
        // yargs' own parse errors (YError) are the user's, like its messages without one.
        if (err !== undefined && err !== null && err.name !== 'YError') throw err;
        const text = oneLine(msg || (err?.message ?? ''));
        throw new InputError(unknownArguments(text, argv) ?? missingArguments(text, argv) ?? text);
      })
      .help()
      .parseAsync(argv, {}, (_err, _args, text) => {
        output = text;
      });
    if (output !== '') process.stdout.write(`${output}\n`);
  } catch (e) {
    if (e instanceof PipeClosed) return 0; // `... /dev/stdout | head`: as for stdout, below
    if (e instanceof InputError) {
      process.stderr.write(`txsim: ${printable(e.message)}\n`);
      return 1;
    }
    throw e;
  }
  return 0;
}

/**
 * `text` with control characters written as escapes (`\x1b`, `\n`): messages quote trace
 * bytes and file names, which must not drive the terminal or split the message's line.
 */
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what it finds
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\t') return '\\t';
    if (c === '\r') return '\\r';
    return `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
}

/**
 * yargs' own messages as one line: a value option without its value (every value option
 * takes exactly one argument) says so, and a multi-line message is joined.
 */
function oneLine(msg: string): string {
  const missing = /^Not enough arguments following: (\S+)$/.exec(msg);
  if (missing) return `--${missing[1]} needs a value`;
  return msg
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join(' ');
}

/**
 * An option given twice reaches the commands as an array (yargs collects repeats). No
 * txsim option takes a list that way, and neither keeping the first nor the last would be
 * what every user means (`--latency a=1 --latency b=2`), so a repeat is an error. An
 * option given an empty value (`--cores ''`, `--preset=`) is an error too; an empty
 * positional is left to its command, which names what the path is for.
 */
function checkOptionValues(argv: Record<string, unknown>): void {
  const positionals = positionalNames(argv._);
  for (const [key, value] of Object.entries(argv)) {
    if (key === '_' || key === '$0' || positionals.includes(key)) continue;
    if (Array.isArray(value)) throw new InputError(`--${key} is given ${value.length} times; give it once`);
    if (value === '') throw new InputError(`--${key} needs a value`);
  }
}

/**
 * yargs' "Unknown arguments: a, b" as what each one is: a mistyped command, an unknown
 * option, or an extra positional argument. Null for any other message.
 */
function unknownArguments(msg: string, argv: readonly string[]): string | null {
  const m = /^Unknown arguments?: (.+)$/.exec(msg);
  if (!m) return null;
  const names = (m[1] ?? '').split(', ');
  const commands = USAGES.map((u) => u.split(' ')[0]);
  const first = argv[0];
  if (first !== undefined && names.includes(first) && !commands.includes(first))
    return `unknown command '${first}' (commands: ${commands.join(', ')})`;
  // A name that is also a whole word of the command line is a positional argument.
  const extra = names.filter((n) => argv.includes(n) && !n.startsWith('-'));
  const options = names.filter((n) => !extra.includes(n)).map((n) => (n.length === 1 ? `-${n}` : `--${n}`));
  const parts: string[] = [];
  if (options.length > 0) parts.push(`unknown option${options.length > 1 ? 's' : ''} ${options.join(', ')}`);
  if (extra.length > 0)
    parts.push(
      `unexpected argument${extra.length > 1 ? 's' : ''} ${extra.map((e) => `'${e}'`).join(', ')}` +
        ` (usage: txsim ${usageOf(first) ?? '<command>'})`,
    );
  return `${parts.join('; ')}; see --help`;
}

/** yargs' "Not enough non-option arguments" as the command's usage, or null. */
function missingArguments(msg: string, argv: readonly string[]): string | null {
  if (!/^Not enough non-option arguments/.test(msg)) return null;
  const usage = usageOf(argv[0]);
  return usage === undefined ? null : `missing arguments (usage: txsim ${usage}); see --help`;
}

/** The positional argument names of the command being run (`replay <trace>` → trace). */
function positionalNames(words: unknown): string[] {
  const name = Array.isArray(words) ? String(words[0]) : '';
  const usage = usageOf(name);
  return [...(usage ?? '').matchAll(/[<[](\w+)[>\]]/g)].map((m) => m[1] ?? '');
}

/** True when this module is the program being run (not imported, e.g. by a test). */
function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return pathToFileURL(realpathSync(script)).href === import.meta.url;
  } catch {
    return false;
  }
}

/**
 * A failed write to stdout: a reader that closed the pipe (`txsim ... | head`) wanted no
 * more, so the run stops quietly; any other failure (a full disk) is one message, exit 1.
 */
function onStdoutError(e: NodeJS.ErrnoException): void {
  if (e.code === 'EPIPE') process.exit(0);
  process.stderr.write(`txsim: <stdout>: cannot write output: ${outputReason(e)}\n`);
  process.exit(1);
}

if (isEntryPoint()) {
  process.stdout.on('error', onStdoutError);
  // Interrupted: remove the temporary file of a write in progress, then die of the signal.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
    process.once(signal, () => {
      removePendingTemps();
      process.kill(process.pid, signal);
    });
  main(hideBin(process.argv)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(
        `txsim: internal error (please report): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
      );
      process.exitCode = 70;
    },
  );
}
