/** --thread-map refuses trace thread ids above the trace limit (65535), quoting them. */
import { describe, expect, it } from 'vitest';
import { cliFails, runCli } from '../support/cli.js';
import { writeOkTrace } from '../support/files.js';

const trace = writeOkTrace();

describe('txsim replay --thread-map: trace thread ids', () => {
  it.each(['65536', '99999999999999999999'])('%s is refused', async (tid) => {
    expect(await cliFails(['replay', trace, '--preset', 'tiny', '--thread-map', `0:0,${tid}:1`])).toBe(
      `txsim: --thread-map: trace thread ids go up to 65535, got '${tid}' in '${tid}:1'\n`,
    );
  });

  it('65535 is accepted', async () => {
    const r = await runCli(['replay', trace, '--preset', 'tiny', '--thread-map', '0:0,65535:1', '--quiet']);
    expect(r.code).toBe(0);
  });
});
