/**
 * The per-rep table and the payout chart of `simulate --format html` for a playbook with a draw
 * (test/conformance/draw-recoverable-three-periods, worked by hand in docs/language.md §9a): r1
 * earns 6,000 + 22,000 + 40,000 + 10,000 = 78,000 of commission, draws 9,000 (Q1) + 5,000 (Q4) =
 * 14,000 and repays 7,000 (Q2) + 2,000 (Q3) = 9,000: payout 83,000. Without the draw's columns the
 * row read "78,000.00 … Payout 83,000.00" and did not add up.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatSimulateHtml } from '../../src/simulate/html/simulate.js';
import { compilePlaybookSource } from '../../src/simulate/load-playbook.js';
import { simulate } from '../../src/simulate/simulate.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIR = 'test/conformance/draw-recoverable-three-periods';

describe('simulate --format html with a draw', () => {
  it('the per-rep table has the draw and its recovery, so each row adds up to the payout', async () => {
    const graph = compilePlaybookSource(`${DIR}/scheme.playbook`, readFileSync(join(ROOT, DIR, 'scheme.playbook'), 'utf8')).graph!;
    const page = await formatSimulateHtml(simulate(graph, `${DIR}/scheme.playbook`, join(ROOT, DIR)));
    const table = page.slice(page.indexOf('<h2>Per rep</h2>'));
    const text = table.slice(0, table.indexOf('</table>')).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text).toContain(' draw draw recovered Forfeited Payout ');
    // r1: 78,000 commission + 14,000 draw − 9,000 recovered − 0 forfeited = 83,000.
    expect(text).toMatch(/ r1 \d+ [\d,.]+ 78,000\.00 14,000\.00 -9,000\.00 0\.00 83,000\.00 /);
  });
});
