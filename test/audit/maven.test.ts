/**
 * `audit` on the real Maven CRM export with playbooks/maven-crm-2017.playbook,
 * checked against counts computed here from the raw CSV text with integer
 * arithmetic (nothing from src/ is used for the expected side).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../src/simulate/audit.js';
import { compilePlaybookFile } from '../../src/simulate/load-playbook.js';
import { auditJson } from '../../src/simulate/report-audit.js';
import { recomputeMaven2017 } from '../reference/maven-2017-recompute.js';

const DATA = '../shared/data/maven-crm';
const PLAYBOOK = 'playbooks/maven-crm-2017.playbook';

/** Physical lines of a CSV file without quoted cells (the Maven export has none), header = line 1. */
function csvLines(file: string): { line: number; cells: string[] }[] {
  const text = readFileSync(join(DATA, file), 'utf8').replace(/^\ufeff/, '');
  expect(text.includes('"')).toBe(false); // the simple split below is only valid without quoting
  return text
    .split('\n')
    .map((raw, i) => ({ line: i + 1, cells: raw.replace(/\r$/, '').split(',') }))
    .filter((r) => r.cells.join('') !== '');
}

interface RawDeal { id: string; rep: string; product: string; account: string; stage: string; close: string; value: string; line: number }

describe.skipIf(!existsSync(DATA))('audit of maven-crm-2017.playbook on the real CRM export', () => {
  // ---- independent side ---------------------------------------------------------------
  const [productHeader, ...productRows] = csvLines('products.csv');
  const priceAt = productHeader.cells.indexOf('sales_price');
  const nameAt = productHeader.cells.indexOf('product');
  const listPrice = new Map(productRows.map((r) => [r.cells[nameAt], BigInt(r.cells[priceAt])]));

  const [dealHeader, ...dealRows] = csvLines('sales_pipeline.csv');
  const col = (name: string) => dealHeader.cells.indexOf(name);
  const raw: RawDeal[] = dealRows.map((r) => ({
    id: r.cells[col('opportunity_id')],
    rep: r.cells[col('sales_agent')],
    product: r.cells[col('product')],
    account: r.cells[col('account')],
    stage: r.cells[col('deal_stage')],
    close: r.cells[col('close_date')],
    value: r.cells[col('close_value')],
    line: r.line,
  }));
  // Over 20% off list: close_value / list < 0.8  ⇔  5 × close_value < 4 × list (integers).
  const deep = raw.filter((d) => {
    if (d.stage !== 'Won') return false;
    const price = listPrice.get(d.product === 'GTXPro' ? 'GTX Pro' : d.product);
    if (price === undefined) throw new Error(`no list price for ${d.product}`);
    return 5n * BigInt(d.value) < 4n * price;
  });
  const deepTotal = deep.reduce((s, d) => s + BigInt(d.value), 0n);
  const mustWin = raw.filter((d) => d.stage === 'Lost' && (d.account === 'Bubba Gump' || d.account === 'Sonron') && d.close.startsWith('2017-'));
  const mustWinTotal = mustWin.reduce((s, d) => s + BigInt(d.value || '0'), 0n);

  // ---- the engine's audit ------------------------------------------------------------------
  const compiled = compilePlaybookFile(PLAYBOOK);
  const result = audit(compiled.graph!, PLAYBOOK, DATA);
  const json = auditJson(result) as {
    redlines: { id: string; effect: string; violations: number; amount: string; credit_blocked: string; forfeited: string; by_rep_month: { rep: string; month: string; violations: number; amount: string; forfeited: string }[] }[];
    records: { redline: string; rep: string; account: string; deal: string; date: string; amount: string; file: string; line: number; credit_blocked: boolean }[];
  };
  const records = (id: string) => json.records.filter((r) => r.redline === id);
  const rule = (id: string) => json.redlines.find((r) => r.id === id)!;
  const cents = (units: bigint) => `${units}.00`;

  it('the independent count finds 92 deep-discount deals', () => {
    expect(deep).toHaveLength(92);
  });

  it('deep-discount: exactly the won deals more than 20% below list — same ids, count and total', () => {
    const got = records('deep-discount');
    expect(got.map((r) => r.deal).sort()).toEqual(deep.map((d) => d.id).sort());
    expect(got).toHaveLength(92);
    expect(rule('deep-discount').violations).toBe(92);
    expect(rule('deep-discount').effect).toBe('block');
    expect(rule('deep-discount').amount).toBe(cents(deepTotal));
    // All are won, with rep, close date and amount: each would have been credited, so all of it was blocked.
    expect(rule('deep-discount').credit_blocked).toBe(cents(deepTotal));
    expect(got.every((r) => r.credit_blocked)).toBe(true);
  });

  it('deep-discount: each record names its deal, rep, account, date, amount and physical CSV line', () => {
    const byId = new Map(deep.map((d) => [d.id, d]));
    for (const r of records('deep-discount')) {
      const d = byId.get(r.deal)!;
      expect(r).toMatchObject({ rep: d.rep, account: d.account, date: d.close, amount: `${d.value}.00`, file: 'sales_pipeline.csv', line: d.line });
    }
  });

  it('must-win: exactly the lost 2017 deals on Bubba Gump and Sonron, with their lines', () => {
    const got = records('must-win accounts');
    expect(mustWin.length).toBeGreaterThan(0);
    expect(got).toHaveLength(mustWin.length);
    expect(got.map((r) => r.deal).sort()).toEqual(mustWin.map((d) => d.id).sort());
    const byId = new Map(mustWin.map((d) => [d.id, d]));
    for (const r of got) expect(r).toMatchObject({ rep: byId.get(r.deal)!.rep, line: byId.get(r.deal)!.line, file: 'sales_pipeline.csv' });
    expect(rule('must-win accounts').violations).toBe(mustWin.length);
    expect(rule('must-win accounts').amount).toBe(cents(mustWinTotal));
  });

  it('per rep and month, violations add up to the records and match the CSV', () => {
    for (const r of json.redlines) {
      expect(r.by_rep_month.reduce((s, c) => s + c.violations, 0)).toBe(r.violations);
    }
    const expected = new Map<string, number>();
    for (const d of deep) expected.set(`${d.rep}|${d.close.slice(0, 7)}`, (expected.get(`${d.rep}|${d.close.slice(0, 7)}`) ?? 0) + 1);
    const got = new Map(rule('deep-discount').by_rep_month.map((c) => [`${c.rep}|${c.month}`, c.violations]));
    expect(got).toEqual(expected);
  });

  it("must-win forfeits equal the reference recompute's forfeited amount of each rep", () => {
    const reference = recomputeMaven2017(DATA);
    const toCents = (s: string) => BigInt(s.replace('.', ''));
    const perRep = new Map<string, bigint>();
    for (const c of rule('must-win accounts').by_rep_month) perRep.set(c.rep, (perRep.get(c.rep) ?? 0n) + toCents(c.forfeited));
    for (const rep of reference.reps) expect({ rep: rep.rep, forfeited: perRep.get(rep.rep) ?? 0n }).toEqual({ rep: rep.rep, forfeited: toCents(rep.forfeited) });
    expect(toCents(rule('must-win accounts').forfeited)).toBe(reference.reps.reduce((s, r) => s + toCents(r.forfeited), 0n));
  });

  it('records are sorted by red line (declaration order), rep, month, deal id', () => {
    const order = json.redlines.map((r) => r.id);
    const key = (r: (typeof json.records)[number]) => [String(order.indexOf(r.redline)).padStart(3, '0'), r.rep, r.date.slice(0, 7), r.deal];
    const sorted = [...json.records].sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
      return 0;
    });
    expect(json.records).toEqual(sorted);
    expect(order).toEqual(['deep-discount', 'must-win accounts']);
  });
});
