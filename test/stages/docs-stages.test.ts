/**
 * docs/language.md, section 12b (`pay … in stages`): every playbook fragment of the section
 * checks clean inside a small scheme that has the commission and the tables it names; the
 * complete example, docs/examples/stages.playbook, checks clean and runs over its data with
 * the figures the section's text gives for it; the section names every code it can raise.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { docsFragments } from './docs-section.js';
import { checkSource } from '../../src/check/index.js';
import { compilePlaybookSource } from '../../src/simulate/load-playbook.js';
import { simulationJson } from '../../src/simulate/report-json.js';
import { simulate } from '../../src/simulate/simulate.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const { section, fragments } = docsFragments('12b.', '12c.');

const SCHEME = `playbook "Docs"
  currency CNY · time zone "UTC" · fiscal year starts January
  plan period 2026

table reps from "reps.csv"
  field rep_id text key

table deals from "deals.csv"
  field id     text key
  field rep    text lookup reps
  field stage  text
  field closed date "YYYY-MM-DD"
  field amount money
  won when stage = "Won"

credit deals when won to rep on closed amount amount

commission "orders commission" on credited per year marginal
  base rate 2%
  from 0      pay base
  from 10,000 pay 2 × base
  report excess over base as "over-target reward"
`;
const TABLES = fragments.find((f) => f.startsWith('table collections'))!;
const PAY = fragments.find((f) => f.startsWith('pay '))!;

describe('docs/language.md §12b', () => {
  it('has its fragments', () => {
    expect(fragments.length).toBeGreaterThanOrEqual(3);
  });
  it.each(fragments.map((f, i) => [i, f] as const))('fragment %i checks clean in a scheme', (_, fragment) => {
    const parts = [SCHEME, fragment.startsWith('table') ? '' : TABLES, fragment.startsWith('pay ') ? '' : PAY, fragment];
    const result = checkSource(parts.join('\n'));
    expect(result.diagnostics.map((d) => `${d.code} ${d.span.line}:${d.span.column} ${d.message}`)).toEqual([]);
  });
  it('names every code paying in stages can raise', () => {
    for (const code of ['PB3501', 'PB2503', 'PB2504', 'PB3008']) expect(section).toContain(code);
  });
  it('the complete example checks clean and runs over its data', () => {
    const file = join(ROOT, 'docs/examples/stages.playbook');
    const compiled = compilePlaybookSource(file, readFileSync(file, 'utf8'));
    expect(compiled.diagnostics).toEqual([]);
    const json = simulationJson(simulate(compiled.graph!, file, join(ROOT, 'docs/examples/data/stages'))) as Record<string, any>;
    // D1: 1,000,000 at 3% = 30,000 of R01's orders line (42,000 on 1,400,000: D1's part 30,000, D2's 12,000).
    const d1 = json.payments.releases.filter((x: any) => x.deal === 'D1' && x.component === 'orders commission');
    expect(d1.map((x: any) => [x.stage, x.amount, x.triggered_on, x.payable_on])).toEqual([
      ['booking', '12000.00', '2026-03-10', '2026-04-05'],
      ['cash collected', '6000.00', '2026-04-15', '2026-05-05'],
      ['cash collected', '6000.00', '2026-07-20', '2026-08-05'],
      ['completion', '6000.00', '2026-09-30', '2026-10-05'],
    ]);
  });
});
