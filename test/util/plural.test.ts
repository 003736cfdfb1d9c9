/** Counts in messages take the singular for one, the plural otherwise, with digit grouping. */
import { describe, expect, it } from 'vitest';
import { counted } from '../../src/util/plural.js';

describe('counted', () => {
  it('agrees with its number', () => {
    expect([0, 1, 2, 1024].map((n) => counted(n, 'event'))).toEqual([
      '0 events',
      '1 event',
      '2 events',
      '1,024 events',
    ]);
  });
});
