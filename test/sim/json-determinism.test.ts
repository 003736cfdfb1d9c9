// Same inputs and seed give byte-identical JSON (random replacement included); another
// seed changes the random choices.
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

async function json(...args: string[]): Promise<string> {
  const r = await runCli(['replay', ...args, '--json', '--quiet']);
  expect(r.code).toBe(0);
  return r.stdout;
}

describe('determinism', () => {
  const writeback = [
    'traces/oracle/xsave.lackey.gz',
    '--preset',
    'tiny',
    '--cores',
    '1',
    '--replacement',
    'random',
  ];
  const cachegrind = [
    'traces/oracle/xsave.lackey.gz',
    '--I1=4096,2,64',
    '--D1=2048,2,64',
    '--LL=16384,4,64',
    '--replacement',
    'random',
  ];

  it.each([
    ['writeback', writeback],
    ['cachegrind', cachegrind],
  ])('%s mode: byte-identical JSON for the same seed', async (_m, args) => {
    const a = await json(...args, '--seed', '7');
    const b = await json(...args, '--seed', '7');
    expect(a).toBe(b);
    expect(JSON.parse(a).config.seed).toBe(7);
  });

  it('another seed changes random replacement', async () => {
    const a = JSON.parse(await json(...cachegrind, '--seed', '7')).stats['cachegrind.D1mr'].value;
    const b = JSON.parse(await json(...cachegrind, '--seed', '8')).stats['cachegrind.D1mr'].value;
    expect(a).not.toBe(b);
  });
});
