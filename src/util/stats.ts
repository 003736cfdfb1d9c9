/**
 * The statistics registry. Every component registers each counter once, with a dotted
 * name that mirrors the component tree (`core0.l1d.load.misses`) and a description; the
 * counter itself stays a plain number or typed-array slot owned by the component, so the
 * hot path pays nothing. Counters only grow; `snapshot` reads them all, `diff` subtracts
 * two snapshots (warm-up, regions of interest).
 */

export interface StatInfo {
  readonly name: string;
  readonly description: string;
  /** Unit shown in reports (`count`, `cycles`, ...). */
  readonly unit: string;
}

/** Name → value, in registration order. */
export type Snapshot = Record<string, number>;

export class StatsRegistry {
  private readonly infos: StatInfo[] = [];
  private readonly readers: (() => number)[] = [];
  private readonly names = new Set<string>();

  /** Registers a statistic; `read` returns its current value. Names must be unique. */
  register(name: string, description: string, read: () => number, unit = 'count'): void {
    if (this.names.has(name)) throw new Error(`statistic registered twice: ${name}`);
    if (description.trim() === '') throw new Error(`statistic without a description: ${name}`);
    this.names.add(name);
    this.infos.push({ name, description, unit });
    this.readers.push(read);
  }

  /** All registered statistics, in registration order. */
  list(): readonly StatInfo[] {
    return this.infos;
  }

  snapshot(): Snapshot {
    const out: Snapshot = {};
    for (let i = 0; i < this.infos.length; i++) {
      out[(this.infos[i] as StatInfo).name] = (this.readers[i] as () => number)();
    }
    return out;
  }
}

/** later − earlier, name by name (names missing from `earlier` count as 0). */
export function diff(later: Snapshot, earlier: Snapshot): Snapshot {
  const out: Snapshot = {};
  for (const [k, v] of Object.entries(later)) out[k] = v - (earlier[k] ?? 0);
  return out;
}
