import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/runtime/decimal.js';
import { marginal, retroactive } from '../../src/runtime/tiers.js';

const d = (x: string | number) => new Decimal(x);
// Bands from the language issue: 0–150k 4%, 150–250k 8%, above 250k 12%.
const bands = [
  { from: d(0), rate: d('0.04') },
  { from: d(150000), rate: d('0.08') },
  { from: d(250000), rate: d('0.12') },
];

describe('tier tables', () => {
  it('marginal on 220,000: 150,000 × 4% + 70,000 × 8% = 6,000 + 5,600 = 11,600', () => {
    expect(marginal(d(220000), bands).total.toString()).toBe('11600');
  });
  it('retroactive on 220,000: 220,000 × 8% = 17,600', () => {
    expect(retroactive(d(220000), bands).total.toString()).toBe('17600');
  });
  it('a lower bound is inclusive: exactly 150,000 is in the 8% band', () => {
    expect(retroactive(d(150000), bands).total.toString()).toBe('12000'); // 150,000 × 8%
    expect(marginal(d(150000), bands).total.toString()).toBe('6000'); // 150,000 × 4% (nothing yet inside the 8% band)
  });
  it('domain.md worked example: target 10M, booked 15M, 2% with the increment doubled → 400,000; tripled → 500,000', () => {
    const doubled = [{ from: d(0), rate: d('0.02') }, { from: d(10_000_000), rate: d('0.04') }];
    const tripled = [{ from: d(0), rate: d('0.02') }, { from: d(10_000_000), rate: d('0.06') }];
    expect(marginal(d(15_000_000), doubled).total.toString()).toBe('400000');
    expect(marginal(d(15_000_000), tripled).total.toString()).toBe('500000');
  });
  it('a negative total is clawed back at the first rate, never paid', () => {
    expect(marginal(d(-100), [{ from: d(0), rate: d('0.05') }]).total.toString()).toBe('-5');
    expect(retroactive(d(-100), [{ from: d(0), rate: d('0.05') }]).total.toString()).toBe('-5');
  });
  it('below a first band that starts above zero nothing is earned', () => {
    const threshold = [{ from: d(100000), rate: d('0.05') }];
    expect(marginal(d(90000), threshold).total.toString()).toBe('0');
    expect(retroactive(d(90000), threshold).total.toString()).toBe('0');
    expect(marginal(d(120000), threshold).total.toString()).toBe('1000'); // 20,000 × 5%
  });
});
