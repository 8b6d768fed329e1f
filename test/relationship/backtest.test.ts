/**
 * The backtest on a hand-made history whose figures are worked out by hand:
 * 10 "hot" accounts (one 5-point tour each) with 5 won and 5 lost deals, and 10
 * "cold" accounts (no activity) with 10 lost deals.
 */
import { describe, expect, it } from 'vitest';
import { accountScore } from '../../src/simulate/account-score.js';
import { backtest } from '../../src/simulate/backtest.js';
import { formatBacktestJson, formatBacktestTable } from '../../src/simulate/report-backtest.js';
import { PLAYBOOK, setup } from './backtest-fixture.js';

describe('backtest', () => {
  const sim = setup();
  const b = backtest(sim);

  it('per tier: deals, wins, actual rate and the 95% Wilson interval', () => {
    // hot: 5 of 10 won → 50%, Wilson (0.2366, 0.7634): stated 50% is consistent.
    // cold: 0 of 10 → 0%, Wilson (0, 0.2775): stated 10% is consistent.
    expect(b.tiers.map((t) => [t.tier, t.deals, t.wins, t.actual, t.low.toFixed(4), t.high.toFixed(4), t.verdict])).toEqual([
      ['hot', 10, 5, 0.5, '0.2366', '0.7634', 'consistent'],
      ['cold', 10, 0, 0, '0.0000', '0.2775', 'consistent'],
    ]);
  });

  it('Brier score, log loss and AUC', () => {
    // Brier: hot 10 × (0.5 − y)² = 2.5; cold 10 × 0.1² = 0.1; (2.5 + 0.1) / 20 = 0.13.
    expect(b.brier).toBeCloseTo(0.13, 12);
    // Log loss: hot 10 × ln 2 = 6.931472; cold 10 × −ln 0.9 = 1.053605; / 20 = 0.399254.
    expect(b.logLoss).toBeCloseTo((10 * Math.LN2 - 10 * Math.log(0.9)) / 20, 12);
    // AUC over 5 won × 15 lost = 75 pairs. Scores: H1 5.1 (its visit), H2–H5 5, lost H6–H10 5, cold 0.
    // Every won deal beats the 10 cold ones: 50. H1 beats the 5 hot lost ones: 5. H2–H5 tie them: 20 × ½ = 10.
    expect(b.auc).toBeCloseTo(65 / 75, 12);
  });

  it('win rate with and without an action', () => {
    const tour = b.actions.find((a) => a.name === 'tour')!;
    expect(tour.with).toEqual({ n: 10, wins: 5, rate: 0.5 });
    expect(tour.without).toEqual({ n: 10, wins: 0, rate: 0 });
    const visit = b.actions.find((a) => a.name === 'visit')!;
    expect(visit.with).toEqual({ n: 1, wins: 1, rate: 1 }); // only HOT1 (H1, won) had a visit before 2017-06-30
  });

  it('calibration: Brier decomposition, ECE, skill scores and the calibration intercept, by hand', () => {
    // Stated: hot 0.5 ×10 (5 won), cold 0.1 ×10 (0 won); base rate 5/20 = 0.25, uncertainty 0.25·0.75 = 0.1875.
    const c = b.calibration!;
    expect(c.uncertainty).toBeCloseTo(0.1875, 15);
    // reliability (10·(0.5 − 0.5)² + 10·(0.1 − 0)²) / 20 = 0.005; resolution (10·0.25² + 10·0.25²) / 20 = 0.0625
    expect(c.reliability).toBeCloseTo(0.005, 15);
    expect(c.resolution).toBeCloseTo(0.0625, 15);
    expect(c.reliability - c.resolution + c.uncertainty).toBeCloseTo(0.13, 15);
    // ECE (10·0 + 10·0.1) / 20 = 0.05; skill vs base rate 1 − 0.13 / 0.1875; vs 50% 1 − 0.13 / 0.25 = 0.48
    expect(c.ece).toBeCloseTo(0.05, 15);
    expect(c.skillVsBaseRate).toBeCloseTo(1 - 0.13 / 0.1875, 12);
    expect(c.skillVsHalf).toBeCloseTo(0.48, 12);
    // Intercept a solves Σ σ(a + logit pᵢ) = 5 wins: 10·σ(a) + 10·σ(a − ln 9) = 5.
    const sigma = (z: number) => 1 / (1 + Math.exp(-z));
    expect(10 * sigma(c.intercept!) + 10 * sigma(c.intercept! - Math.log(9))).toBeCloseTo(5, 9);
    // The cold tier won nothing: the slope runs off to infinity and is not reported.
    expect(c.slope).toBeNull();
  });

  it('score groups never split the nine deals tied at 5', () => {
    // Sorted: 10 cold at 0 (positions 0–9), H2–H10 at 5 (10–18), H1 at 5.1 (19). Cuts aim at 2, 4, …, 18:
    // 2 and 4 fall in the 0s and move down to 0 (dropped); 6 and 8 move up to 10; 12 and 14 move down to 10;
    // 16 and 18 move up to 19. Groups: 0 (10 deals, none won), 5 (9 deals, H2–H5 won), 5.1 (H1, won).
    expect(b.groups.map((g) => [g.group, g.from, g.to, g.n, g.wins])).toEqual([
      [1, 0, 0, 10, 0],
      [2, 5, 5, 9, 4],
      [3, 5.1, 5.1, 1, 1],
    ]);
  });

  it('findings and suggested probabilities', () => {
    expect(b.findings.map((f) => f.kind)).toEqual(['small-backtest', 'tiers-consistent', 'few-tier-outcomes', 'few-tier-outcomes', 'skill', 'monotone']);
    // m = average of the two tiers' rates (0.5 + 0) / 2 = 0.25 for both;
    // hot (5 + 10·0.25) / (10 + 10) = 0.375 → 38%; cold (0 + 2.5) / 20 = 0.125 → 13%.
    expect(b.suggestions.map((s) => [s.tier, s.probability])).toEqual([['hot', 0.38], ['cold', 0.13]]);
    expect(b.split).toBeNull();
  });

  it('a suggestion out of order with the stated probabilities is pointed out', () => {
    // Stated the wrong way round (hot 10%, cold 50%): the data still suggest hot 38%, cold 13%.
    const swapped = PLAYBOOK.replace('win probability 50%', 'win probability X%').replace('win probability 10%', 'win probability 50%').replace('win probability X%', 'win probability 10%');
    const text = formatBacktestTable(backtest(setup(false, swapped)));
    expect(text).toContain("  ! Tier hot's suggestion (38%) is above tier cold's (13%), though it states less");
    expect(formatBacktestTable(b)).not.toContain('suggestion (');
  });

  it('--train-until: probabilities estimated from the February deals, tested on the June deals', () => {
    const t = backtest(setup(true), { trainUntil: '2017-03-31' });
    // Training: hot 3 of 4, cold 1 of 4; m = (0.75 + 0.25) / 2 = 0.5 for both;
    // hot (3 + 5) / 14 = 0.5714 → 57%; cold (1 + 5) / 14 = 0.4286 → 43%.
    expect(t.split!.training.map((r) => [r.tier, r.deals, r.wins, r.stated])).toEqual([['hot', 4, 3, 0.57], ['cold', 4, 1, 0.43]]);
    expect([t.split!.trainDeals, t.split!.trainWins, t.deals, t.wins]).toEqual([8, 4, 20, 5]);
    // Test: cold won 0 of 10, Wilson high 0.2775 < 43% → overstated; hot 5 of 10 is consistent with 57%.
    expect(t.tiers.map((r) => r.verdict)).toEqual(['consistent', 'overstated']);
    // Brier on the test: hot 5·0.43² + 5·0.57², cold 10·0.43² → (0.9245 + 1.6245 + 1.849) / 20 = 0.2199
    expect(t.brier).toBeCloseTo(0.2199, 12);
    expect(t.findings.find((f) => f.kind === 'overstated')!.message).toContain('claims (from the training deals) 43.0%');
    expect(() => backtest(setup(true), { trainUntil: '2016-12-31' })).toThrow('no scored deal was decided on or before 2016-12-31');
    expect(() => backtest(setup(true), { trainUntil: '2017-12-31' })).toThrow('no scored deal was decided after 2017-12-31');
  });

  it('the JSON report is deterministic and uses fixed-digit ratios', () => {
    const a = formatBacktestJson(b);
    expect(a).toBe(formatBacktestJson(backtest(setup())));
    expect(JSON.parse(a).tiers[0]).toEqual({ tier: 'hot', label: null, deals: 10, wins: 5, stated: '0.5000', actual: '0.5000', wilson_low: '0.2366', wilson_high: '0.7634', verdict: 'consistent' });
  });

  it('score breaks an account down by action, contact and date', () => {
    // As of 2017-07-31: tour 5 (Li Wei) + two visits 0.1 each (Wang Fang) = 5.2.
    const r = accountScore(sim, 'HOT1', '2017-07-31');
    expect(r.score.toString()).toBe('5.2');
    expect(r.byAction.map((a) => [a.action, a.count, a.points.toString()])).toEqual([['tour', 1, '5'], ['visit', 2, '0.2']]);
    expect(r.byContact.map((c) => [c.contact, c.count, c.points.toString()])).toEqual([['Li Wei', 1, '5'], ['Wang Fang', 2, '0.2']]);
    expect(r.contributions.map((c) => c.date)).toEqual(['2017-06-01', '2017-06-02', '2017-07-02']);
    // As of 2017-06-30 the July visit has not happened yet.
    expect(accountScore(sim, 'HOT1', '2017-06-30').score.toString()).toBe('5.1');
  });
});

