/**
 * `compare` of two plans that differ only in a cap of `pay … in stages`. The payout columns are the
 * payout lines as the tables computed them, which caps do not change, so the two plans compared as
 * equal without a word. The report now says what the reps earn after the caps under each plan.
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

  it('the payout columns are equal (the commission line is 7,500 under both)', () => {
    expect(c.totals.difference.toFixed(2)).toBe('0.00');
  });

  it('says what the reps earn after the caps under each plan, and the difference', () => {
    const w = c.warnings.find((x) => x.startsWith('the payouts compared are the payout lines before pay in stages'));
    expect(w).toBeDefined();
    // A: 2,000 + 1,500 + 1,500 + 0 = 5,000 (the year's cap), capped 1,000 + 500 + 1,000 = 2,500.
    // B: 2,000 + 1,500 + 2,000 + 1,000 = 6,500, capped 1,000 (A's 3,000 above the 2,000 per deal).
    expect(w).toContain('earn 5,000.00 under A (capped 2,500.00, topped up 0.00, clawed back 0.00)');
    expect(w).toContain('6,500.00 under B (capped 1,000.00, topped up 0.00, clawed back 0.00): +1,500.00');
  });

  it('says nothing of it for plans without caps, minimums or clawbacks', () => {
    const plain = compilePlaybookSource(FILE, TEXT.replace(/\npay "orders" in stages[\s\S]*$/, '\n')).graph!;
    const p = compare({ graph: plain, file: FILE }, { graph: plain, file: FILE }, DIR);
    expect(p.warnings.some((x) => x.includes('before pay in stages'))).toBe(false);
  });
});

describe('simulate (table): the payout of a plan with caps paid in stages', () => {
  it('says, under the cost of sales, what the staged component earns after the caps', async () => {
    const { simulate } = await import('../../src/simulate/simulate.js');
    const { formatTable } = await import('../../src/simulate/report-table.js');
    const graph = compilePlaybookSource(FILE, TEXT).graph!;
    const table = formatTable(simulate(graph, FILE, DIR)).replace(/\n\s+/g, ' ');
    // The line 10% × 75,000 = 7,500; after the caps 5,000 (the year's cap): 2,500 less.
    expect(table).toContain('Cost of sales: 7,500.00 paid on 75,000.00 credited = 10.00%');
    expect(table).toContain('The payout above is before pay in stages: after its caps, minimums and clawbacks, "orders" earns 5,000.00, not 7,500.00 (-2,500.00); see Paying in stages below.');
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
