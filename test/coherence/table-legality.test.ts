/** The legality rules reject broken tables, naming the cell and the rule. */
import { describe, expect, it } from 'vitest';
import { compileProtocol, tableProblems } from '../../src/cache/coherence/compile.js';
import { MESI } from '../../src/cache/coherence/mesi.js';
import {
  row,
  type CoherenceEvent,
  type LineState,
  type Protocol,
  type Row,
} from '../../src/cache/coherence/types.js';

/** MESI with one cell replaced (or removed, with undefined). */
function mesiWith(state: LineState, event: CoherenceEvent, r: Row | undefined): Protocol {
  const rows = { ...MESI.table[state] } as Record<CoherenceEvent, Row | undefined>;
  rows[event] = r;
  return { ...MESI, table: { ...MESI.table, [state]: rows as Record<CoherenceEvent, Row> } };
}

describe('tableProblems', () => {
  it('reports a missing row', () => {
    expect(tableProblems(mesiWith('S', 'inv', undefined))).toContain('mesi S × inv: missing row');
  });

  it('rejects an M eviction that drops dirty data', () => {
    const bad = mesiWith('M', 'evict', row('I', { lost: 'eviction' }));
    expect(tableProblems(bad).join('\n')).toMatch(
      /M × evict: an eviction writes back exactly the dirty states/,
    );
    expect(() => compileProtocol(bad)).toThrow(/illegal protocol table mesi/);
  });

  it('rejects a read forward that leaves the owner able to write', () => {
    const bad = mesiWith('M', 'fwdGetS', row('E', { supply: true, writeback: true, lost: 'downgrade' }));
    expect(tableProblems(bad).join('\n')).toMatch(
      /M × fwdGetS: a read forward is answered and leaves no write permission/,
    );
  });

  it('rejects a store in S that skips the upgrade (S would be a second writer)', () => {
    // A silent store makes S a writable state, which must then answer forwards and never be invalidated.
    expect(tableProblems(mesiWith('S', 'store', row('M')))).toEqual([
      'mesi S × inv: invalidations go to every holder without write permission',
      'mesi S × fwdGetS: a state with write permission must answer forwards',
    ]);
  });

  it('rejects an invalidation sent to an exclusive owner', () => {
    expect(tableProblems(mesiWith('E', 'inv', row('I', { lost: 'invalidation' }))).join('\n')).toMatch(
      /E × inv: invalidations go to every holder without write permission/,
    );
  });

  it('rejects a lone reader granted S instead of a writable state', () => {
    expect(tableProblems(mesiWith('I', 'load', row('S', { send: 'GetS' }))).join('\n')).toMatch(/I × load/);
  });
});
