// `txsim replay -` reads the trace from standard input (through the built CLI).
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('txsim replay -', () => {
  it('replays a trace piped on stdin', () => {
    const trace = '# txsim-trace 1\n0 r 0x1000 8\n0 r 0x1000 8\n0 w 0x2000 8\n';
    const r = spawnSync(
      process.execPath,
      ['dist/src/cli/main.js', 'replay', '-', '--preset', 'tiny', '--json', '--quiet'],
      {
        input: trace,
        encoding: 'utf8',
      },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as {
      trace: { path: string; events: number };
      stats: Record<string, { value: number }>;
    };
    expect(out.trace).toMatchObject({ path: '-', events: 3 });
    expect(out.stats['core0.l1d.load.hits']?.value).toBe(1);
  });
});
