/**
 * Compiles a protocol table once into small typed arrays indexed by
 * `state × EVENT_COUNT + event`, so the hot path reads numbers, never strings or objects.
 * Also derives the per-state facts the directory needs (write permission, ownership).
 * `tableProblems` states what makes a table legal; `compileProtocol` refuses an illegal one.
 */
import {
  COHERENCE_EVENTS,
  LINE_STATES,
  REQUESTS,
  type LineState,
  type LostReason,
  type Protocol,
  type Row,
} from './types.js';

/** State codes (every protocol uses the same codes; I is 0). */
export const St = { I: 0, S: 1, E: 2, M: 3, O: 4, F: 5 } as const satisfies Record<LineState, number>;
export const STATE_COUNT = LINE_STATES.length;

/** Event codes, in COHERENCE_EVENTS order. */
export const Ev = { load: 0, store: 1, evict: 2, fwdGetS: 3, fwdGetM: 4, inv: 5, backInv: 6 } as const;
export const EVENT_COUNT = COHERENCE_EVENTS.length;

/** Request codes: 0 none, then REQUESTS order + 1. */
export const Req = { none: 0, GetS: 1, GetM: 2, Upgrade: 3 } as const;

/** Lost-reason codes: 0 nothing lost. */
export const LOST_REASONS: readonly (LostReason | null)[] = [null, 'eviction', 'invalidation', 'downgrade'];

export const FLAG_SUPPLY = 1;
export const FLAG_WRITEBACK = 2;
export const FLAG_UNREACHABLE = 4;

export interface CompiledProtocol {
  readonly protocol: Protocol;
  /** Next-state code per cell. */
  readonly next: Uint8Array;
  /** Load in I: state code granted when no other core holds the line. */
  readonly nextAlone: number;
  /** Request code per cell. */
  readonly send: Uint8Array;
  /** FLAG_* bits per cell. */
  readonly flags: Uint8Array;
  /** Lost-reason code per cell. */
  readonly lost: Uint8Array;
  /** 1 for states that may store without asking the directory (E, M). */
  readonly canWrite: Uint8Array;
  /** 1 for states that answer forwarded requests (the line's owner: E, M, O, F). */
  readonly isOwner: Uint8Array;
  /** 1 for states that may hold data newer than the LLC's (M, O). */
  readonly mayBeDirty: Uint8Array;
}

export function cell(state: number, event: number): number {
  return state * EVENT_COUNT + event;
}

function rowOf(p: Protocol, s: LineState, e: (typeof COHERENCE_EVENTS)[number]): Row | undefined {
  return p.table[s]?.[e];
}

/** States that may hold dirty data: M, and what M reaches by a read forward without a writeback. */
function dirtyStates(p: Protocol): Set<LineState> {
  const out = new Set<LineState>(['M']);
  for (let grew = true; grew;) {
    grew = false;
    for (const s of [...out]) {
      const r = rowOf(p, s, 'fwdGetS');
      if (r && !r.unreachable && !r.writeback && r.next !== 'I' && !out.has(r.next)) {
        out.add(r.next);
        grew = true;
      }
    }
  }
  return out;
}

