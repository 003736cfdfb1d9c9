/**
 * The debug invariant checker (`--debug-checks`, and every property test): after a step,
 * verifies the hierarchy and throws listing the first violations found.
 *   I1 single writer or multiple readers: a core with write permission is the only holder;
 *      at most one owner, and the directory names it;
 *   I2 inclusion: every valid private line's block is in the LLC, at the line it points to;
 *   I3 the directory agrees with the caches: a core's sharer bit is set exactly when one of
 *      its private levels holds the block, and the copies of one core agree on its state
 *      (up to a silent E → M in some of them);
 *   I4 only states that may be dirty (M, O) have dirty private copies.
 * `checkInvariants` scans the whole machine (slow, with Maps). `DebugChecker` runs after
 * every step: on a machine of at most FULL_SCAN_LINES lines it scans the whole machine each
 * time; on a larger one it checks the blocks the step could have changed (the lines its
 * accesses reached, the victims of its fills, the hits it or a take-back applied ahead), and
 * scans the whole machine every `fullEvery` steps (so a scan costs about FULL_SCAN_LINES
 * lines per step) and at the end of the run.
 */
import { St } from '../coherence/compile.js';
import { LINE_STATES } from '../coherence/types.js';
import { INVALID } from '../tag-array.js';
import { BlockLog } from './block-log.js';
import type { MulticoreHierarchy } from './hierarchy.js';
import { DIRTY, HOME_SHIFT, STATE_BITS } from './private-caches.js';

/** One core's copies of a block: the states seen and whether any is dirty. */
interface Copies {
  states: number[];
  dirty: boolean;
}

/** A block number as the trace's addresses give it (the simulation's may be dense), or INVALID. */
function shown(h: MulticoreHierarchy, block: number): number {
  const line = h.config.l1d.line;
  return block === INVALID ? block : Math.floor(h.realAddress(block * line) / line);
}

/** Most violations listed in one message. */
const MAX_LISTED = 8;

export function checkInvariants(h: MulticoreHierarchy): void {
  const bad: string[] = [];
  const llcTags = h.home.llc.tags;
  const held: Map<number, Copies>[] = h.privates.map(() => new Map());
  for (const pc of h.privates) {
    for (const level of pc.levels) {
      const tags = level.tags;
      for (let i = 0; i < tags.lines; i++) {
        const block = tags.tagOf(i);
        if (block === INVALID) continue;
        const m = level.meta[i] as number;
        const home = m >> HOME_SHIFT;
        if (llcTags.tagOf(home) !== block)
          bad.push(
            `I2 core ${pc.core} ${level.name} holds block ${shown(h, block)}, but its LLC line ${home} holds ${shown(h, llcTags.tagOf(home))}`,
          );
        const map = held[pc.core] as Map<number, Copies>;
        const c = map.get(block) ?? { states: [], dirty: false };
        c.states.push(m & STATE_BITS);
        c.dirty ||= (m & DIRTY) !== 0;
        map.set(block, c);
      }
    }
  }
  for (let l = 0; l < llcTags.lines && bad.length < 5; l++) {
    const block = llcTags.tagOf(l);
    checkLine(h, l, block, (c) => held[c]?.get(block), bad);
  }
  fail(bad);
}

/**
 * I1, I3 and I4 for LLC line `l` holding `block`, given each core's copies of the block
 * (`copiesOf`); violations are added to `bad`.
 */
function checkLine(
  h: MulticoreHierarchy,
  l: number,
  block: number,
  copiesOf: (core: number) => Copies | undefined,
  bad: string[],
): void {
  const { dir } = h.home;
  const proto = h.protocol;
  let holders = 0;
  let writers = 0;
  let owner = -1;
  for (let c = 0; c < h.privates.length; c++) {
    const copies = copiesOf(c);
    if ((copies !== undefined) !== dir.isSharer(l, c))
      bad.push(
        `I3 block ${shown(h, block)} core ${c}: copies ${copies !== undefined}, sharer bit ${dir.isSharer(l, c)}`,
      );
    if (copies === undefined) continue;
    const s = copies.states.includes(St.M) ? St.M : (copies.states[0] as number);
    if (!copies.states.every((x) => x === s || (s === St.M && x === St.E))) {
      bad.push(
        `I3 block ${shown(h, block)} core ${c}: copies disagree (${copies.states.map((x) => LINE_STATES[x]).join(', ')})`,
      );
    }
    if (s === St.I || !proto.protocol.states.includes(LINE_STATES[s] ?? 'I'))
      bad.push(
        `block ${shown(h, block)} core ${c}: state ${LINE_STATES[s]} is not a held state of ${proto.protocol.name}`,
      );
    if (copies.dirty && proto.mayBeDirty[s] !== 1)
      bad.push(`I4 block ${shown(h, block)} core ${c}: dirty copy in state ${LINE_STATES[s]}`);
    holders++;
    if (proto.canWrite[s] === 1) writers++;
    if (proto.isOwner[s] === 1) {
      if (owner >= 0) bad.push(`I1 block ${shown(h, block)}: two owners, cores ${owner} and ${c}`);
      owner = c;
    }
  }
  if (writers > 0 && holders > 1)
    bad.push(`I1 block ${shown(h, block)}: a core may write it while ${holders} cores hold it`);
  if (dir.owner(l) !== owner)
    bad.push(`I1 block ${shown(h, block)}: directory owner ${dir.owner(l)}, caches say ${owner}`);
}

