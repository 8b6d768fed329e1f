import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { compileDateReader, DateFormatError, toLuxonFormat } from '../../src/data/dates.js';
import { INVALID } from '../../src/data/sentinels.js';

const utc = (y: number, m: number, d: number, h = 0, mi = 0, s = 0, ms = 0) => Date.UTC(y, m - 1, d, h, mi, s, ms);

describe('ISO dates (no format)', () => {
  const date = compileDateReader('date', undefined, 'UTC');
  const ts = compileDateReader('timestamp', undefined, 'America/New_York');
  const dateNY = compileDateReader('date', undefined, 'America/New_York');

  it('reads a calendar date as local midnight', () => {
    expect(date.parse('2017-03-01')).toBe(utc(2017, 3, 1));
    expect(date.expected).toBe('a date in the form YYYY-MM-DD');
  });
  it('rejects a day that does not exist', () => {
    expect(date.parse('2017-02-30')).toBe(INVALID);
    expect(date.parse('2017-02-29')).toBe(INVALID);
    expect(date.parse('2016-02-29')).toBe(utc(2016, 2, 29));
    expect(date.parse('2017-13-01')).toBe(INVALID);
    expect(date.parse('2017-04-31')).toBe(INVALID);
  });
  it('converts a timestamp with an offset into the zone (UTC 02:00 is New York 22:00 the day before)', () => {
    expect(ts.parse('2017-04-01T02:00:00Z')).toBe(utc(2017, 3, 31, 22, 0, 0));
    expect(dateNY.parse('2017-04-01T02:00:00Z')).toBe(utc(2017, 3, 31));
    expect(ts.parse('2017-04-01T10:00:00+08:00')).toBe(utc(2017, 3, 31, 22, 0, 0));
    expect(ts.parse('2017-04-01T10:00+0800')).toBe(utc(2017, 3, 31, 22, 0, 0));
  });
  it('keeps a timestamp without offset as written (23:30 stays on March 31)', () => {
    expect(ts.parse('2017-03-31T23:30')).toBe(utc(2017, 3, 31, 23, 30));
    expect(dateNY.parse('2017-03-31T23:30')).toBe(utc(2017, 3, 31));
    expect(ts.parse('2017-03-31 23:30:15.250')).toBe(utc(2017, 3, 31, 23, 30, 15, 250));
  });
  it('uses the zone offset of the instant (winter vs summer time)', () => {
    expect(ts.parse('2017-01-15T12:00:00Z')).toBe(utc(2017, 1, 15, 7)); // EST, UTC-5
    expect(ts.parse('2017-07-15T12:00:00Z')).toBe(utc(2017, 7, 15, 8)); // EDT, UTC-4
  });
  it('Asia/Shanghai', () => {
    const sh = compileDateReader('timestamp', undefined, 'Asia/Shanghai');
    expect(sh.parse('2017-03-31T20:00:00Z')).toBe(utc(2017, 4, 1, 4));
  });
  it('falls back to luxon for other ISO shapes but not a bare year or month', () => {
    expect(date.parse('2017-W13-5')).toBe(utc(2017, 3, 31));
    expect(date.parse('2017-090')).toBe(utc(2017, 3, 31));
    expect(date.parse('2017')).toBe(INVALID);
    expect(date.parse('2017-03')).toBe(INVALID);
    expect(date.parse('20170331')).toBe(utc(2017, 3, 31));
    expect(ts.parse('20170331T120000Z')).toBe(utc(2017, 3, 31, 8));
    for (const timeOnly of ['12:30', 'T12:30', '12:30:00', '1230', 'T1230']) expect(ts.parse(timeOnly)).toBe(INVALID);
  });
  it('rejects non-dates', () => {
    expect(ts.parse('2017-12-31T24:00:00Z')).toBe(utc(2017, 12, 31, 19));
    for (const t of ['N/A', '31/03/2017', '2017-3-31', '2017-03-31T25:00', '2017-03-31T24:00:01', '2017-03-31T23:60', 'yesterday']) {
      expect(date.parse(t)).toBe(INVALID);
    }
  });
  it('agrees with luxon fromISO for timestamps with an offset (property)', () => {
    const zones = ['America/New_York', 'Asia/Shanghai', 'Europe/Berlin', 'Australia/Lord_Howe', 'UTC'];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2030, 0, 1) }),
        fc.integer({ min: -48, max: 56 }),
        (zone, instant, quarterHours) => {
          const offset = quarterHours * 15;
          const text = DateTime.fromMillis(instant, { zone: 'UTC' }).setZone(offset === 0 ? 'UTC' : `UTC${offset > 0 ? '+' : '-'}${Math.floor(Math.abs(offset) / 60)}:${String(Math.abs(offset) % 60).padStart(2, '0')}`).toISO()!;
          const lux = DateTime.fromISO(text, { zone });
          expect(compileDateReader('timestamp', undefined, zone).parse(text)).toBe(lux.toMillis() + lux.offset * 60_000);
        },
      ),
      { numRuns: 1000 },
    );
  });
  it('ISO keyword means the same as no format', () => {
    expect(compileDateReader('date', 'ISO', 'UTC').parse('2017-02-28')).toBe(utc(2017, 2, 28));
  });
});

