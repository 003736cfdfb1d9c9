/**
 * A replay ends at SIGTERM even while its simulation needs no more input: two SMT siblings
 * spin for 10^9 cycles on two locks whose lines share an L1D set (each test load reaches
 * the other's set, so neither sleeps), minutes of stepping with the whole trace already
 * read. The scheduler yields to the event loop every YIELD_STEPS micro-ops, so the
 * signal handler runs.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../trace/helpers.js';

describe('an interrupted replay', () => {
  it('ends by SIGTERM while spinners step', async () => {
    const trace = join(tempDir(), 'spin.trace');
    // Thread 0 (core 1) takes both locks (0x3000 and 0x3200: one set of the tiny preset's
    // 8-set L1D) and computes; threads 1 and 2, core 0's two SMT threads, wait for one each.
    writeFileSync(
      trace,
      '# txsim-trace 1\n0 lock 0x3000\n0 lock 0x3200\n0 c 1000000000\n0 unlock 0x3200\n0 unlock 0x3000\n' +
        '1 c 1000\n1 lock 0x3000\n1 unlock 0x3000\n2 c 1000\n2 lock 0x3200\n2 unlock 0x3200\n',
    );
    const args = [
      'replay',
      trace,
      '--preset',
      'tiny',
      '--cores',
      '2',
      '--thread-map',
      '0:2,1:0,2:1',
      '--quiet',
    ];
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
