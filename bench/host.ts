/**
 * The host line of `npm run bench`: the processor model, its logical CPUs and the cache
 * sizes one CPU sees, so figures taken on different hosts can be told apart. The same code
 * has measured 1.6-1.9 times faster on one host of this project than on another (see
 * docs/performance.md); the cache sizes are what tell such hosts apart when the model name
 * does not (a guest may see only "AMD EPYC").
 *
 * Cache sizes come from Linux's sysfs (`cpu0/cache/index*`); elsewhere, or when sysfs is
 * not readable, the line names only the model and the CPU count. Nothing here is timed.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';

/** Where Linux describes the caches of the first logical CPU. */
export const SYSFS_CACHES = '/sys/devices/system/cpu/cpu0/cache';

/**
 * The caches under `dir` (a sysfs `cache` folder: one `indexN` folder per cache, each with
 * `level`, `type` and `size` files) as `L1d 48K, L1i 32K, L2 1024K, L3 32768K`, in level
 * order, data before instruction; an empty string when `dir` cannot be read.
 */
export function cacheSizes(dir: string): string {
  let entries: string[];
  try {
    entries = readdirSync(dir).filter((e) => /^index\d+$/.test(e));
  } catch {
    return '';
  }
  const caches: { level: number; name: string; size: string }[] = [];
  for (const entry of entries) {
    const read = (file: string): string => readFileSync(join(dir, entry, file), 'utf8').trim();
    try {
      const level = Number(read('level'));
      const type = read('type');
      const suffix = type === 'Data' ? 'd' : type === 'Instruction' ? 'i' : '';
      caches.push({ level, name: `L${level}${suffix}`, size: read('size') });
    } catch {
      // An index folder without these files describes no cache we can name.
    }
  }
  caches.sort((a, b) => a.level - b.level || a.name.localeCompare(b.name));
  return caches.map((c) => `${c.name} ${c.size}`).join(', ');
}

/** `host: <model>, <n> logical CPUs[; caches seen by CPU 0: <cacheSizes>]`. */
export function hostLine(dir = SYSFS_CACHES): string {
  const all = cpus();
  const model = all[0]?.model.trim() ?? 'unknown processor';
  const caches = cacheSizes(dir);
  return `host: ${model}, ${all.length} logical CPUs${caches === '' ? '' : `; caches seen by CPU 0: ${caches}`}`;
}
