/**
 * Every registered protocol table is complete and legal: a row for every (state, event)
 * of its states, each satisfying tableProblems' rules, and it compiles into arrays that
 * say the same as the table.
 */
import { describe, expect, it } from 'vitest';
import {
  cell,
  compileProtocol,
  EVENT_COUNT,
  FLAG_SUPPLY,
  FLAG_UNREACHABLE,
  FLAG_WRITEBACK,
  St,
  tableProblems,
} from '../../src/cache/coherence/compile.js';
import { protocols } from '../../src/cache/coherence/index.js';
import { COHERENCE_EVENTS, LINE_STATES, PROTOCOL_NAMES } from '../../src/cache/coherence/types.js';

describe.each(PROTOCOL_NAMES)('protocol %s', (name) => {
  const p = protocols[name];

  it('has a row for every state × event of its states, and none for other states', () => {
    for (const s of LINE_STATES) {
      const rows = p.table[s];
      if (!p.states.includes(s)) {
        expect(rows, `${s} is not a state of ${name}`).toBeUndefined();
        continue;
      }
      for (const e of COHERENCE_EVENTS) expect(rows?.[e], `${s} × ${e}`).toBeDefined();
    }
    expect(p.states.length * COHERENCE_EVENTS.length).toBe(
      Object.values(p.table).reduce((n, r) => n + Object.keys(r).length, 0),
    );
  });

  it('every row is legal', () => {
    expect(tableProblems(p)).toEqual([]);
  });

  it('compiles into arrays that agree with the table', () => {
    const c = compileProtocol(p);
    expect(c.next.length).toBe(LINE_STATES.length * EVENT_COUNT);
    for (const s of p.states) {
      COHERENCE_EVENTS.forEach((e, ei) => {
        const row = p.table[s]?.[e];
        const k = cell(St[s], ei);
        expect(LINE_STATES[c.next[k] as number], `${s} × ${e}`).toBe(row?.next);
        expect(((c.flags[k] as number) & FLAG_SUPPLY) !== 0).toBe(row?.supply);
        expect(((c.flags[k] as number) & FLAG_WRITEBACK) !== 0).toBe(row?.writeback);
        expect(((c.flags[k] as number) & FLAG_UNREACHABLE) !== 0).toBe(row?.unreachable === true);
      });
    }
    // Write permission without asking: exactly E and M; owners answer forwards.
    expect(LINE_STATES.filter((s) => c.canWrite[St[s]] === 1)).toEqual(['E', 'M']);
    const owners = { mesi: ['E', 'M'], moesi: ['E', 'M', 'O'], mesif: ['E', 'M', 'F'] }[name];
    expect(LINE_STATES.filter((s) => c.isOwner[St[s]] === 1)).toEqual(owners);
    expect(LINE_STATES.filter((s) => c.mayBeDirty[St[s]] === 1)).toEqual(
      name === 'moesi' ? ['M', 'O'] : ['M'],
    );
  });
});
