/**
 * Reversals under caps (docs/language.md §12c): a reversal takes back a share of what its deal was
 * paid after the caps. The cases a trial user found paid wrongly without a word:
 * - cap 1,200 per year, 10%: A1 7,000 (700) and A2 8,000 (800: 500 paid, 300 capped); A1 reversed
 *   in full in May. The rep is left with A2's 800 earned, under the cap: what the cap kept back of
 *   A2 is now paid (stages/cap-release.ts; more cases in cap-release.test.ts).
 * - cap 800 per deal: A1 9,000 (900: 800 paid, 100 capped), half of it reversed: 450 is left,
 *   under the cap, and the clawback takes half of the 800 paid: 50 of the capped 100 is paid.
 */
import { describe, expect, it } from 'vitest';
import { loadDatasetTexts } from '../../src/data/index.js';
import { evaluate } from '../../src/runtime/evaluate.js';
import { compilePlaybookSource } from '../../src/simulate/load-playbook.js';
import { simulationJson } from '../../src/simulate/report-json.js';

const playbook = (caps: string) => `playbook "Reversals under caps"
  currency USD · time zone "UTC" · fiscal year starts January
  plan period 2026
  rounding half-up to 0.01 per payout line

table reps from "reps.csv"
  field name text key

table deals from "deals.csv"
  field id     text key
  field rep    text lookup reps
  field closed date "YYYY-MM-DD"
  field amount money

table reversals from "reversals.csv"
  field deal   text lookup deals
  field date   date "YYYY-MM-DD"
  field amount money

credit deals when amount != 0 to rep on closed amount amount

commission "orders" on credited per year marginal
  from 0 pay 10%

pay "orders" in stages
  100% at booking
  clawed back on reversal
${caps}`;

function run(caps: string, deals: string, reversals: string) {
  const graph = compilePlaybookSource('plan.playbook', playbook(caps)).graph!;
  const files: Record<string, string> = { 'reps.csv': 'name\nann\n', 'deals.csv': `id,rep,closed,amount\n${deals}`, 'reversals.csv': `deal,date,amount\n${reversals}` };
  const dataset = loadDatasetTexts(graph.tables, (s) => files[s.file], { timeZone: 'UTC' });
  const json = simulationJson({ graph, playbookFile: 'plan.playbook', input: [], rejectedRows: [], evaluation: evaluate(graph, dataset.tables), tables: dataset.tables }) as Record<string, any>;
  return { payout: json.reps[0].payout as string, warnings: json.warnings as string[] };
}

describe('reversals under caps', () => {
  it('a cap per year: what it kept back is paid when a reversal brings the year under it, without a warning', () => {
    const r = run('  cap 1,200 per year\n', 'A1,ann,2026-02-01,7000\nA2,ann,2026-03-01,8000\n', 'A1,2026-05-01,-7000\n');
    // 700 + 500 paid, 300 capped; A1's 700 clawed back, A2's 300 released: min(800, 1,200) = 800.
    expect(r.payout).toBe('800.00');
    expect(r.warnings.some((w) => w.includes('cap'))).toBe(false);
  });

  it('a cap per deal: a capped deal partly reversed keeps what is left of it up to the cap, without a warning', () => {
    const r = run('  cap 800 per deal\n', 'A1,ann,2026-02-01,9000\n', 'A1,2026-05-01,-4500\n');
    // 800 paid (100 capped); half reversed: 400 clawed back, then 50 of the capped 100 released: min(450, 800) = 450.
    expect(r.payout).toBe('450.00');
    expect(r.warnings.some((w) => w.includes('cap'))).toBe(false);
  });

  it('no warning when nothing was capped', () => {
    const r = run('  cap 5,000 per year\n', 'A1,ann,2026-02-01,7000\nA2,ann,2026-03-01,8000\n', 'A1,2026-05-01,-7000\n');
    expect(r.payout).toBe('800.00');
    expect(r.warnings.some((w) => w.includes('the caps kept back'))).toBe(false);
  });
});

describe('a part larger than its line, read by a cap per deal, is named', () => {
  it('a year-to-date retroactive increment shared over a deal and a credit note', () => {
    const text = playbook('  cap 2,000 per deal\n')
      .replace('  clawed back on reversal\n', '')
      .replace('commission "orders" on credited per year marginal\n  from 0 pay 10%\n', 'commission "orders" on year-to-date credited paid per quarter retroactive\n  from 0 pay 5%\n  from 20,000 pay 10%\n');
    const graph = compilePlaybookSource('plan.playbook', text).graph!;
    const files: Record<string, string> = { 'reps.csv': 'name\nann\n', 'deals.csv': 'id,rep,closed,amount\nD1,ann,2026-01-10,19000\nD2,ann,2026-04-10,10000\nD3,ann,2026-05-10,-9000\n', 'reversals.csv': 'deal,date,amount\n' };
    const dataset = loadDatasetTexts(graph.tables, (s) => files[s.file], { timeZone: 'UTC' });
    const json = simulationJson({ graph, playbookFile: 'plan.playbook', input: [], rejectedRows: [], evaluation: evaluate(graph, dataset.tables), tables: dataset.tables }) as Record<string, any>;
    // Q1: 19,000 at 5% = 950. Q2: the year to date is 20,000 at 10% = 2,000, less 950 = 1,050, shared
    // by credit over D2 (10,000) and D3 (−9,000), which net to 1,000: D2's part 1,050 × 10 = 10,500.
    expect(json.warnings).toContain('"orders" for rep ann, 2026-Q2: the line of 1,050.00 is shared by credit among deals that net to 1,000.00, credit notes included, so deal D2\'s part is 10,500.00, more than the line; the minimum or cap per deal, or a reversal, works on that part, so check what this rep is owed by hand (section 12c)');
  });
});

describe('no warning for a flat table whose credit notes net the line down', () => {
  it('10% of every deal: a part larger than the line is still the deal\'s own 10%', () => {
    const r = run('  cap 2,000 per deal\n', 'A1,ann,2026-02-01,9000\nA2,ann,2026-03-01,-3000\n', '');
    // The year's line 10% × 6,000 = 600; A1's part 900 is more than the line, and exactly 10% of A1.
    expect(r.payout).toBe('600.00');
    expect(r.warnings.some((w) => w.includes('more than the line'))).toBe(false);
  });
});
