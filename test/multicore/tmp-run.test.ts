import { it } from 'vitest';
import { loadPreset } from '../../src/sim/machine.js';
import { replay } from '../../src/sim/replay.js';
import { litmusReader } from '../support/trace.js';
it('run', async () => {
  for (const name of (process.env.LITMUS ?? '').split(',')) {
    for (const protocol of ['mesi', 'moesi', 'mesif'] as const) {
      const machine = { ...loadPreset('tiny'), protocol };
      const r = await replay(await litmusReader(name), { mode: 'writeback', machine, cores: 2, seed: 1, debugChecks: true });
      const nz = Object.entries(r.stats).filter(([k, s]) => s.value !== 0 && !k.startsWith('total') && !k.includes('events.')).map(([k, s]) => `${k}=${s.value}`);
      console.log(name, protocol, nz.join(' '));
    }
  }
});
