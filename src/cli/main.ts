#!/usr/bin/env node
/**
 * The `txsim` command line. Each subcommand lives in `commands/`; this file wires them,
 * and turns user errors (InputError, unknown flags) into one clear message and exit 1.
 * Any other exception is a txsim bug: it is printed with its stack.
 */
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { InputError } from '../util/errors.js';
import { convertCommand } from './commands/convert.js';
import { inspectCommand } from './commands/inspect.js';
import { presetsCommand } from './commands/presets.js';
import { replayCommand } from './commands/replay.js';
import { VERSION } from './version.js';

export async function main(argv: string[]): Promise<number> {
  try {
    await yargs(argv)
      .scriptName('txsim')
      .version(VERSION)
      .command(replayCommand)
      .command(convertCommand)
      .command(inspectCommand)
      .command(presetsCommand)
      .demandCommand(1, 'give a command (replay, convert, inspect, presets); see --help')
      .strict()
      .parserConfiguration({ 'camel-case-expansion': false })
      .middleware(rejectRepeatedOptions, true)
      .fail((msg, err) => {
        // Throwing stops yargs here: a fail handler that returns lets it run the command anyway.
        throw err ?? new InputError(msg);
      })
      .help()
      .parseAsync();
  } catch (e) {
    if (e instanceof InputError) {
      process.stderr.write(`txsim: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  return 0;
}

/**
 * An option given twice reaches the commands as an array (yargs collects repeats). No
 * txsim option takes a list that way, and neither keeping the first nor the last would be
 * what every user means (`--latency a=1 --latency b=2`), so a repeat is an error.
 */
function rejectRepeatedOptions(argv: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(argv)) {
    if (key !== '_' && key !== '$0' && Array.isArray(value))
      throw new InputError(`--${key} is given ${value.length} times; give it once`);
  }
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

if (isEntryPoint()) {
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
