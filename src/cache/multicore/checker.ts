/**
 * The debug invariant checker (`--debug-checks`, and every property test): after a step,
 * verifies the whole hierarchy and throws on the first violations found.
 *   I1 single writer or multiple readers: a core with write permission is the only holder;
 *      at most one owner, and the directory names it;
 *   I2 inclusion: every valid private line's block is in the LLC, at the line it points to;
 *   I3 the directory agrees with the caches: a core's sharer bit, its state and its held
 *      bits are all set or all clear, and each held bit matches a copy in that level;
 *   I4 only states that may be dirty (M, O) have dirty private copies.
 * Slow (a full scan): meant for tests and small machines.
 */
import { LINE_STATES } from '../coherence/types.js';
import { St } from '../coherence/compile.js';
import { INVALID } from '../tag-array.js';
import type { MulticoreHierarchy } from './hierarchy.js';

export function checkInvariants(h: MulticoreHierarchy): void {
  const bad: string[] = [];
  const { dir, llc } = h.home;
  const proto = h.protocol;
  const n = h.privates.length;
  const tags = llc.tags.tags;
  for (let l = 0; l < tags.length && bad.length < 5; l++) {
    const block = tags[l] as number;
    let holders = 0;
    let writers = 0;
    let owner = -1;
    for (let c = 0; c < n; c++) {
      const s = dir.state[l * n + c] as number;
      const held = dir.held[l * n + c] as number;
      const valid = s !== St.I;
      if (valid !== dir.isSharer(l, c) || valid !== (held !== 0)) {
        bad.push(`I3 LLC line ${l} (block ${block}) core ${c}: state ${LINE_STATES[s]}, sharer bit ${dir.isSharer(l, c)}, held bits ${held}`);
      }
      if (valid && !proto.protocol.states.includes(LINE_STATES[s] ?? 'I')) bad.push(`core ${c} holds block ${block} in state ${s}, not a state of ${proto.protocol.name}`);
      if (!valid) continue;
      if (block === INVALID) bad.push(`I2 core ${c} holds an invalid LLC line ${l}`);
      holders++;
      if (proto.canWrite[s] === 1) writers++;
      if (proto.isOwner[s] === 1) {
        if (owner >= 0) bad.push(`I1 block ${block}: two owners, cores ${owner} and ${c}`);
        owner = c;
      }
    }
    if (writers > 0 && holders > 1) bad.push(`I1 block ${block}: a core may write it while ${holders} cores hold it`);
    if (dir.owner[l] !== owner) bad.push(`I1 block ${block}: directory owner ${dir.owner[l]}, caches say ${owner}`);
  }
  for (const pc of h.privates) {
    for (const level of pc.levels) {
      let valid = 0;
      const lt = level.tags.tags;
      for (let i = 0; i < lt.length && bad.length < 5; i++) {
        const block = lt[i] as number;
        if (block === INVALID) continue;
        valid++;
        const home = level.home[i] as number;
        if (tags[home] !== block) {
          bad.push(`I2 core ${pc.core} ${level.name} holds block ${block}, but its LLC line ${home} holds ${tags[home]}`);
          continue;
        }
        const si = home * n + pc.core;
        if (((dir.held[si] as number) & level.bit) === 0) bad.push(`I3 core ${pc.core} ${level.name} holds block ${block} without its held bit`);
        if (level.dirty[i] === 1 && proto.mayBeDirty[dir.state[si] as number] !== 1) {
          bad.push(`I4 core ${pc.core} ${level.name}: dirty copy of block ${block} in state ${LINE_STATES[dir.state[si] as number]}`);
        }
      }
      let heldBits = 0;
      for (let si = pc.core; si < dir.held.length; si += n) if (((dir.held[si] as number) & level.bit) !== 0) heldBits++;
      if (heldBits !== valid) bad.push(`I3 core ${pc.core} ${level.name}: ${valid} valid lines but ${heldBits} held bits`);
    }
  }
  if (bad.length > 0) throw new Error(`coherence invariant violated:\n  ${bad.join('\n  ')}`);
}
