/**
 * The evaluation held in less memory (branch evalcols) must read exactly as before: a release's
 * words written when read give the same sentence every time, a copy keeps them, a settled release
 * reads through to its part, and the shared date texts are the texts `toISOString` gives.
 * Expected values are written out by hand from the definitions (release-record.ts, periods.ts).
 */
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/runtime/decimal.js';
import type { Release } from '../../src/runtime/nodes/stages.js';
import { dateText, monthOf } from '../../src/runtime/periods.js';
import { ReleaseRecord, SettledRecord, type ReleaseFields, withChanges } from '../../src/runtime/stages/release-record.js';

const fields: ReleaseFields = {
  rep: 'R1',
  repIndex: 0,
  component: 'orders commission',
  kind: 'commission',
  period: '2026',
  deal: 'D1',
  stage: 'booking',
  trigger: 'booking',
  amount: new Decimal('400.00'),
  earnedOn: Date.UTC(2026, 4, 3),
  triggeredOn: Date.UTC(2026, 4, 3),
  payableOn: Date.UTC(2026, 4, 4),
  held: null,
};

/** Counts how often the words are written, to show they are written on read, not kept. */
function countingWords(text: string) {
  const source = { calls: 0, text: () => (source.calls++, text) };
  return source;
}

describe('a release whose words are written when read', () => {
  it('reads the same sentence on every read, written each time (not kept)', () => {
    const words = countingWords('40% booking of deal D1: booked on 2026-05-03');
    const r = new ReleaseRecord(fields, words);
    expect(words.calls).toBe(0);
    expect(r.explain).toBe('40% booking of deal D1: booked on 2026-05-03');
    expect(r.explain).toBe('40% booking of deal D1: booked on 2026-05-03');
    expect(words.calls).toBe(2);
  });

  it('turns into the plain release in JSON: explain written out, the words not', () => {
    const r = new ReleaseRecord(fields, 'booked on 2026-05-03');
    const json = JSON.parse(JSON.stringify(r)) as Record<string, unknown>;
    expect(json.explain).toBe('booked on 2026-05-03');
    expect(json.amount).toBe('400');
    expect('words' in json).toBe(false);
    // A part with no `line` has none in JSON either (undefined fields are left out).
    expect('line' in json).toBe(false);
  });

  it('a copy with changes keeps the words unless it is given new ones', () => {
    const r = new ReleaseRecord(fields, 'the part');
    const cancelled = withChanges(r, { amount: new Decimal('150.00'), line: 'cancelled', cancelledOn: Date.UTC(2026, 5, 1), payableOn: null, held: 'cancelled: reversed' });
    expect([cancelled.amount.toString(), cancelled.line, cancelled.payableOn, cancelled.held, cancelled.explain, cancelled.deal]).toEqual(['150', 'cancelled', null, 'cancelled: reversed', 'the part', 'D1']);
    const clawback = withChanges(r, { line: 'clawback', explain: 'clawback of deal D1' });
    expect([clawback.explain, clawback.line, clawback.cancelledOn]).toEqual(['clawback of deal D1', 'clawback', undefined]);
    // The original is untouched.
    expect([r.amount.toString(), r.line, r.explain]).toEqual(['400', undefined, 'the part']);
  });

  it('a copy of a plain release (not a record) keeps its sentence', () => {
    const plain: Release = { ...fields, explain: 'a plain part' };
    expect(withChanges(plain, { amount: new Decimal(1) }).explain).toBe('a plain part');
  });

  it('a settled release reads every field through to its part, and adds its fate', () => {
    const part = new ReleaseRecord(fields, 'the part');
    const s = new SettledRecord(part, null, 'payable on 2026-05-04, after the end of the data (2026-05-03)');
    expect([s.rep, s.repIndex, s.component, s.kind, s.period, s.deal, s.stage, s.trigger, s.amount.toString(), s.earnedOn, s.triggeredOn, s.payableOn, s.held, s.explain, s.line, s.paidOn, s.reason]).toEqual([
      'R1', 0, 'orders commission', 'commission', '2026', 'D1', 'booking', 'booking', '400', Date.UTC(2026, 4, 3), Date.UTC(2026, 4, 3), Date.UTC(2026, 4, 4), null, 'the part', undefined, null, 'payable on 2026-05-04, after the end of the data (2026-05-03)',
    ]);
    const json = JSON.parse(JSON.stringify(s)) as Record<string, unknown>;
    expect([json.explain, json.paidOn, json.reason, json.rep]).toEqual(['the part', null, 'payable on 2026-05-04, after the end of the data (2026-05-03)', 'R1']);
  });
});

describe('date and month texts, written once per distinct value', () => {
  it('are the ISO texts, the same on the first and later reads, for midnights and times of day', () => {
    const values = [Date.UTC(2026, 0, 1), Date.UTC(2026, 11, 31), Date.UTC(2017, 2, 31, 23, 30), Date.UTC(1999, 11, 31, 23, 59, 59, 999)];
    const first = values.map(dateText);
    expect(first).toEqual(['2026-01-01', '2026-12-31', '2017-03-31', '1999-12-31']);
    expect(values.map(dateText)).toEqual(first);
    expect(values.map(monthOf)).toEqual(['2026-01', '2026-12', '2017-03', '1999-12']);
    expect(values.map(monthOf)).toEqual(['2026-01', '2026-12', '2017-03', '1999-12']);
  });

  it('still refuse a value that is not a date', () => {
    expect(() => dateText(Number.NaN)).toThrow(RangeError);
    expect(() => dateText(Number.NaN)).toThrow(RangeError);
  });
});
