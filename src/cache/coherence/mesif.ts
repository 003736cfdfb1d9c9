/**
 * MESIF (Intel QPI; Hum & Goodman, US patent 6,922,756): MESI plus F, the one clean
 * shared copy that answers readers (the most recent reader takes F; the former F becomes
 * S). Here the F holder answers instead of the LLC, so shared reads become cache-to-cache
 * transfers. Same directory machinery as MESI; only the table differs.
 */
import { never, row, type CoherenceEvent, type Protocol, type Row } from './types.js';

type MesifState = 'I' | 'S' | 'E' | 'M' | 'F';

const table: Record<MesifState, Record<CoherenceEvent, Row<MesifState>>> = {
  I: {
    load: row('F', { nextAlone: 'E', send: 'GetS' }),
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
    fwdGetS: never('S'),
    fwdGetM: never('S'),
    inv: row('I', { lost: 'invalidation' }),
    backInv: row('I', { lost: 'eviction' }),
  },
  E: {
    load: row('E'),
    store: row('M'),
    evict: row('I', { lost: 'eviction' }),
    fwdGetS: row('S', { supply: true, lost: 'downgrade' }),
    fwdGetM: row('I', { supply: true, lost: 'invalidation' }),
    inv: never('E'),
    backInv: row('I', { lost: 'eviction' }),
  },
  M: {
    load: row('M'),
    store: row('M'),
    evict: row('I', { writeback: true, lost: 'eviction' }),
    fwdGetS: row('S', { supply: true, writeback: true, lost: 'downgrade' }),
    fwdGetM: row('I', { supply: true, lost: 'invalidation' }),
    inv: never('M'),
    backInv: row('I', { writeback: true, lost: 'eviction' }),
  },
  F: {
    load: row('F'),
    store: row('M', { send: 'Upgrade' }),
    evict: row('I', { lost: 'eviction' }),
    fwdGetS: row('S', { supply: true }), // hands the F role to the reader; still a valid copy
    fwdGetM: row('I', { supply: true, lost: 'invalidation' }),
    inv: row('I', { lost: 'invalidation' }),
    backInv: row('I', { lost: 'eviction' }),
  },
};

export const MESIF: Protocol = {
  name: 'mesif',
  description: 'MESIF: MESI plus F (the one clean shared copy that answers readers, cache-to-cache)',
  states: ['I', 'S', 'E', 'M', 'F'],
  table,
};
