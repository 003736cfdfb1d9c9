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
