/**
 * `npm run bench`: prints simulated memory accesses per second and peak memory for the
 * configurations the issues name. A script that prints figures, never a timed test.
 *
 *  1. single core, cachegrind-style I1 + D1 + LL (Haswell geometry, LRU) on a generated
 *     20M-access trace, read as txsim binary and as lackey text;
 *  2. the multicore replays (see multicore.ts); `npm run bench -- --long` adds the 8-core
 *     replay of a 100M-access trace.
 * Inputs are generated once into bench/.cache (deterministic, seeded) and reused.
 * Each figure is the median of several runs, each in its own process (see measure.ts).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateLackey } from './gen-lackey.js';
import { hostLine } from './host.js';
import { RUNS, measure, summarize } from './measure.js';
import { benchMulticore } from './multicore.js';

const here = dirname(fileURLToPath(import.meta.url)); // dist/bench
const root = join(here, '..', '..');
const cache = join(root, 'bench', '.cache');
const cli = join(root, 'dist', 'src', 'cli', 'main.js');
const ACCESSES = 20_000_000;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const unknown = args.find((a) => a !== '--long');
  if (unknown !== undefined) {
    process.stderr.write(`npm run bench: unknown argument '${unknown}' (the one option is --long)\n`);
    process.exitCode = 2;
    return;
  }
  mkdirSync(cache, { recursive: true });
  const lackey = join(cache, 'bench-20M.lackey');
  const binary = join(cache, 'bench-20M.txb');
  if (!existsSync(lackey)) {
    process.stderr.write(`generating ${lackey} (${ACCESSES / 1e6}M accesses)...\n`);
    await generateLackey(lackey, ACCESSES, 1);
  }
  if (!existsSync(binary)) {
    process.stderr.write(`converting to ${binary}...\n`);
    execFileSync(process.execPath, [cli, 'convert', lackey, binary, '--to', 'binary'], { stdio: 'inherit' });
  }
  const mib = (p: string): string => `${(statSync(p).size / 2 ** 20).toFixed(0)} MiB`;
  console.log(`txsim bench (node ${process.version}; ${RUNS} runs each after one unmeasured run, median)`);
  console.log(hostLine());
  console.log(`trace: ${ACCESSES / 1e6}M accesses, lackey text ${mib(lackey)}, txsim binary ${mib(binary)}`);
  console.log(summarize('1 core, I1+D1+LL cachegrind mode, binary', measure(binary, 'cachegrind')));
  console.log(summarize('1 core, I1+D1+LL cachegrind mode, lackey text', measure(lackey, 'cachegrind')));
  console.log(summarize('1 core, write-back hierarchy (Haswell), binary', measure(binary, 'writeback')));
  for (const line of await benchMulticore(args.includes('--long'))) console.log(line);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
