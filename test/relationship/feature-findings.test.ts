/**
 * The backtest's finding about an action whose deals won no more often than the others: it "does not
 * raise the win rate" (it said "does not change the outcome" for 0% against 50%, a large change, and
 * "1 deals"; found by a trial user). Rates are worked out by hand from the counts.
 */
import { describe, expect, it } from 'vitest';
import { featureFindings } from '../../src/simulate/backtest/findings.js';

describe('backtest: actions that do not raise the win rate', () => {
  it('0 of 1 with the action against 3 of 6 without: one finding, in the singular for the one deal', () => {
    const rows = [{ name: 'visit', label: null, with: { n: 1, wins: 0, rate: 0 }, without: { n: 6, wins: 3, rate: 0.5 } }];
    expect(featureFindings(rows, 'action')).toEqual([
      { kind: 'no-lift', warning: true, message: 'Action visit does not raise the win rate: deals with it won 0.0% (1 deal), deals without it 50.0% (6 deals).' },
    ]);
  });
  it('an action whose deals won more often (2 of 3 against 1 of 4) gets no finding', () => {
    const rows = [{ name: 'demo', label: 'Demo', with: { n: 3, wins: 2, rate: 2 / 3 }, without: { n: 4, wins: 1, rate: 0.25 } }];
    expect(featureFindings(rows, 'action')).toEqual([]);
  });
});
