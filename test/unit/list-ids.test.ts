import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_LISTED, listFirst, listIds } from '../../src/runtime/context.js';

describe('listing ids in a message', () => {
  it('names the first five, then counts the rest', () => {
    expect(listIds(['D1', 'D2'])).toBe('D1, D2');
    expect(listIds(['D1', 'D2', 'D3', 'D4', 'D5', 'D6', 'D7'])).toBe('D1, D2, D3, D4, D5 and 2 more');
  });

  it('says the same from only the first few made and the count (a bonus over a million deals makes five texts)', () => {
    expect(listFirst(['D1', 'D2', 'D3', 'D4', 'D5'], 1_000_000)).toBe('D1, D2, D3, D4, D5 and 999995 more');
    fc.assert(
      fc.property(fc.array(fc.string(), { maxLength: 30 }), (ids) => {
        expect(listFirst(ids.slice(0, MAX_LISTED), ids.length)).toBe(listIds(ids));
      }),
    );
  });
});
