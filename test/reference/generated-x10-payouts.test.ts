/**
 * The key-account playbook over a generated history ten times the bundled example (about 4,500
 * deals and 45,000 activities; issue 10): the engine, which now reads its tables from columns,
 * against an independent recompute from the CSV files for every rep — credited amount, the
 * orders commission (2% of credit), the over-target reward (the marginal 4% and 6% steps above
 * the floor and challenge targets, less the base 2%) and the margin share bonus — by the rules as
 * playbooks/key-account.playbook states them (domain.md §3–4), in plain decimal.js arithmetic.
 */
import { Decimal } from 'decimal.js';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compilePlaybookFile, simulate, simulationJson } from '../../src/index.js';
import { generate } from '../../src/simulate/generate/index.js';

const dir = mkdtempSync(join(tmpdir(), 'playbook-x10-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rows = (file: string) => readFileSync(join(dir, file), 'utf8').trimEnd().split('\n').slice(1).map((l) => l.split(','));
const cents = (d: Decimal) => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);

interface Expected {
  credited: Decimal;
  deals: number;
  floor: Decimal;
  challenge: Decimal;
  marginShare: Decimal;
}

/** What each rep should be credited and paid, from reps.csv and deals.csv alone. */
function recompute(): Map<string, Expected> {
  const out = new Map<string, Expected>();
  for (const [rep, , , , , floor, challenge] of rows('reps.csv')) {
    out.set(rep, { credited: new Decimal(0), deals: 0, floor: new Decimal(floor), challenge: new Decimal(challenge), marginShare: new Decimal(0) });
  }
  for (const [, rep, , , stage, , close, amountText, costText] of rows('deals.csv')) {
    // Credited: won, closed in the plan year 2026, gross margin not under 20% (the "margin floor" red line).
    if (stage !== 'Won' || !close.startsWith('2026-')) continue;
    const amount = new Decimal(amountText);
    const gross = amount.minus(new Decimal(costText)); // margin × amount
    if (gross.lt(amount.mul('0.2'))) continue;
    const e = out.get(rep)!;
    e.credited = e.credited.plus(amount);
    e.deals++;
    // Margin share: amount × (min(margin, 30%) − 25%) when margin > 25%, i.e. min(gross, 30% of amount) − 25% of amount.
    // A bonus "per deal" pays each deal its own line, rounded half-up to the cent (the playbook's rounding).
    if (gross.gt(amount.mul('0.25'))) e.marginShare = e.marginShare.plus(Decimal.min(gross, amount.mul('0.3')).minus(amount.mul('0.25')).toDecimalPlaces(2, Decimal.ROUND_HALF_UP));
  }
  return out;
}

/** (4% − 2%) on the credit between floor and challenge, (6% − 2%) above challenge. */
function overTarget(e: Expected): Decimal {
  const clamp = (x: Decimal) => Decimal.max(0, x);
  const middle = clamp(Decimal.min(e.credited, e.challenge).minus(e.floor));
  const top = clamp(e.credited.minus(e.challenge));
  return middle.mul('0.02').plus(top.mul('0.04'));
}

describe('key-account playbook over a generated ×10 history', () => {
  generate(dir, { reps: 40, accounts: 400, deals: 4500, activities: 45_000, seed: 10 });
  const compiled = compilePlaybookFile('playbooks/key-account.playbook');
  const doc = simulationJson(simulate(compiled.graph!, compiled.file, dir)) as { reps: { rep: string; credited: string; deals_credited: number; quotas: Record<string, string>; lines: { component: string; amount: string }[] }[] };

  it('credits and pays every rep as the independent recompute does', () => {
    const expected = recompute();
    expect(doc.reps.length).toBe(40);
    let paidAbove = 0;
    for (const r of doc.reps) {
      const e = expected.get(r.rep)!;
      const line = (name: string) => r.lines.find((l) => l.component === name)?.amount;
      expect({ rep: r.rep, credited: r.credited, deals: r.deals_credited, floor: r.quotas.floor, challenge: r.quotas.challenge }).toEqual({
        rep: r.rep,
        credited: cents(e.credited),
        deals: e.deals,
        floor: cents(e.floor),
        challenge: cents(e.challenge),
      });
      expect(line('orders commission'), r.rep).toBe(cents(e.credited.mul('0.02')));
      expect(line('over-target reward'), r.rep).toBe(cents(overTarget(e)));
      expect(line('margin share'), r.rep).toBe(cents(e.marginShare));
      if (e.credited.gt(e.challenge)) paidAbove++;
    }
    expect(paidAbove).toBeGreaterThan(0); // the top step is exercised
  });
});
