/**
 * `dayText` (src/simulate/day-text.ts) keeps one text per day for the long reports: it must give
 * exactly the `YYYY-MM-DD` of the UTC day, on first use and from its cache, for midnights and
 * for any other instant, before 1970 and after the days it keeps.
 */
import { describe, expect, it } from 'vitest';
import { dayText } from '../../src/simulate/day-text.js';

describe('dayText', () => {
  it('gives the UTC day of each value, the first time and again from the cache (values worked by hand)', () => {
    const cases: [number, string][] = [
      [Date.UTC(2017, 0, 1), '2017-01-01'],
      [Date.UTC(2017, 1, 28), '2017-02-28'],
      [Date.UTC(2016, 1, 29), '2016-02-29'],
      [Date.UTC(2017, 11, 31, 23, 59, 59, 999), '2017-12-31'], // not a midnight: not cached, still its day
      [0, '1970-01-01'],
      [-1, '1969-12-31'], // before 1970: written without the cache
      [Date.UTC(1969, 6, 20), '1969-07-20'],
      [Date.UTC(2150, 0, 1), '2150-01-01'], // past the days kept
    ];
    for (let round = 0; round < 2; round++) for (const [value, text] of cases) expect(dayText(value)).toBe(text);
  });

  it('agrees with toISOString for every day of 2016–2019 and the hours around them', () => {
    for (let d = Date.UTC(2016, 0, 1); d < Date.UTC(2020, 0, 1); d += 86_400_000) {
      for (const value of [d, d + 1, d + 86_399_999]) expect(dayText(value)).toBe(new Date(value).toISOString().slice(0, 10));
    }
  });

  it('throws as dateText does for a value that is no date', () => {
    expect(() => dayText(Number.NaN)).toThrow(RangeError);
  });
});
