/**
 * The debug invariant checker (`--debug-checks`, and every property test): after a step,
 * verifies the whole hierarchy and throws listing the first violations found.
 *   I1 single writer or multiple readers: a core with write permission is the only holder;
 *      at most one owner, and the directory names it;
 *   I2 inclusion: every valid private line's block is in the LLC, at the line it points to;
 *   I3 the directory agrees with the caches: a core's sharer bit is set exactly when one of
 *      its private levels holds the block, and the copies of one core agree on its state
 *      (up to a silent E → M in some of them);
 *   I4 only states that may be dirty (M, O) have dirty private copies.
 * Slow (a full scan with Maps): meant for tests and small machines.
 */
import { St } from '../coherence/compile.js';
import { LINE_STATES } from '../coherence/types.js';
import { INVALID } from '../tag-array.js';
import type { MulticoreHierarchy } from './hierarchy.js';
import { DIRTY, HOME_SHIFT, STATE_BITS } from './private-caches.js';

/** One core's copies of a block: the states seen and whether any is dirty. */
interface Copies {
  states: number[];
  dirty: boolean;
}

export function checkInvariants(h: MulticoreHierarchy): void {
  const bad: string[] = [];
  const { dir, llc } = h.home;
  const proto = h.protocol;
  const llcTags = llc.tags;
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
            `I2 core ${pc.core} ${level.name} holds block ${block}, but its LLC line ${home} holds ${llcTags.tagOf(home)}`,
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
    let holders = 0;
    let writers = 0;
    let owner = -1;
    held.forEach((map, c) => {
      const copies = map.get(block);
      if ((copies !== undefined) !== dir.isSharer(l, c))
        bad.push(
          `I3 block ${block} core ${c}: copies ${copies !== undefined}, sharer bit ${dir.isSharer(l, c)}`,
        );
      if (copies === undefined) return;
      const s = copies.states.includes(St.M) ? St.M : (copies.states[0] as number);
      if (!copies.states.every((x) => x === s || (s === St.M && x === St.E))) {
        bad.push(
          `I3 block ${block} core ${c}: copies disagree (${copies.states.map((x) => LINE_STATES[x]).join(', ')})`,
        );
      }
      if (s === St.I || !proto.protocol.states.includes(LINE_STATES[s] ?? 'I'))
        bad.push(
          `block ${block} core ${c}: state ${LINE_STATES[s]} is not a held state of ${proto.protocol.name}`,
        );
      if (copies.dirty && proto.mayBeDirty[s] !== 1)
        bad.push(`I4 block ${block} core ${c}: dirty copy in state ${LINE_STATES[s]}`);
      holders++;
      if (proto.canWrite[s] === 1) writers++;
      if (proto.isOwner[s] === 1) {
        if (owner >= 0) bad.push(`I1 block ${block}: two owners, cores ${owner} and ${c}`);
        owner = c;
      }
    });
    if (writers > 0 && holders > 1)
      bad.push(`I1 block ${block}: a core may write it while ${holders} cores hold it`);
    if (dir.owner(l) !== owner)
      bad.push(`I1 block ${block}: directory owner ${dir.owner(l)}, caches say ${owner}`);
  }
  if (bad.length > 0) throw new Error(`coherence invariant violated:\n  ${bad.slice(0, 8).join('\n  ')}`);
}
