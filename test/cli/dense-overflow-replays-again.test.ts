/**
 * A trace that touches more regions than dense addresses can number (trace/dense.ts):
 * reading it densely stops with AddressSpaceFull, in the worker thread as on the main one,
 * and `txsim replay` runs it again on the trace's own addresses, with the same result as a
 * replay that never renumbered.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPreset } from '../../src/sim/machine.js';
import { denseAddressing } from '../../src/sim/multicore.js';
import { replay } from '../../src/sim/replay.js';
import { AddressSpaceFull } from '../../src/trace/dense.js';
import { openTrace } from '../../src/trace/open.js';
import { ThreadedReader } from '../../src/trace/read-thread.js';
import type { TraceReader } from '../../src/trace/reader.js';
import { runCli } from '../support/cli.js';
import { readAll, tempDir } from '../trace/helpers.js';

const machine = loadPreset('tiny');
const dense = denseAddressing(machine);
if (dense === null) throw new Error('no dense addressing for the tiny preset');
const { capacity, regionBits } = dense;

/** One load in each of `capacity + 1` regions, in two threads, from region 2^20 down. */
const trace = join(tempDir(), 'sparse.trace');
const lines = ['# txsim-trace 1'];
for (let r = 0; r <= capacity; r++)
  lines.push(`${r % 2} r 0x${((2 ** 20 - r) * 2 ** regionBits).toString(16)} 8`);
writeFileSync(trace, lines.join('\n') + '\n');

describe('more regions than dense addresses number', () => {
  it('stop a dense read, on the main thread and in the worker', async () => {
    await expect(readAll(await openTrace(trace, { dense }))).rejects.toThrow(AddressSpaceFull);
    const worker = new URL('../../dist/src/trace/read-worker.js', import.meta.url);
    const threaded: TraceReader = ThreadedReader.open(
      { path: trace, format: 'auto', chunkEvents: 4096, firstChunkEvents: 4096, groupWindow: 0, dense },
      worker,
      trace,
    );
    await expect(readAll(threaded)).rejects.toThrow(AddressSpaceFull);
  });

  it('txsim replay runs such a trace again on its own addresses', async () => {
    const r = await runCli(['replay', trace, '--preset', 'tiny', '--json', '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const wide = await replay(await openTrace(trace), { mode: 'writeback', machine, cores: 2, seed: 1 });
    expect(JSON.parse(r.stdout).stats).toEqual(wide.stats);
  });
});
