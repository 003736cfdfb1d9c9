/** Numbers in messages: a count takes the singular for one only; a CRC has eight hex digits. */
import { describe, expect, it } from 'vitest';
import { counted, hex32 } from '../../src/util/format.js';

describe('message numbers', () => {
  it('counts agree with their number', () => {
    expect([0, 1, 2, 1024].map((n) => counted(n, 'event'))).toEqual([
      '0 events',
      '1 event',
      '2 events',
      '1024 events',
    ]);
    expect(counted(1n, 'chunk')).toBe('1 chunk');
    expect(counted(2n ** 63n, 'event')).toBe('9223372036854775808 events');
  });

  it('hex32 pads to eight digits', () => {
    expect([hex32(0xbeef), hex32(0xffffffff)]).toEqual(['0x0000beef', '0xffffffff']);
  });
});
