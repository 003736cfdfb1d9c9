/**
 * Which hardware thread runs which trace thread. Hardware thread `h` is slot
 * `h % threadsPerCore` of core `floor(h / threadsPerCore)`, so SMT siblings are adjacent.
 * Round-robin (the default) spreads trace threads over cores first, as an OS does:
 * trace thread t → core t mod cores, slot floor(t / cores). An explicit map
 * (`--thread-map 0:0,1:2`) pairs trace threads with hardware threads.
 * There is no OS scheduler: a trace thread without a hardware thread is an input error.
 */
import { MAX_CORES } from '../cache/multicore/directory.js';
import { MAX_TID } from '../trace/events.js';
import { InputError } from '../util/errors.js';

export interface ThreadMap {
  readonly cores: number;
  readonly threadsPerCore: 1 | 2;
  /** The hardware thread of trace thread `tid`; throws an InputError when it has none. */
  hwOf(tid: number): number;
  /** The map as users write it (`round-robin`, or the explicit pairs). */
  readonly description: string;
}

function capacity(cores: number, tpc: number): string {
  return `${cores} core(s) × ${tpc} thread(s) per core = ${cores * tpc} hardware thread(s)`;
}

/** What makes round-robin place trace thread `tid`: only the changes that exist and suffice. */
function fitAdvice(tid: number, cores: number, tpc: number): string {
  const ways: string[] = [];
  // Round-robin fits tid when tid < cores × tpc.
  if (tpc === 1 && tid < 2 * cores) ways.push('--threads-per-core 2');
  const needed = Math.floor(tid / tpc) + 1;
  if (needed <= MAX_CORES) ways.push(`--cores ${needed}`);
  ways.push('a --thread-map that places the trace threads explicitly');
  return `give ${ways.join(', or ')}`;
}

export function roundRobin(cores: number, threadsPerCore: 1 | 2): ThreadMap {
  return {
    cores,
    threadsPerCore,
    description: 'round-robin',
    hwOf(tid) {
      const slot = Math.floor(tid / cores);
      if (slot >= threadsPerCore) {
        throw new InputError(
          `trace thread ${tid} does not fit the machine: ${capacity(cores, threadsPerCore)}, ` +
            `and round-robin puts trace thread t on core t mod ${cores}, slot floor(t / ${cores}) ` +
            `(there is no OS scheduler; ${fitAdvice(tid, cores, threadsPerCore)})`,
        );
      }
      return (tid % cores) * threadsPerCore + slot;
    },
  };
}

/** Parses `tid:hw,tid:hw,...`; every hardware thread must exist and be used once. */
export function parseThreadMap(text: string, cores: number, threadsPerCore: 1 | 2): ThreadMap {
  const hwCount = cores * threadsPerCore;
  const byTid = new Map<number, number>();
  const used = new Map<number, number>();
  for (const part of text.split(',')) {
    const m = /^\s*(\d+)\s*:\s*(\d+)\s*$/.exec(part);
    if (!m) throw new InputError(`--thread-map: expected tid:hwthread pairs such as 0:0,1:2, got '${part}'`);
    const tid = Number(m[1]);
    const hw = Number(m[2]);
    if (tid > MAX_TID)
      throw new InputError(`--thread-map: trace thread ids go up to ${MAX_TID}, got '${m[1]}' in '${part}'`);
    if (hw >= hwCount) {
      throw new InputError(
        `--thread-map ${m[1]}:${m[2]}: hardware thread ${m[2]} does not exist (${capacity(cores, threadsPerCore)}, numbered 0..${hwCount - 1})`,
      );
    }
    if (byTid.has(tid)) throw new InputError(`--thread-map: trace thread ${tid} is mapped twice`);
    const other = used.get(hw);
    if (other !== undefined)
      throw new InputError(
        `--thread-map: trace threads ${other} and ${tid} both map to hardware thread ${hw}`,
      );
    byTid.set(tid, hw);
    used.set(hw, tid);
  }
  return {
    cores,
    threadsPerCore,
    description: [...byTid].map(([t, h]) => `${t}:${h}`).join(','),
    hwOf(tid) {
      const hw = byTid.get(tid);
      if (hw === undefined)
        throw new InputError(`trace thread ${tid} is not in --thread-map (${this.description})`);
      return hw;
    },
  };
}