/** Every invariant for one block, looked up in every private level and the LLC. */
function checkBlock(h: MulticoreHierarchy, block: number, bad: string[]): void {
  const l = h.home.llc.tags.find(block);
  const held: (Copies | undefined)[] = [];
  for (const pc of h.privates) {
    let copies: Copies | undefined;
    for (const level of pc.levels) {
      const i = level.tags.find(block);
      if (i < 0) continue;
      const m = level.meta[i] as number;
      const home = m >> HOME_SHIFT;
      if (home !== l)
        bad.push(
          `I2 core ${pc.core} ${level.name} holds block ${shown(h, block)}, but its LLC line ${home} holds ${shown(h, h.home.llc.tags.tagOf(home))}`,
        );
      copies ??= { states: [], dirty: false };
      copies.states.push(m & STATE_BITS);
      copies.dirty ||= (m & DIRTY) !== 0;
    }
    held.push(copies);
  }
  if (l >= 0) checkLine(h, l, block, (c) => held[c], bad);
}

function fail(bad: readonly string[]): void {
  if (bad.length > 0)
    throw new Error(`coherence invariant violated:\n  ${bad.slice(0, MAX_LISTED).join('\n  ')}`);
}

/** Lines a whole-machine scan may cost per step, amortized (see the file's header). */
const FULL_SCAN_LINES = 1024;

/** Runs the invariant checks of `--debug-checks` after each step (see the file's header). */
export class DebugChecker {
  /** A whole-machine scan every this many steps (1: every step, no block checks). */
  readonly fullEvery: number;
  private readonly log: BlockLog | null = null;
  private steps = 0;

  constructor(
    private readonly h: MulticoreHierarchy,
    /** Test knob: the lines a scan may cost per step (FULL_SCAN_LINES). */
    scanLines = FULL_SCAN_LINES,
  ) {
    let lines = h.home.llc.tags.lines;
    for (const pc of h.privates) for (const level of pc.levels) lines += level.tags.lines;
    this.fullEvery = Math.max(1, Math.ceil(lines / scanLines));
    if (this.fullEvery > 1) {
      this.log = new BlockLog();
      h.setTouchedLog(this.log);
    }
  }

  /**
   * After a step: `pending` lists the blocks of the hits the stepped thread then took ahead
   * (applied, not yet final). Throws on a violation; when the whole-machine scan found it,
   * the message says so (it may then be from any step since the last scan).
   */
  afterStep(pending: readonly number[]): void {
    const log = this.log;
    this.steps++;
    if (log === null || this.steps % this.fullEvery === 0 || log.overflowed) {
      log?.clear();
      this.scan();
      return;
    }
    const bad: string[] = [];
    for (let r = 0; r < log.count && bad.length === 0; r++)
      for (let b = log.first[r] as number, end = log.last[r] as number; b <= end; b++)
        checkBlock(this.h, b, bad);
    for (const b of pending) if (bad.length === 0) checkBlock(this.h, b, bad);
    log.clear();
    fail(bad);
  }

  /** The whole-machine scan (after the last step, too). */
  scan(): void {
    try {
      checkInvariants(this.h);
    } catch (e) {
      if (this.fullEvery === 1) throw e;
      throw new Error(
        `${(e as Error).message}\n  (found by the whole-machine scan made every ${this.fullEvery} steps: it happened in one of the last ${this.fullEvery})`,
      );
    }
  }
}
