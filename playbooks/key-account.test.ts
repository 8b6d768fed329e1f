/**
 * The key-account reference scheme over the bundled example data. Expected values
 * are computed by hand from the planted facts documented in
 * examples/key-account/README.md (which the generator test recomputes from the CSV).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { backtest } from '../src/simulate/backtest.js';
import { compilePlaybookFile } from '../src/simulate/load-playbook.js';
import { simulationJson } from '../src/simulate/report-json.js';
import { simulate } from '../src/simulate/simulate.js';

interface Line { component: string; amount: string; explain: string; deals: string[] }
interface Rep { rep: string; credited: string; lines: Line[]; forfeited: string; payout: string; forfeits: { component: string; rule: string }[] }
interface Deal { id: string; credited: boolean; redlines: string[] }

const PLAYBOOK = 'playbooks/key-account.playbook';
const compiled = compilePlaybookFile(PLAYBOOK);
const json = simulationJson(simulate(compiled.graph!, PLAYBOOK, 'examples/key-account')) as { reps: Rep[]; deals: Deal[]; input: Record<string, { read: number; used: number; rejected: number }> };
const rep = (id: string) => json.reps.find((r) => r.rep === id)!;
const line = (id: string, component: string) => rep(id).lines.find((l) => l.component === component)!;
const deal = (id: string) => json.deals.find((d) => d.id === id)!;

describe('key-account.playbook on examples/key-account', () => {
  it('checks with no errors', () => {
    expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('R05 lands exactly on its floor (12,500,000): 2% base, nothing over target', () => {
    expect(rep('R05').credited).toBe('12500000.00');
    expect(line('R05', 'orders commission').amount).toBe('250000.00'); // 12,500,000 × 2%
    expect(line('R05', 'over-target reward').amount).toBe('0.00'); // the 2× band starts at 100% of floor: no credit inside it yet
  });

  it("R20 is domain.md's worked example: floor 10M, booked 15M, increment doubled → 400,000", () => {
    expect(rep('R20').credited).toBe('15000000.00');
    expect(line('R20', 'orders commission').amount).toBe('300000.00'); // 15,000,000 × 2%
    expect(line('R20', 'over-target reward').amount).toBe('100000.00'); // (4% − 2%) × 5,000,000; the 3× band starts at challenge 15M, reached but empty
  });

  it('the margin red line blocks 19.99% and lets exactly 20.00% through', () => {
    expect(deal('D0212')).toMatchObject({ credited: false, redlines: ['margin floor'] });
    expect(deal('D0038')).toMatchObject({ credited: true, redlines: [] });
  });

  it('margin share pays the part of the margin between 25% and 30%', () => {
    const r08 = line('R08', 'margin share');
    expect(r08.explain).toContain('D0079 36,000.00'); // 27% margin: 1,800,000 × 2%
    const r13 = line('R13', 'margin share');
    expect(r13.explain).toContain('D0388 100,000.00'); // 30% margin: 2,000,000 × 5%
    expect(line('R11', 'margin share').deals).not.toContain('D0379'); // exactly 25%: nothing
  });

  it('the strategic breakthrough goes to the first credited deal of each strategic account in 2026', () => {
    const winners = json.reps.flatMap((r) => r.lines.filter((l) => l.component === 'strategic breakthrough').flatMap((l) => l.deals)).sort();
    // A012 D0262, A003 D0115, A009 D0253 (same day as A003), A017 D0311 (beats D0320 on id), A021 D0345, A013 D0242;
    // A001 and A007 were first won in 2025, so they pay nothing in 2026.
    expect(winners).toEqual(['D0115', 'D0242', 'D0253', 'D0262', 'D0311', 'D0345']);
  });

  it('losing a must-win account zeroes the whole annual bonus of R01 and R14, and no one else', () => {
    expect(rep('R01').payout).toBe('0.00');
    expect(rep('R14').payout).toBe('0.00');
    const forfeiting = json.reps.filter((r) => r.forfeits.some((f) => f.rule === 'must-win accounts')).map((r) => r.rep);
    expect(forfeiting).toEqual(['R01', 'R14']); // R04's lost must-win deal D0108 closed in 2025
  });

  it('reads every row of every table', () => {
    expect(json.input).toEqual({
      accounts: { file: 'accounts.csv', read: 40, used: 40, rejected: 0 },
      activities: { file: 'activities.csv', read: 2985, used: 2985, rejected: 0 },
      collections: { file: 'collections.csv', read: 340, used: 340, rejected: 0 },
      deals: { file: 'deals.csv', read: 449, used: 449, rejected: 0 },
      products: { file: 'products.csv', read: 6, used: 6, rejected: 0 },
      progress: { file: 'progress.csv', read: 937, used: 937, rejected: 0 },
      reps: { file: 'reps.csv', read: 24, used: 24, rejected: 0 },
    });
  });
});

describe('key-account.playbook relationship tiers against the generator\'s planted truth', () => {
  // examples/key-account/planted-tiers.csv is written by the example generator, which
  // implements the scoring rules on its own (examples/generator/relationship.ts).
  const planted = readFileSync('examples/key-account/planted-tiers.csv', 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [id, asOf, score, tier] = line.split(',');
      return { id, asOf, score: Number(score), tier };
    });
  const sim = simulate(compiled.graph!, PLAYBOOK, 'examples/key-account');
  const scored = new Map((simulationJson(sim) as { deals: { id: string; as_of: string; score: number; tier: string }[] }).deals.map((d) => [d.id, d]));

  it('every deal gets the planted as-of date, score (to 4 decimals) and tier', () => {
    expect(planted).toHaveLength(449);
    const mismatches = planted.filter((p) => {
      const d = scored.get(p.id)!;
      return d.as_of !== p.asOf || d.tier !== p.tier || Math.abs(d.score - p.score) > 0.00006;
    });
    expect(mismatches).toEqual([]);
  });

  it('backtest recovers the planted per-tier win rates, each stated probability inside its Wilson interval', () => {
    const b = backtest(sim);
    // Planted truth (examples/key-account/README.md): champion 213/266, supporter 18/40, neutral 8/32, opposed 3/30.
    expect(b.tiers.map((t) => [t.tier, t.deals, t.wins, t.verdict])).toEqual([
      ['champion', 266, 213, 'consistent'],
      ['supporter', 40, 18, 'consistent'],
      ['neutral', 32, 8, 'consistent'],
      ['opposed', 30, 3, 'consistent'],
    ]);
    expect(b.deals).toBe(368);
    expect(b.wins).toBe(242);
  });

  it('the family-trip points against the anti-bribery red line are flagged by check', () => {
    const warnings = compiled.diagnostics.filter((d) => d.code === 'PB4301');
    expect(warnings.map((d) => d.message)).toEqual([
      'the scoring table rewards "family_trip" with 10 points, but red line "anti-bribery" flags it for review',
      'the scoring table rewards "gift" with 1 point, but red line "anti-bribery" flags it for review',
    ]);
  });
});