describe('backtest: closed deals it cannot score', () => {
  it('are named, won or lost, with why, since leaving out losses raises every win rate', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { compilePlaybookSource } = await import('../../src/simulate/load-playbook.js');
    const { simulate } = await import('../../src/simulate/simulate.js');
    const dir = mkdtempSync(join(tmpdir(), 'pb-bt-left-'));
    writeFileSync(join(dir, 'reps.csv'), 'name\nAnn\n');
    // H1 won on a toured account, C1 lost on a cold one; X1 lost without a close date; X2 won without an account.
    writeFileSync(join(dir, 'deals.csv'), 'id,rep,account,stage,close_date,amount\nH1,Ann,HOT1,Won,2017-06-30,100\nC1,Ann,COLD1,Lost,2017-06-30,100\nX1,Ann,COLD2,Lost,,100\nX2,Ann,,Won,2017-06-30,100\n');
    writeFileSync(join(dir, 'activities.csv'), 'id,date,account,contact,role,action\nt1,2017-06-01,HOT1,Li Wei,C-level,tour\n');
    const compiled = compilePlaybookSource('bt.playbook', PLAYBOOK.replace('field account text column "account"\n', 'field account text column "account" optional\n'));
    expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const b = backtest(simulate(compiled.graph!, 'bt.playbook', dir));
    expect([b.deals, b.wins, b.unscored]).toEqual([2, 1, 2]);
    expect(b.leftOut).toEqual([
      { id: 'X1', won: false, reason: 'no close date' },
      { id: 'X2', won: true, reason: 'no account' },
    ]);
    expect(formatBacktestTable(b).split('\n')[1]).toBe('2 closed deals left out (1 won, 1 lost), so the win rates are over the others: X1 (lost, no close date), X2 (won, no account)');
    expect(JSON.parse(formatBacktestJson(b)).left_out).toEqual([
      { id: 'X1', won: false, reason: 'no close date' },
      { id: 'X2', won: true, reason: 'no account' },
    ]);
  });
});
