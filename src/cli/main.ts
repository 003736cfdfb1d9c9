#!/usr/bin/env node
/**
 * The `txsim` command line. Each subcommand lives in `commands/`; this file wires them,
 * and turns user errors (InputError, unknown flags) into one clear message and exit 1.
 * Any other exception is a txsim bug: it is printed with its stack.
 */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { InputError } from '../util/errors.js';
import { convertCommand } from './commands/convert.js';
import { inspectCommand } from './commands/inspect.js';
import { presetsCommand } from './commands/presets.js';
import { replayCommand } from './commands/replay.js';
import { VERSION } from './version.js';

export async function main(argv: string[]): Promise<number> {
  let failure: string | null = null;
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
        if (err) throw err;
        failure = msg;
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
  if (failure !== null) {
    process.stderr.write(`txsim: ${failure}\n`);
    return 1;
  }
  return 0;
}

main(hideBin(process.argv)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`txsim: internal error (please report): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 70;
  },
);
