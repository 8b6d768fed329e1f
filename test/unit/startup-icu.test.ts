/**
 * `playbook check` answers two questions without loading ICU's number formatting (about 20 ms of
 * start-up, bench/RESULTS.md "Start-up"): the thousands in its size-limit message, and the minor
 * digits of the playbook's currency. Both answers must be exactly what ICU says.
 */
import { describe, expect, it } from 'vitest';
import { COMMON_MINOR_DIGITS, currencyMinorDigits } from '../../src/check/checker.js';
import { formatBytes, groupThousands } from '../../src/data/read-file.js';

describe('thousands written by hand', () => {
  it('groups digits in threes, as en-US does', () => {
    expect(groupThousands(0)).toBe('0');
    expect(groupThousands(999)).toBe('999');
    expect(groupThousands(1000)).toBe('1,000');
    expect(groupThousands(4_000_003)).toBe('4,000,003');
    expect(groupThousands(1_000_000)).toBe('1,000,000');
    expect(formatBytes(4_000_003)).toBe('4,000,003 bytes');
  });

  it('agrees with toLocaleString("en-US") for whole numbers of every length', () => {
    for (let digits = 1; digits <= 16; digits++) {
      for (const lead of [1, 5, 9]) {
        const n = Number(`${lead}${'07'.repeat(digits).slice(0, digits - 1)}`);
        expect(groupThousands(n)).toBe(n.toLocaleString('en-US'));
      }
    }
  });
});

describe('minor digits of common currencies', () => {
  it('the table holds what ICU answers for each currency in it', () => {
    for (const [code, digits] of COMMON_MINOR_DIGITS) {
      const icu = new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits;
      expect(digits, code).toBe(icu);
      expect(Intl.supportedValuesOf('currency'), code).toContain(code);
      expect(currencyMinorDigits(code), code).toBe(icu);
    }
  });

  it('the yen and the won have no minor unit, the dollar two; other currencies still ask ICU', () => {
    expect(currencyMinorDigits('JPY')).toBe(0);
    expect(currencyMinorDigits('KRW')).toBe(0);
    expect(currencyMinorDigits('USD')).toBe(2);
    expect(currencyMinorDigits('BHD')).toBe(3); // Bahraini dinar: three decimals (ISO 4217), not in the table
    expect(currencyMinorDigits('XXZ')).toBeNull();
    expect(currencyMinorDigits('usd')).toBeNull();
  });
});
