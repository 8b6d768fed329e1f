import { IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { isKnownTimeZone } from '../../src/language/time-zone.js';

describe('isKnownTimeZone: the same answer as luxon, without loading it', () => {
  // Canonical names, aliases only the Intl test knows, offsets, wrong case, junk.
  const names = ['UTC', 'Asia/Shanghai', 'America/New_York', 'Europe/London', 'US/Eastern', 'Asia/Calcutta', 'Etc/GMT+8', 'GMT',
    'asia/shanghai', 'Asia/Shanghia', 'Mars/Olympus', '', ' UTC', 'UTC ', '+08:00', 'Beijing', 'CST'];
  for (const name of names) {
    it(`"${name}"`, () => {
      expect(isKnownTimeZone(name)).toBe(IANAZone.isValidZone(name));
    });
  }

  it('knows the zones the reference playbooks use and refuses a misspelt one', () => {
    expect([isKnownTimeZone('Asia/Shanghai'), isKnownTimeZone('UTC'), isKnownTimeZone('Asia/Shanghia')]).toEqual([true, true, false]);
  });
});
