/**
 * The living score's chart (`score --history/--review --format html`): one point per month end and
 * one red cross per idle month, counted in the SVG. Account HOT1 of backtest-fixture.ts has activity
 * in June and July 2017 only, so June–August has one idle month (August); in review-fixture.ts, S1
 * (January–March) is idle in February, S2 (from its first activity in February) never, S3 in March.
 */
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/runtime/decimal.js';
import { formatReviewHtml, formatScoreHistoryHtml } from '../../src/simulate/html/score-history.js';
import { reviewList } from '../../src/simulate/review-list.js';
import { scoreHistory } from '../../src/simulate/score-history.js';
import { setup } from './backtest-fixture.js';
import { reviewSetup } from './review-fixture.js';

/** Number of drawn symbols in each symbol-mark group of the SVG, by the group's class. */
function symbols(html: string): Record<string, number> {
  const out: Record<string, number> = {};
  // An empty group is written self-closed (`<g … />`): it draws nothing.
  for (const m of html.matchAll(/<g class="mark-symbol role-mark ([^"]*)"[^>]*?(\/?)>(.*?)<\/g>/gs)) out[m[1]] = (out[m[1]] ?? 0) + (m[2] === '/' ? 0 : (m[3].match(/<path/g) ?? []).length);
  return out;
}

describe('living score charts', () => {
  it('one account: a point per month end, a cross per idle month', async () => {
    const h = scoreHistory(setup(), 'HOT1', '2017-08-31', new Decimal(5));
    const html = await formatScoreHistoryHtml(h, 'Backtest test');
    expect(symbols(html)).toEqual({ layer_0_layer_1_marks: 3, layer_1_marks: 1 });
    expect(html).toContain('1 idle month (no action logged), marked with a red cross');
  });

  it('the review list: one panel per account with activity, crosses on idle months, the list below', async () => {
    const sim = reviewSetup();
    const r = reviewList(sim, '2017-03-31');
    // S1: Jan–Mar (February idle); S2: Feb–Mar; S3: Feb–Mar (March idle); S4 never active, so not charted.
    const histories = ['S1', 'S2', 'S3'].map((a) => scoreHistory(sim, a, '2017-03-31'));
    const html = await formatReviewHtml(r, histories, 'Review test');
    const drawn = symbols(html);
    expect(drawn).toEqual({ child_layer_0_layer_1_marks: 3 + 2 + 2, child_layer_1_marks: 2 });
    expect(html).toContain('<td>supporter 45% ↓</td>');
    expect(html).toContain('4 important accounts as of 2017-03-31; a month ago is 2017-02-28');
  });
});
