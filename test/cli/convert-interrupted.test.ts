/**
 * An interrupted conversion (SIGINT, SIGTERM or SIGHUP) removes its temporary file and
 * leaves the output it was to replace untouched, then ends by the signal.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../trace/helpers.js';

const dir = tempDir();
const input = join(dir, 'big.trace');
// About a second of conversion: long enough to be interrupted once its temporary file exists.
writeFileSync(
  input,
  '# txsim-trace 1\n' +
    Array.from({ length: 1_500_000 }, (_, i) => `${i % 4} r 0x${(i * 4160).toString(16)} 8\n`).join(''),
);

describe('an interrupted convert', () => {
  it.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)('on %s leaves no temporary file', async (signal) => {
    const out = join(dir, `out-${signal}.txb`);
    writeFileSync(out, 'the old output\n');
    const child = spawn(process.execPath, ['dist/src/cli/main.js', 'convert', input, out], {
      stdio: 'ignore',
    });
    const temp = (): string[] => readdirSync(dir).filter((f) => f.startsWith(`out-${signal}.txb.tmp-`));
    for (let i = 0; i < 500 && temp().length === 0; i++) await new Promise((r) => setTimeout(r, 5));
    expect(temp()).toHaveLength(1);
    child.kill(signal);
    const ended = await new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('close', (_, s) => resolve(s)),
    );
    expect(ended).toBe(signal);
    expect(temp()).toEqual([]);
    expect(existsSync(out) && readFileSync(out, 'utf8')).toBe('the old output\n');
  });
});
