/**
 * `-` as a path argument is stdin or stdout for every command (through the built CLI),
 * while an empty path is refused (see empty-path.test.ts).
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const TRACE = '# txsim-trace 1\n0 r 0x1000\n0 w 0x1040 4\n';

function txsim(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, ['dist/src/cli/main.js', ...args], { input: TRACE, encoding: 'utf8' });
}

describe('txsim: - is stdin / stdout', () => {
  it('convert - -', () => {
    const r = txsim('convert', '-', '-', '--to', 'text');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^# txsim-trace 1\n0 r 0x1000/);
    expect(r.stderr).toBe('converted 2 events (text → text) to <stdout>\n');
  });

  it('inspect -', () => {
    const r = txsim('inspect', '-', '--json');
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(JSON.parse(r.stdout)).toMatchObject({ path: '-', events: 2 });
  });
});