/** Every reason a table is not a legal protocol; empty when it is. */
export function tableProblems(p: Protocol): string[] {
  const bad: string[] = [];
  const has = (s: LineState): boolean => p.states.includes(s);
  if (p.states[0] !== 'I' || !has('S') || !has('M')) bad.push('states must start with I and include S and M');
  for (const s of LINE_STATES)
    if (!has(s) && p.table[s] !== undefined) bad.push(`${s}: row for a state the protocol does not list`);
  const dirty = dirtyStates(p);
  const ok = (cond: boolean, s: LineState, e: string, what: string): void => {
    if (!cond) bad.push(`${p.name} ${s} × ${e}: ${what}`);
  };
  for (const s of p.states) {
    const store = rowOf(p, s, 'store');
    const writable = store !== undefined && store.send === null && s !== 'I';
    const fwdS = rowOf(p, s, 'fwdGetS');
    const owner = fwdS !== undefined && !fwdS.unreachable;
    for (const e of COHERENCE_EVENTS) {
      const r = rowOf(p, s, e);
      if (r === undefined) {
        bad.push(`${p.name} ${s} × ${e}: missing row`);
        continue;
      }
      ok(has(r.next), s, e, `next state ${r.next} is not a state of the protocol`);
      ok(
        r.nextAlone === undefined || (s === 'I' && e === 'load'),
        s,
        e,
        'nextAlone only belongs to a load in I',
      );
      ok(r.send === null || e === 'load' || e === 'store', s, e, 'only own loads and stores send requests');
      ok(!r.writeback || dirty.has(s), s, e, 'writes back from a state that is never dirty');
      ok(!r.supply || e === 'fwdGetS' || e === 'fwdGetM', s, e, 'supplies data to nobody');
      const reachable = !r.unreachable;
      if (s === 'I') {
        ok(reachable === (e === 'load' || e === 'store'), s, e, 'in I only own loads and stores happen');
        if (e === 'load') {
          ok(
            r.send === 'GetS' && r.nextAlone !== undefined,
            s,
            e,
            'a load miss sends GetS and says what a lone reader gets',
          );
          ok(
            r.next !== 'E' && r.next !== 'M' && r.next !== 'I',
            s,
            e,
            'a reader that shares the line gets no write permission',
          );
        }
        if (e === 'store')
          ok(r.send === 'GetM' && r.next === 'M', s, e, 'a store miss sends GetM and ends in M');
        continue;
      }
      switch (e) {
        case 'load':
          ok(r.send === null && r.next === s && reachable, s, e, 'a load hit changes nothing');
          break;
        case 'store':
          ok(r.next === 'M' && reachable, s, e, 'a store ends in M');
          ok(writable || r.send === 'Upgrade', s, e, 'a store without write permission sends Upgrade');
          break;
        case 'evict':
          ok(
            reachable && r.next === 'I' && r.lost === 'eviction',
            s,
            e,
            'an eviction ends in I and is reported',
          );
          ok(r.writeback === dirty.has(s), s, e, 'an eviction writes back exactly the dirty states');
          break;
        case 'fwdGetS':
          if (!reachable) break;
          ok(
            r.supply && r.next !== 'E' && r.next !== 'M',
            s,
            e,
            'a read forward is answered and leaves no write permission',
          );
          ok(
            r.writeback || !dirty.has(s) || dirty.has(r.next),
            s,
            e,
            'dirty data must be written back or kept',
          );
          ok((r.lost === 'downgrade') === writable, s, e, 'losing write permission is a downgrade');
          ok(r.next !== 'I', s, e, 'a read forward leaves the owner a copy');
          break;
        case 'fwdGetM':
          ok(reachable === owner, s, e, 'write forwards go to owners only');
          if (reachable)
            ok(
              r.supply && r.next === 'I' && r.lost === 'invalidation',
              s,
              e,
              'a write forward is answered and invalidates',
            );
          break;
        case 'inv':
          ok(reachable === !writable, s, e, 'invalidations go to every holder without write permission');
          if (reachable)
            ok(r.next === 'I' && r.lost === 'invalidation' && !r.supply, s, e, 'an invalidation ends in I');
          break;
        case 'backInv':
          ok(
            reachable && r.next === 'I' && r.lost === 'eviction',
            s,
            e,
            'a back-invalidation ends in I and is reported',
          );
          ok(r.writeback === dirty.has(s), s, e, 'a back-invalidation writes back exactly the dirty states');
          break;
      }
    }
    ok(!writable || owner, s, 'fwdGetS', 'a state with write permission must answer forwards');
  }
  return bad;
}

export function compileProtocol(p: Protocol): CompiledProtocol {
  const problems = tableProblems(p);
  if (problems.length > 0) throw new Error(`illegal protocol table ${p.name}:\n  ${problems.join('\n  ')}`);
  const n = STATE_COUNT * EVENT_COUNT;
  const next = new Uint8Array(n);
  const send = new Uint8Array(n);
  const flags = new Uint8Array(n).fill(FLAG_UNREACHABLE);
  const lost = new Uint8Array(n);
  const canWrite = new Uint8Array(STATE_COUNT);
  const isOwner = new Uint8Array(STATE_COUNT);
  const mayBeDirty = new Uint8Array(STATE_COUNT);
  for (const s of dirtyStates(p)) mayBeDirty[St[s]] = 1;
  let nextAlone: number = St.I;
  for (const s of p.states) {
    COHERENCE_EVENTS.forEach((e, ei) => {
      const r = rowOf(p, s, e) as Row;
      const c = cell(St[s], ei);
      next[c] = St[r.next];
      send[c] = r.send === null ? Req.none : REQUESTS.indexOf(r.send) + 1;
      flags[c] =
        (r.supply ? FLAG_SUPPLY : 0) |
        (r.writeback ? FLAG_WRITEBACK : 0) |
        (r.unreachable ? FLAG_UNREACHABLE : 0);
      lost[c] = LOST_REASONS.indexOf(r.lost);
      if (s === 'I' && e === 'load') nextAlone = St[r.nextAlone ?? r.next];
    });
    if (s !== 'I' && send[cell(St[s], Ev.store)] === Req.none) canWrite[St[s]] = 1;
    if ((flags[cell(St[s], Ev.fwdGetS)] as number) & FLAG_SUPPLY) isOwner[St[s]] = 1;
  }
  return { protocol: p, next, nextAlone, send, flags, lost, canWrite, isOwner, mayBeDirty };
}
