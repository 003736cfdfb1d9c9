/**
 * A replay ends at SIGTERM even while its simulation needs no more input: 127 threads spin
 * on a lock another holds for 10^9 cycles, SMT siblings keeping each other awake, which
 * takes minutes of stepping with the whole trace already read. The scheduler yields to the
 * event loop every YIELD_STEPS micro-ops, so the signal handler runs.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../trace/helpers.js';

describe('an interrupted replay', () => {
  it('ends by SIGTERM while spinners step', async () => {
    const trace = join(tempDir(), 'spin.trace');
    let text = '# txsim-trace 1\n';
    for (let t = 0; t < 128; t++) text += `${t} lock 0x3000\n${t} c 1000000000\n${t} unlock 0x3000\n`;
    writeFileSync(trace, text);
    const args = ['replay', trace, '--preset', 'tiny', '--cores', '64', '--threads-per-core', '2', '--quiet'];
    const child = spawn(process.execPath, ['dist/src/cli/main.js', ...args], { stdio: 'ignore' });
    const ended = new Promise<NodeJS.Signals | null>((resolve) => child.on('close', (_, s) => resolve(s)));
    // Start-up takes about 0.25 s; by 1.5 s the run is stepping the spinners.
    await new Promise((r) => setTimeout(r, 1500));
    const sent = Date.now();
    child.kill('SIGTERM');
    const timeout = setTimeout(() => child.kill('SIGKILL'), 5000);
    expect(await ended).toBe('SIGTERM');
    clearTimeout(timeout);
    expect(Date.now() - sent).toBeLessThan(2000);
  });
});
