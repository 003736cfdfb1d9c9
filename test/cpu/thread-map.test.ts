/** Trace threads map to hardware threads round-robin over cores, or as --thread-map says. */
import { describe, expect, it } from 'vitest';
import { parseThreadMap, roundRobin } from '../../src/cpu/thread-map.js';

describe('round-robin', () => {
  it('spreads threads over cores first, then over SMT slots', () => {
    const m = roundRobin(3, 2);
    // hw = core × 2 + slot: tids 0,1,2 → cores 0,1,2 slot 0; tids 3,4,5 → slot 1.
    expect([0, 1, 2, 3, 4, 5].map((t) => m.hwOf(t))).toEqual([0, 2, 4, 1, 3, 5]);
    expect(m.description).toBe('round-robin');
  });

  it('rejects a thread beyond the hardware threads, saying how many there are', () => {
    expect(() => roundRobin(2, 1).hwOf(2)).toThrow(
      /trace thread 2 does not fit the machine: 2 core\(s\) × 1 thread\(s\) per core = 2 hardware thread\(s\)/,
    );
    expect(() => roundRobin(2, 2).hwOf(4)).toThrow(/no OS scheduler/);
  });

  it('advises only the changes that exist and would place the thread', () => {
    // SMT already on: more cores, or an explicit map (thread ids may be sparse).
    expect(() => roundRobin(2, 2).hwOf(5)).toThrow(
      /give --cores 3, or a --thread-map that places the trace threads explicitly\)$/,
    );
    // SMT off and enough cores for two slots: SMT is the first way.
    expect(() => roundRobin(4, 1).hwOf(6)).toThrow(
      /give --threads-per-core 2, or --cores 7, or a --thread-map/,
    );
    // No machine runs round-robin trace thread 128 (64 cores × 2): only a map can place it.
    expect(() => roundRobin(64, 2).hwOf(128)).toThrow(
      /give a --thread-map that places the trace threads explicitly\)$/,
    );
  });
});

describe('--thread-map', () => {
  it('pairs trace threads with hardware threads', () => {
    const m = parseThreadMap('0:3, 1:0,7:1', 2, 2);
    expect([m.hwOf(0), m.hwOf(1), m.hwOf(7)]).toEqual([3, 0, 1]);
    expect(m.description).toBe('0:3,1:0,7:1');
    expect(() => m.hwOf(2)).toThrow(/trace thread 2 is not in --thread-map \(0:3,1:0,7:1\)/);
  });

  it('rejects maps that do not fit', () => {
    expect(() => parseThreadMap('0:4', 2, 2)).toThrow(
      /hardware thread 4 does not exist \(2 core\(s\) × 2 thread\(s\) per core = 4 hardware thread\(s\), numbered 0..3\)/,
    );
    expect(() => parseThreadMap('0:1', 1, 1)).toThrow(/hardware thread 1 does not exist/);
    expect(() => parseThreadMap('0:0,1:0', 2, 1)).toThrow(
      /trace threads 0 and 1 both map to hardware thread 0/,
    );
    expect(() => parseThreadMap('0:0,0:1', 2, 1)).toThrow(/trace thread 0 is mapped twice/);
    expect(() => parseThreadMap('0=1', 2, 1)).toThrow(/expected tid:hwthread pairs/);
  });
});
