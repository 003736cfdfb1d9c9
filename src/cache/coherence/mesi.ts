/**
 * MESI with a directory at the inclusive LLC (the textbook protocol, e.g. Sorin, Hill &
 * Wood, "A Primer on Memory Consistency and Cache Coherence", ch. 8). A clean line with no
 * other holder is granted in E, so a later store upgrades silently (E → M). The E or M
 * owner answers forwarded requests; shared clean data comes from the LLC. An M owner that
 * is read by another core writes its data back and keeps an S copy.
 */
import { never, row, type CoherenceEvent, type Protocol, type Row } from './types.js';

type MesiState = 'I' | 'S' | 'E' | 'M';

const table: Record<MesiState, Record<CoherenceEvent, Row<MesiState>>> = {
  I: {
    load: row('S', { nextAlone: 'E', send: 'GetS' }),
    store: row('M', { send: 'GetM' }),
    evict: never('I'),
    fwdGetS: never('I'),
    fwdGetM: never('I'),
    inv: never('I'),
    backInv: never('I'),
  },
  S: {
    load: row('S'),
    store: row('M', { send: 'Upgrade' }),
    evict: row('I', { lost: 'eviction' }),
    fwdGetS: never('S'), // sharers never answer: the LLC has the clean data
    fwdGetM: never('S'), // a write miss invalidates sharers (inv) instead
    inv: row('I', { lost: 'invalidation' }),
    backInv: row('I', { lost: 'eviction' }),
  },
  E: {
    load: row('E'),
    store: row('M'), // silent upgrade: no message
    evict: row('I', { lost: 'eviction' }),
    fwdGetS: row('S', { supply: true, lost: 'downgrade' }),
    fwdGetM: row('I', { supply: true, lost: 'invalidation' }),
    inv: never('E'), // no other core can hold the line, so nobody upgrades
    backInv: row('I', { lost: 'eviction' }),
  },
  M: {
    load: row('M'),
    store: row('M'),
    evict: row('I', { writeback: true, lost: 'eviction' }),
    fwdGetS: row('S', { supply: true, writeback: true, lost: 'downgrade' }),
    fwdGetM: row('I', { supply: true, lost: 'invalidation' }), // the dirty data moves to the requester
    inv: never('M'),
    backInv: row('I', { writeback: true, lost: 'eviction' }),
  },
};

export const MESI: Protocol = {
  name: 'mesi',
  description: 'MESI, directory at the inclusive LLC; E/M owners forward, the LLC serves shared data',
  states: ['I', 'S', 'E', 'M'],
  table,
};
