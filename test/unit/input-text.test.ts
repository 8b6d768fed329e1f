/** The Input section's line per table: counts in words, "row" for one. */
import { describe, expect, it } from 'vitest';
import { inputText } from '../../src/simulate/input-text.js';

describe('inputText', () => {
  it('says "1 row read" for one row and "rows" otherwise', () => {
    expect(inputText({ table: 'reps', file: 'reps.csv', read: 1, used: 1, rejected: 0 })).toBe('  reps (reps.csv): 1 row read, 1 used, 0 rejected');
    expect(inputText({ table: 'deals', file: 'deals.csv', read: 20, used: 19, rejected: 1 })).toBe('  deals (deals.csv): 20 rows read, 19 used, 1 rejected');
  });
});
