/**
 * Numeric options take decimal integers in their range; anything else is refused quoting
 * what was typed (non-numbers used to be reported as "got null").
 */
import { describe, expect, it } from 'vitest';
import { cliFails, runCli } from '../support/cli.js';
import { writeOkTrace } from '../support/files.js';

const trace = writeOkTrace();

describe('txsim replay: integer options', () => {
  it.each([
    'abc',
    'NaN',
    'Infinity',
    '0x10',
    '1e1',
    '2.0',
    '+2',
    ' 2',
    '-1',
    '0',
    '65',
    '99999999999999999999',
  ])("--cores '%s' is refused", async (text) => {
    expect(await cliFails(['replay', trace, '--cores', text])).toBe(
      `txsim: --cores must be an integer from 1 to 64, got '${text}'\n`,
    );
  });

  it('each numeric option names itself and its range', async () => {
    expect(await cliFails(['replay', trace, '--threads-per-core', '3'])).toBe(
      "txsim: --threads-per-core must be 1 or 2, got '3'\n",
    );
    expect(await cliFails(['replay', trace, '--memory-latency', '1.5'])).toBe(
      "txsim: --memory-latency must be a non-negative integer number of cycles, got '1.5'\n",
    );
    expect(await cliFails(['replay', trace, '--latency', 'memory=1e2'])).toBe(
      "txsim: --latency memory must be a non-negative integer number of cycles, got '1e2'\n",
    );
  });

  it('accepts values in range', async () => {
    const r = await runCli(['replay', trace, '--cores', '64', '--memory-latency', '0', '--quiet', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).config).toMatchObject({ cores: 64, machine: { memoryLatency: 0 } });
  });
});
