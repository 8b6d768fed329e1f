/**
 * `compare` of the Maven reference playbook (marginal, accelerator from 300,000) with
 * its variant (retroactive, accelerator from 250,000) over the real Maven CRM export,
 * checked rep by rep against the two independent BigInt recomputes in test/reference.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/runtime/decimal.js';
import { compare } from '../../src/simulate/compare/compare.js';
import { compilePlaybookFile } from '../../src/simulate/load-playbook.js';
import { recomputeMaven2017 } from '../reference/maven-2017-recompute.js';
import { recomputeMavenVariant, toCents } from '../reference/maven-2017-variant-recompute.js';

const DATA = '../shared/data/maven-crm';
const A = 'playbooks/maven-crm-2017.playbook';
const B = 'playbooks/maven-crm-2017-retroactive.playbook';

/** Decimal money → integer cents, refusing anything finer than a cent. */
const cents = (d: Decimal): bigint => {
  const x = d.mul(100);
  if (!x.isInteger()) throw new Error(`${d} is not whole cents`);
  return BigInt(x.toFixed(0));
};

/** The p = k/4 quantile of ascending cents, ×4 (exact): position (n − 1) × k/4, linear between neighbours. */
function quartileTimes4(sorted: bigint[], k: number): bigint {
  const h4 = (sorted.length - 1) * k;
  const lo = Math.floor(h4 / 4);
  const frac = BigInt(h4 % 4);
  const next = sorted[Math.min(lo + 1, sorted.length - 1)];
  return 4n * sorted[lo] + frac * (next - sorted[lo]);
}

describe.skipIf(!existsSync(DATA))('compare: Maven 2017 marginal vs retroactive from 250,000', () => {
  const ga = compilePlaybookFile(A).graph!;
  const gb = compilePlaybookFile(B).graph!;
  const c = compare({ graph: ga, file: A }, { graph: gb, file: B }, DATA, { threshold: { kind: 'percent', ratio: new Decimal('0.05') } });
  const ea = recomputeMaven2017(DATA);
  const eb = recomputeMavenVariant(DATA);

  it('finds exactly the two rule changes, in the playbook’s words', () => {
    expect(c.changes.map((x) => `${x.rule}: ${x.what}`)).toEqual([
      'commission "commission": retroactive instead of marginal (the whole amount is paid at the rate of the highest band reached)',
      'commission "commission": the band paying 2 × base starts at 250,000 (was 300,000)',
    ]);
    expect(c.changes.every((x) => x.components !== 'credit' && x.components.includes('accelerator'))).toBe(true);
  });

  it('pays every rep what the independent recomputes of both schemes pay, to the cent', () => {
    expect(c.reps.map((r) => r.rep)).toEqual(ea.reps.map((r) => r.rep));
    c.reps.forEach((r, i) => {
      expect(cents(r.a.payout), r.rep).toBe(toCents(ea.reps[i].payout));
      expect(cents(r.b.payout), r.rep).toBe(toCents(eb.reps[i].payout));
      expect(cents(r.difference), r.rep).toBe(toCents(eb.reps[i].payout) - toCents(ea.reps[i].payout));
      expect(cents(r.a.credited)).toBe(toCents(ea.reps[i].credited));
      expect(cents(r.b.credited)).toBe(toCents(eb.reps[i].credited));
    });
    expect(cents(c.totals.a.total)).toBe(toCents(ea.totals.payout));
    expect(cents(c.totals.b.total)).toBe(toCents(eb.totals.payout));
  });

  it('attributes each rep’s difference to components, adding up exactly, and the accelerator part is the recomputed one', () => {
    let moved = 0;
    c.reps.forEach((r, i) => {
      const parts = r.attribution.reduce((s, p) => s + cents(p.amount), 0n);
      expect(parts, r.rep).toBe(cents(r.difference));
      // Net accelerator (what is left after the must-win forfeit) under B minus under A.
      const net = (x: { accelerator: string; mustWinLost: boolean }) => (x.mustWinLost ? 0n : toCents(x.accelerator));
      const acc = r.attribution.find((p) => p.component === 'accelerator');
      expect(acc ? cents(acc.amount) : 0n, r.rep).toBe(net(eb.reps[i]) - net(ea.reps[i]));
      expect(r.attribution.every((p) => p.component === 'accelerator'), r.rep).toBe(true);
      if (!r.difference.isZero()) moved++;
    });
    expect(moved).toBeGreaterThan(0);
  });

  it('sorts reps into winners and unchanged by the 5% threshold', () => {
    c.reps.forEach((r, i) => {
      const pa = toCents(ea.reps[i].payout);
      const d = toCents(eb.reps[i].payout) - pa;
      const expected = d === 0n ? 'unchanged' : (pa === 0n || 100n * (d < 0n ? -d : d) >= 5n * pa) ? (d > 0n ? 'winner' : 'loser') : 'unchanged';
      expect(r.verdict, r.rep).toBe(expected);
    });
  });

  it('computes the distribution exactly: quartiles, median and the top 10% share', () => {
    for (const [d, e] of [[c.totals.a, ea], [c.totals.b, eb]] as const) {
      const sorted = e.reps.map((r) => toCents(r.payout)).sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
      expect(cents(d.q1.mul(4))).toBe(quartileTimes4(sorted, 1));
      expect(cents(d.median.mul(4))).toBe(quartileTimes4(sorted, 2));
      expect(cents(d.q3.mul(4))).toBe(quartileTimes4(sorted, 3));
      const top = sorted.slice(-4).reduce((s, x) => s + x, 0n);
      const total = sorted.reduce((s, x) => s + x, 0n);
      expect(d.topCount).toBe(4);
      expect(d.topShare!.mul(total.toString()).minus(top.toString()).abs().lt('1e-20')).toBe(true);
    }
  });

  it('lists the must-win forfeits that differ (same net pay, more forfeited under B) and no deal whose fate differs', () => {
    // Only the accelerator's forfeit can differ: the strategic bonus is the same under both plans.
    const expected = ea.reps
      .map((r, i) => ({ rep: r.rep, component: 'accelerator', a: toCents(r.accelerator), b: toCents(eb.reps[i].accelerator), lost: r.mustWinLost }))
      .filter((x) => x.lost && x.a !== x.b)
      .map(({ lost: _, ...x }) => x);
    expect(expected.length).toBeGreaterThan(0);
    expect(c.forfeits.map((f) => ({ rep: f.rep, component: f.component, a: f.a ? cents(f.a.amount) : 0n, b: f.b ? cents(f.b.amount) : 0n }))).toEqual(expected);
    expect(c.deals).toEqual([]);
    expect(c.redlines).toEqual([]);
  });
});