describe('analyst formats', () => {
  it('DD/MM/YYYY', () => {
    const r = compileDateReader('date', 'DD/MM/YYYY', 'UTC');
    expect(r.parse('31/03/2017')).toBe(utc(2017, 3, 31));
    expect(r.parse('30/02/2017')).toBe(INVALID);
    expect(r.parse('3/3/2017')).toBe(INVALID);
    expect(r.expected).toBe('a date in the form DD/MM/YYYY');
  });
  it('M/D/YYYY accepts one or two digits', () => {
    const r = compileDateReader('date', 'M/D/YYYY', 'UTC');
    expect(r.parse('3/1/2017')).toBe(utc(2017, 3, 1));
    expect(r.parse('12/31/2017')).toBe(utc(2017, 12, 31));
  });
  it('MM/DD/YYYY HH:mm as a timestamp and as a date', () => {
    const ts = compileDateReader('timestamp', 'MM/DD/YYYY HH:mm', 'America/New_York');
    expect(ts.parse('03/31/2017 23:30')).toBe(utc(2017, 3, 31, 23, 30));
    expect(ts.parse('03/31/2017 24:00')).toBe(utc(2017, 4, 1, 0, 0)); // end of day = next midnight
    expect(ts.parse('03/31/2017 24:01')).toBe(INVALID);
    expect(ts.expected).toBe('a date and time in the form MM/DD/YYYY HH:mm');
    const d = compileDateReader('date', 'MM/DD/YYYY HH:mm', 'UTC');
    expect(d.parse('03/31/2017 23:30')).toBe(utc(2017, 3, 31));
  });
  it('YYYY-MM-DDTHH:mm:ss with a literal T; dots are literal', () => {
    expect(compileDateReader('timestamp', 'YYYY-MM-DDTHH:mm:ss', 'UTC').parse('2017-03-31T01:02:03')).toBe(utc(2017, 3, 31, 1, 2, 3));
    const dots = compileDateReader('date', 'DD.MM.YYYY', 'UTC');
    expect(dots.parse('31.03.2017')).toBe(utc(2017, 3, 31));
    expect(dots.parse('31x03x2017')).toBe(INVALID);
  });
  it('rejects unusable formats', () => {
    expect(() => compileDateReader('date', 'DD/MM/YYY', 'UTC')).toThrow(DateFormatError);
    expect(() => compileDateReader('date', 'DD/MM/YYY', 'UTC')).toThrow('uses "YYY", which is not supported');
    expect(() => compileDateReader('date', 'MM/YYYY', 'UTC')).toThrow('must contain a year (YYYY or YY), a month (MM or M) and a day (DD or D)');
    expect(() => compileDateReader('date', 'DD/MM/YYYY/DD', 'UTC')).toThrow('has DD twice');
  });
  it('translates to luxon tokens', () => {
    expect(toLuxonFormat('DD/MM/YYYY HH:mm')).toBe('dd/MM/yyyy HH:mm');
    expect(toLuxonFormat('D.M.YYYY')).toBe('d.M.yyyy');
    expect(toLuxonFormat('YYYY-MM-DDTHH:mm:ss')).toBe("yyyy-MM-dd'T'HH:mm:ss");
  });

  it('agrees with luxon fromFormat on the translated format (property)', () => {
    const formats = ['YYYY-MM-DD', 'DD/MM/YYYY', 'M/D/YYYY', 'MM/DD/YYYY HH:mm', 'YYYY-MM-DDTHH:mm:ss', 'D.M.YYYY HH:mm:ss', 'YYYYMMDD'];
    const digits = (min: number, max: number) => fc.integer({ min, max }).map(String);
    const cell = fc.record({
      y: digits(1000, 2999),
      mo: fc.oneof(digits(0, 13), digits(0, 13).map((s) => s.padStart(2, '0'))),
      d: fc.oneof(digits(0, 32), digits(0, 32).map((s) => s.padStart(2, '0'))),
      h: digits(0, 25).map((s) => s.padStart(2, '0')),
      mi: digits(0, 61).map((s) => s.padStart(2, '0')),
      s: digits(0, 61).map((s) => s.padStart(2, '0')),
    });
    fc.assert(
      fc.property(fc.constantFrom(...formats), cell, (format, c) => {
        const text = format
          .replace('YYYY', c.y)
          .replace(/MM|M/, c.mo)
          .replace(/DD|D/, c.d)
          .replace('HH', c.h)
          .replace('mm', c.mi)
          .replace('ss', c.s);
        const mine = compileDateReader('timestamp', format, 'UTC').parse(text);
        const lux = DateTime.fromFormat(text, toLuxonFormat(format), { zone: 'UTC' });
        if (lux.isValid) expect(mine).toBe(lux.toMillis());
        else expect(mine).toBe(INVALID);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('why a date in the right form is refused (the hint after the message)', () => {
  it('names a day the calendar does not have, and a month past December', () => {
    const iso = compileDateReader('date', undefined, 'UTC');
    expect(iso.hint!('2017-02-30')).toBe('there is no such day: February 2017 has 28 days');
    expect(iso.hint!('2024-02-30')).toBe('there is no such day: February 2024 has 29 days');
    expect(iso.hint!('2017-13-01')).toBe('there is no month 13: check the order of day and month, or a slip in the date');
    expect(iso.hint!('March 1')).toBeUndefined();
    const dmy = compileDateReader('date', 'DD/MM/YYYY', 'UTC');
    expect(dmy.parse('31/04/2017')).toBe(INVALID);
    expect(dmy.hint!('31/04/2017')).toBe('there is no such day: April 2017 has 30 days');
  });
  it('suggests the format with one-digit day and month for 1/3/2017 under DD/MM/YYYY', () => {
    const dmy = compileDateReader('date', 'DD/MM/YYYY', 'UTC');
    expect(dmy.parse('1/3/2017')).toBe(INVALID);
    expect(dmy.hint!('1/3/2017')).toBe('the day or month is written with one digit; declare the format "D/M/YYYY", which reads 1/3/2017 and 01/03/2017 alike');
    // Excel's date and time: an hour of one digit.
    const excel = compileDateReader('timestamp', 'M/D/YYYY HH:mm', 'UTC');
    expect(excel.hint!('3/1/2017 0:00')).toBe('the hour is written with one digit; declare the format "M/D/YYYY H:mm", which reads 1/3/2017 0:00 and 01/03/2017 00:00 alike');
    const h = compileDateReader('timestamp', 'M/D/YYYY H:mm', 'UTC');
    // By hand: 1 March 2017, 00:00 UTC = 1,488,326,400,000 ms; 14:05 = + 50,700,000.
    expect([h.parse('3/1/2017 0:00'), h.parse('3/1/2017 14:05'), h.parse('03/01/2017 00:00')]).toEqual([1488326400000, 1488377100000, 1488326400000]);
    // The suggested format reads both spellings as the same day.
    const loose = compileDateReader('date', 'D/M/YYYY', 'UTC');
    expect([loose.parse('1/3/2017'), loose.parse('01/03/2017')]).toEqual([utc(2017, 3, 1), utc(2017, 3, 1)]);
  });
  it('still points at the order of day and month when the other order reads the text', () => {
    const mdy = compileDateReader('date', 'MM/DD/YYYY', 'UTC');
    expect(mdy.hint!('13/05/2017')).toBe('read as DD/MM/YYYY it would be a date: check which order this column writes day and month in');
  });
});
