/** `txsim presets [name]`: lists machine presets, or prints one with its sources. */
import type { Argv, CommandModule } from 'yargs';
import { loadPreset, presetNames } from '../../sim/machine.js';

interface PresetsArgs {
  name?: string;
}

export const presetsCommand: CommandModule<object, PresetsArgs> = {
  command: 'presets [name]',
  describe: 'list machine presets, or show one with the source of every value',
  builder: (y: Argv) =>
    y.positional('name', { type: 'string', describe: 'preset to show' }) as unknown as Argv<PresetsArgs>,
  handler: (args) => {
    if (args.name === undefined) {
      for (const n of presetNames()) process.stdout.write(`${n.padEnd(12)} ${loadPreset(n).description}\n`);
      return;
    }
    process.stdout.write(`${JSON.stringify(loadPreset(args.name), null, 2)}\n`);
  },
};
