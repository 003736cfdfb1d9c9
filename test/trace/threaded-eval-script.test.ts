// The threaded reader works in a script run as `node --input-type=module -e ...`: its worker
// inherits the process's Node options, and `--input-type` (for --eval input only) would
// stop it from starting. It runs the built worker (`npm test` builds before it tests).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers.js';

const dir = tempDir();
const readThread = new URL('../../dist/src/trace/read-thread.js', import.meta.url).href;
const worker = new URL('../../dist/src/trace/read-worker.js', import.meta.url).href;

describe('threaded reader in an --eval script', () => {
  it('reads the whole trace', () => {
    const path = join(dir, 'eval.trace');
    writeFileSync(path, `# txsim-trace 1\n${'0 r 0x1000 8\n1 w 0x2000 4\n'.repeat(500)}`);
    const script = `
const { ThreadedReader } = await import(${JSON.stringify(readThread)});
const opts = { path: ${JSON.stringify(path)}, format: 'auto', chunkEvents: 64, firstChunkEvents: 16, groupWindow: 0 };
const r = ThreadedReader.open(opts, new URL(${JSON.stringify(worker)}), opts.path);
let n = 0;
for (let c = await r.next(); c !== null; c = await r.next()) n += c.length;
await r.close();
process.stdout.write(String(n));
`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('1000');
    expect(r.status).toBe(0);
  });
});
