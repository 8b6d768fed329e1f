/**
 * `compare` of two plans that differ only in a cap of `pay … in stages`. The payout columns were
 * the payout lines as the tables computed them, which caps did not change, so the two plans
 * compared as equal without a word; the payouts are now after the caps (adjustment lines).
 * Values by hand from test/conformance/caps-per-deal-and-year (10% of A 30,000, B 15,000,
 * C 20,000, D 10,000; caps of 2,000 per deal and 5,000 per year).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compare } from '../../src/simulate/compare/compare.js';
import { compilePlaybookSource } from '../../src/simulate/load-playbook.js';

const DIR = fileURLToPath(new URL('../conformance/caps-per-deal-and-year/', import.meta.url));
const FILE = join(DIR, 'scheme.playbook');
const TEXT = readFileSync(FILE, 'utf8');

describe('compare: two plans that differ only in a cap paid in stages', () => {
  const a = compilePlaybookSource(FILE, TEXT).graph!;
  const b = compilePlaybookSource(FILE, TEXT.replace('  cap 5,000 per year\n', '')).graph!;
  const c = compare({ graph: a, file: FILE }, { graph: b, file: FILE }, DIR);

  it('the payout columns are after the caps: 5,000 under A, 6,500 under B, +1,500', () => {
    // A: 2,000 + 1,500 + 1,500 + 0 = 5,000 (the year's cap), capped 1,000 + 500 + 1,000 = 2,500.
    // B: 2,000 + 1,500 + 2,000 + 1,000 = 6,500, capped 1,000 (A's 3,000 above the 2,000 per deal).
    expect(c.totals.a.total.toFixed(2)).toBe('5000.00');
    expect(c.totals.b.total.toFixed(2)).toBe('6500.00');
    expect(c.totals.difference.toFixed(2)).toBe('1500.00');
  });

  it('names the cap as the rule change behind the component (it said the component moved with what was credited)', () => {
    expect(c.changes.map((x) => [x.rule, x.what, x.components])).toEqual([['pay "orders" in stages', 'no cap (was 5,000 per year)', ['orders']]]);
    const ann = c.reps.find((r) => r.rep === 'ann')!;
    expect(ann.attribution.map((p) => [p.component, p.amount.toFixed(2), p.causes])).toEqual([['orders', '1500.00', ['pay "orders" in stages: no cap (was 5,000 per year)']]]);
  });

  it('says nothing of it for plans without caps, minimums or clawbacks', () => {
    const plain = compilePlaybookSource(FILE, TEXT.replace(/\npay "orders" in stages[\s\S]*$/, '\n')).graph!;
    const p = compare({ graph: plain, file: FILE }, { graph: plain, file: FILE }, DIR);
    expect(p.totals.difference.toFixed(2)).toBe('0.00');
    expect(p.warnings.some((x) => x.includes('pay in stages'))).toBe(false);
  });
});

describe('simulate (table): the payout of a plan with caps paid in stages', () => {
  it('the cost of sales is on the payout after the caps, and says so', async () => {
    const { simulate } = await import('../../src/simulate/simulate.js');
    const { formatTable } = await import('../../src/simulate/report-table.js');
    const graph = compilePlaybookSource(FILE, TEXT).graph!;
    const table = formatTable(simulate(graph, FILE, DIR)).replace(/\n\s+/g, ' ');
    // The line 10% × 75,000 = 7,500; after the caps 5,000 (the year's cap): 5,000 / 75,000 = 6.67%.
    expect(table).toContain('Cost of sales: 5,000.00 payout after caps and minimums on 75,000.00 credited = 6.67% (7,500.00 before them)');
    expect(table).not.toContain('The payout above is before pay in stages');
    // One band at 10%: each deal's part is 10% of the deal, known when it is booked; no note.
    expect(table).not.toContain('worked out per year at a rate that depends');
  });

  it('a forfeited component\'s held parts are said never to be paid (a trial user read them as money to come)', async () => {
    const { simulate } = await import('../../src/simulate/simulate.js');
    const { formatTable } = await import('../../src/simulate/report-table.js');
    // A (30,000) trips the red line: "orders" is forfeited for ann, and its staged parts are held for good.
    const text = `${TEXT}\nred line "too big" on deals when won and amount > 25000 forfeit "orders"\n`;
    const table = formatTable(simulate(compilePlaybookSource(FILE, text).graph!, FILE, DIR)).replace(/\n\s+/g, ' ');
    // Held: A 2,000 + B 1,500 + C 1,500 after the caps = 5,000, on 3 deals (D is wholly capped).
    expect(table).toContain('forfeited (too big): 5,000.00 on 3 deals — never paid: the rule takes the whole component (see Forfeited), whatever the caps and reversals above it changed');
  });

  it('a tiered quarterly table paid in stages gets a note: its parts are shares of the final line (found by a trial user)', async () => {
    const { simulate } = await import('../../src/simulate/simulate.js');
    const { formatTable } = await import('../../src/simulate/report-table.js');
    // clawback-earlier-period-tier: per quarter retroactive, 5% from 0 and 10% from 50,000.
    const dir = fileURLToPath(new URL('../conformance/clawback-earlier-period-tier/', import.meta.url));
    const file = join(dir, 'scheme.playbook');
    const table = formatTable(simulate(compilePlaybookSource(file, readFileSync(file, 'utf8')).graph!, file, dir)).replace(/\n\s+/g, ' ');
    expect(table).toContain(`Note: "orders" is worked out per quarter at a rate that depends on the quarter's whole credit. Each deal's part is its share of the quarter's final amount, known only when the quarter ends, but it is released on the deal's own trigger`);
  });
});

describe('compare --min-group with a draw beside caps and clawbacks', () => {
  it('keeps the draw warning but names no rep in it', () => {
    const dir = fileURLToPath(new URL('../conformance/draw-with-stage-cap-and-clawback/', import.meta.url));
    const file = join(dir, 'scheme.playbook');
    const g = compilePlaybookSource(file, readFileSync(file, 'utf8')).graph!;
    const named = compare({ graph: g, file }, { graph: g, file }, dir);
    expect(named.warnings.some((w) => w.includes('Reps: ann (capped 500.00, clawed back -1,000.00)'))).toBe(true);
    const c = compare({ graph: g, file }, { graph: g, file }, dir, { minGroup: 5 });
    const w = c.warnings.find((x) => x.startsWith('the draw tops up'));
    expect(w).toContain('is not what 1 rep received');
    for (const x of c.warnings) expect(x).not.toMatch(/\bann\b/);
  });
});

describe('compare --min-group names no rep in its warnings', () => {
  it('takes every rep name out of a warning, whole words only, in any script', async () => {
    const { withoutNames } = await import('../../src/simulate/compare/compare.js');
    expect(withoutNames('reps.csv:4: rep ann names themself in manager; anna is fine', ['ann', 'anna'])).toBe('reps.csv:4: rep a rep names themself in manager; a rep is fine');
    expect(withoutNames('王伟 (华南) and R1 only; R10 too; joanne stays', ['王伟 (华南)', 'R1', 'R10', 'ann'])).toBe('a rep and a rep only; a rep too; joanne stays');
    expect(withoutNames('rep r1 and rep', ['rep', 'r1'])).toBe('a rep a rep and a rep');
  });
});

describe('compare: a change to the draw is attributed to the draw lines (found by a trial user: "= nothing")', () => {
  it('draw-recoverable-three-periods with 16,000 a quarter instead of 15,000', () => {
    const dir = fileURLToPath(new URL('../conformance/draw-recoverable-three-periods/', import.meta.url));
    const file = join(dir, 'scheme.playbook');
    const text = readFileSync(file, 'utf8');
    const a = compilePlaybookSource(file, text).graph!;
    const b = compilePlaybookSource(file, text.replace('draw 15,000 per quarter', 'draw 16,000 per quarter')).graph!;
    const c = compare({ graph: a, file }, { graph: b, file }, dir);
    const r1 = c.reps.find((r) => r.rep === 'r1')!;
    // By hand: under A, r1 is drawn 9,000 (Q1) + 5,000 (Q4) and recovers 7,000 + 2,000. Under B: Q1 earns
    // 6,000, drawn 10,000; Q2 earns 22,000, recovers min(10,000, 22,000 − 16,000, 50% × 22,000) = 6,000;
    // Q3 earns 40,000, recovers the 4,000 left; Q4 earns 10,000, drawn 6,000. Draw +2,000, recovered −1,000.
    expect(r1.attribution.map((p) => [p.component, p.amount.toFixed(2), p.causes])).toEqual([
      ['draw', '2000.00', ['draw: amount 16,000 per quarter (was 15,000 per quarter)']],
      ['draw recovered', '-1000.00', ['draw: amount 16,000 per quarter (was 15,000 per quarter)']],
    ]);
    expect(r1.difference.toFixed(2)).toBe('1000.00');
  });
});

describe('compare: prorating a quota is named behind the components the joiners\' time in post moves', () => {
  it('joiner-bonus-and-draw without and with proration: the draw, by the quota change', () => {
    const dir = fileURLToPath(new URL('../conformance/joiner-bonus-and-draw/', import.meta.url));
    const file = join(dir, 'scheme.playbook');
    const text = readFileSync(file, 'utf8');
    const a = compilePlaybookSource(file, text.replace(' prorated by months from start_date', '')).graph!;
    const b = compilePlaybookSource(file, text).graph!;
    const c = compare({ graph: a, file }, { graph: b, file }, dir);
    // joe (from 1 July) loses the Q1 and Q2 draws, 2 × 2,000; his bonus is 1,000 under both plans (Q3 only:
    // 12,000 credited >= 10,000 unprorated, and >= 9,999.99 prorated). liz (from 1 October) loses 3 × 2,000.
    const joe = c.reps.find((r) => r.rep === 'joe')!;
    expect(joe.attribution.map((p) => [p.component, p.amount.toFixed(2), p.causes])).toEqual([['draw', '-4000.00', ['quota "floor": proration by months from start_date (was none)']]]);
    expect(c.reps.find((r) => r.rep === 'liz')!.difference.toFixed(2)).toBe('-6000.00');
  });
});
