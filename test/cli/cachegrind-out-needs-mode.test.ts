// --cachegrind-out-file outside the cachegrind mode is refused before any replay runs, so
// a long multicore run never ends in this error.
import { describe, expect, it } from 'vitest';
import { cliFails } from '../support/cli.js';

describe('txsim replay --cachegrind-out-file in the writeback mode', () => {
  it('is one clear error, raised before the trace is read', async () => {
    // The trace does not exist: an error about it would mean the replay started.
    const stderr = await cliFails(['replay', 'no-such-trace.txb', '--cachegrind-out-file', 'cg.out']);
    expect(stderr).toBe(
      'txsim: --cachegrind-out-file needs the cachegrind mode (give --I1/--D1/--LL or --hierarchy cachegrind)\n',
    );
  });
});
