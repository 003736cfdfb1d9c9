/**
 * A latency set twice is an error naming it (the last value used to win silently):
 * a class repeated in --latency, or --memory-latency together with --latency memory=.
 */
import { describe, expect, it } from 'vitest';
import { cliFails } from '../support/cli.js';
import { writeOkTrace } from '../support/files.js';

const trace = writeOkTrace();

describe('txsim replay: a latency set twice', () => {
  it('a class given twice in --latency', async () => {
    expect(await cliFails(['replay', trace, '--latency', 'memory=200,upgrade=5,memory=300'])).toBe(
      'txsim: --latency: memory is given twice\n',
    );
  });

  it('--memory-latency and --latency memory=', async () => {
    expect(await cliFails(['replay', trace, '--memory-latency', '9', '--latency', 'memory=7'])).toBe(
      'txsim: --memory-latency and --latency memory both set the memory latency; give one\n',
    );
  });
});
