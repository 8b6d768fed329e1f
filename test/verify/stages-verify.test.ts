/**
 * `verify` with commission paid in stages (issue 11): `budget days to pay at most N` and the
 * assertions on `held` / `days_to_pay_…` are checked on each generated history and on its
 * perturbed variants (one more deal, that deal split in two, that deal moved across a month
 * boundary), and the report says so. The planted flaw: stages-held-and-completion pays every part
 * 10 days after its trigger, against a budget of 7 days, so any history with one credited deal
 * breaks it; `simulate` re-runs the counterexample to a payment 10 days after its trigger.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/runtime/decimal.js';
import { compilePlaybookSource } from '../../src/simulate/load-playbook.js';
import { simulate } from '../../src/simulate/simulate.js';
import { writeHistory } from '../../src/simulate/verify/history.js';
import { verify } from '../../src/simulate/verify/index.js';
import { PERTURBED_WORDS, perturbedVariants } from '../../src/simulate/verify/perturbed.js';
import { formatVerify } from '../../src/simulate/verify/report.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const graphOf = (file: string) => compilePlaybookSource(file, readFileSync(join(ROOT, file), 'utf8')).graph!;
const HELD = 'test/conformance/stages-held-and-completion/scheme.playbook';
const DAY = 86_400_000;

describe('verify with stages: the pay-time budget and the timing assertions over perturbed histories', () => {
  const graph = graphOf(HELD);
  const results = verify(graph, { seed: 11, runs: 40, samples: null });
  const byName = new Map(results.map((r) => [r.property, r]));

  it('the report says each check runs on the perturbed variants too', () => {
    expect(byName.get('days to pay')!.statement).toBe(`no staged payment waits more than 7 days from its trigger to its payment, ${PERTURBED_WORDS}`);
    for (const name of ['assert: paid within a week of the trigger', 'assert: at most 1,000 held', 'assert: half the parts paid within 10 days']) {
      expect(byName.get(name)!.statement).toBe(`the playbook's own assertion holds for every rep, ${PERTURBED_WORDS}`);
    }
    const text = formatVerify(graph, HELD, results, mkdtempSync(join(tmpdir(), 'pb-verify-stages-')));
    expect(text).toContain('✗ days to pay: no staged payment waits more than 7 days from its trigger to its payment, on each generated history and on its perturbed variants');
  });

  it('finds the 10-day wait in a perturbed variant, which simulate re-runs to a payment 10 days after its trigger', () => {
    const r = byName.get('days to pay')!;
    expect(r.status).toBe('fails');
    expect(r.detail).toMatch(/^in the history with (one more deal \(EXTRA\)|that deal split in two \(PART1, PART2\)|that deal \(MOVED\) closing on \d{4}-\d{2}-\d{2}), a staged payment waits 10 days, more than the budget of 7: /);
    const [c] = r.counterexample!;
    // With seed 11 the generated history alone passes: its last deal is its end of the data, so the
    // 10-day payment is not yet made; moving the extra deal later makes it paid, and too late.
    expect(['with-extra-deal', 'with-deal-split', 'moved-before', 'moved-after']).toContain(c.label);
    const dir = mkdtempSync(join(tmpdir(), 'pb-verify-stages-'));
    writeHistory(graph, c.history, dir);
    const waits = simulate(graph, HELD, dir).evaluation.payments!.releases.filter((x) => x.paidOn !== null).map((x) => (x.paidOn! - x.triggeredOn!) / DAY);
    expect(Math.max(...waits)).toBe(10);
  });

  it('the assertion "paid within a week" fails the same way; "at most 1,000 held" is checked too', () => {
    expect(byName.get('assert: paid within a week of the trigger')!.status).toBe('fails');
    expect(byName.get('assert: paid within a week of the trigger')!.counterexample![0].label).not.toBe('history');
    expect(['holds', 'fails']).toContain(byName.get('assert: at most 1,000 held')!.status);
  });
});

describe('the perturbed variants of a generated history', () => {
  const h = { reps: [{ name: 'R1' }], deals: [] };
  const extra = { rep: 'R1', stage: 'Won', close_date: Date.UTC(2026, 4, 10), amount: new Decimal(1000) };
  const boundaries = [Date.UTC(2026, 1, 1), Date.UTC(2026, 2, 1)];
  const variants = perturbedVariants({ keyField: 'id', dateField: 'close_date', splitFields: ['amount'], minorDigits: 2, boundaries }, h, extra, 1);

  it('are the history, one more deal, that deal split in two, and that deal on both sides of a month boundary', () => {
    expect(variants.map((v) => v.label)).toEqual(['history', 'with-extra-deal', 'with-deal-split', 'moved-before', 'moved-after']);
    expect(variants[0].history).toBe(h);
    expect(variants[1].history.deals.map((d) => d.id)).toEqual(['EXTRA']);
  });
  it('the split parts add up to the deal; the moved deal closes on 28 February, then on 1 March (aux 1 → the second boundary)', () => {
    const parts = variants[2].history.deals.map((d) => d.amount as Decimal);
    expect(parts.reduce((s, x) => s.plus(x), new Decimal(0)).toFixed()).toBe('1000');
    expect(variants[3].history.deals[0].close_date).toBe(Date.UTC(2026, 1, 28));
    expect(variants[4].history.deals[0].close_date).toBe(Date.UTC(2026, 2, 1));
  });
});

describe('a sound staged scheme', () => {
  it('docs/examples/stages.playbook: paid on the 5th of the month or every other Friday, within its 35-day budget', () => {
    // The longest wait is a trigger on the 6th paid on the next month's 5th: at most 30 days (31-day months).
    const results = verify(graphOf('docs/examples/stages.playbook'), { seed: 3, runs: 25, samples: null });
    const r = results.find((x) => x.property === 'days to pay')!;
    expect(r.status).toBe('holds');
    expect(r.statement).toContain(PERTURBED_WORDS);
  });
});
