/**
 * MOESI (as in AMD's processors; Sweazey & Smith, ISCA 1986): MESI plus O, a dirty line
 * that is shared. An M owner read by another core keeps its dirty data as O instead of
 * writing it back, and answers later readers itself; the data reaches the LLC only when
 * the O copy is evicted. Same directory machinery as MESI; only the table differs.
 */
import { never, row, type CoherenceEvent, type Protocol, type Row } from './types.js';

type MoesiState = 'I' | 'S' | 'E' | 'M' | 'O';

const table: Record<MoesiState, Record<CoherenceEvent, Row<MoesiState>>> = {
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
    fwdGetS: row('O', { supply: true, lost: 'downgrade' }), // keeps the dirty data, now shared
    fwdGetM: row('I', { supply: true, lost: 'invalidation' }),
    inv: never('M'),
    backInv: row('I', { writeback: true, lost: 'eviction' }),
  },
  O: {
    load: row('O'),
    store: row('M', { send: 'Upgrade' }),
    evict: row('I', { writeback: true, lost: 'eviction' }),
    fwdGetS: row('O', { supply: true }),
    fwdGetM: row('I', { supply: true, lost: 'invalidation' }),
    inv: row('I', { lost: 'invalidation' }), // a sharer upgrades: it holds the same data and takes ownership
    backInv: row('I', { writeback: true, lost: 'eviction' }),
  },
};

export const MOESI: Protocol = {
  name: 'moesi',
  description: 'MOESI: MESI plus O (dirty shared); an M owner read by others keeps its data as O',
  states: ['I', 'S', 'E', 'M', 'O'],
  table,
};
