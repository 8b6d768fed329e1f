/**
 * `curve`: the payout at every point recomputed independently in BigInt cents from the
 * tables as the playbooks state them, with the edges and cliffs where they should be.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Decimal } from '../../src/runtime/decimal.js';
import { payoutCurve } from '../../src/simulate/curve/curve.js';
import { compilePlaybookFile } from '../../src/simulate/load-playbook.js';
import { loadData } from '../../src/simulate/simulate.js';
import { playbook } from '../cli/helpers.js';

const cents = (d: Decimal): bigint => BigInt(d.mul(100).toFixed(0));
const halfUp = (num: bigint, den: bigint): bigint => (2n * num + den) / (2n * den);
const MAVEN = '../shared/data/maven-crm';

function curveOf(file: string, data: string, rep: string) {
  const graph = compilePlaybookFile(file).graph!;
  return payoutCurve(graph, loadData(graph, data).dataset.tables, rep);
}

describe.skipIf(!existsSync(MAVEN))('curve of a retroactive table (Maven variant)', () => {
  const c = curveOf('playbooks/maven-crm-2017-retroactive.playbook', MAVEN, 'Anna Snelling');

  it('pays 2% on everything, and the reached rate above 2% as a second line, each rounded', () => {
    for (const p of c.points) {
      const x = cents(p.credited);
      const rate = x >= 45_000_000n ? 6n : x >= 25_000_000n ? 4n : 2n;
      expect(cents(p.payout), p.credited.toFixed()).toBe(halfUp(x * 2n, 100n) + halfUp(x * (rate - 2n), 100n));
      expect(p.marginalRate.toFixed()).toBe((Number(rate) / 100).toString());
    }
  });

  it('marks both edges as cliffs with their jumps, and the rep’s own credited amount', () => {
    const marked = c.points.filter((p) => p.marks.length > 0).map((p) => [p.credited.toFixed(), p.marks.join('; ')]);
    expect(marked).toEqual([
      ['250000', 'edge: from 250,000 pays 4%; cliff: +5,000.00 for 0.01 more'],
      ['271290', 'the rep today'],
      ['450000', 'edge: from 450,000 pays 6%; cliff: +9,000.00 for 0.01 more'],
    ]);
    expect(c.points.some((p) => p.credited.eq('249999.99'))).toBe(true);
  });
});

describe('curve of a marginal table against the rep’s quotas (key-account)', () => {
  const c = curveOf('playbooks/key-account.playbook', 'examples/key-account', 'R03');
  const row = readFileSync('examples/key-account/reps.csv', 'utf8').split('\n').find((l) => l.startsWith('R03,'))!.split(',');
  const header = readFileSync('examples/key-account/reps.csv', 'utf8').split('\n')[0].split(',');
  const floor = BigInt(Math.round(Number(row[header.indexOf('floor_target')]) * 100));
  const challenge = BigInt(Math.round(Number(row[header.indexOf('challenge_target')]) * 100));

  it('uses R03’s floor and challenge targets as band edges, with no cliff', () => {
    expect(c.quotas.map((q) => [q.quota, cents(q.amount)])).toEqual([['floor', floor], ['challenge', challenge]]);
    expect(c.points.filter((p) => p.marks.some((m) => m.startsWith('edge'))).map((p) => cents(p.credited))).toEqual([floor, challenge]);
    expect(c.points.flatMap((p) => p.marks).some((m) => m.includes('cliff'))).toBe(false);
  });

  it('pays 2% of all credit plus 2% more above the floor and 4% more above challenge, each line rounded', () => {
    for (const p of c.points) {
      const x = cents(p.credited);
      const above = (edge: bigint) => (x > edge ? x - edge : 0n);
      const excess = above(floor) * 2n + (x > challenge ? (x - challenge) * 2n : 0n);
      expect(cents(p.payout), p.credited.toFixed()).toBe(halfUp(x * 2n, 100n) + halfUp(excess, 100n));
      const att = p.attainment.find((a) => a.quota === 'floor')!;
      expect(att.ratio.mul(floor.toString()).minus(x.toString()).abs().lt('1e-20')).toBe(true);
    }
  });

  it('runs from the command line and names an unknown rep with a suggestion', () => {
    const run = playbook('curve', 'playbooks/key-account.playbook', '--data', 'examples/key-account', '--rep', 'R99');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('there is no rep "R99" in reps.csv; did you mean "R09"?');
    const json = playbook('curve', 'playbooks/key-account.playbook', '--data', 'examples/key-account', '--rep', 'R03', '--format', 'json');
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout).points.length).toBe(c.points.length);
  });
});

describe('curve of a table with plan versions (versions-mid-year-rate-change)', () => {
  const DIR = 'test/conformance/versions-mid-year-rate-change';
  it('says it draws the first version, and what the rep was really paid under the versions', async () => {
    const { formatCurveTable } = await import('../../src/simulate/curve/report.js');
    const c = curveOf(`${DIR}/scheme.playbook`, DIR, 'r1');
    // Drawn at the first version's 2%: r1's 35,000 credited → 700.00 ...
    expect(c.points.find((p) => p.marks.includes('the rep today'))!.payout.toFixed(2)).toBe('700.00');
    // ... but paid 15,000 × 2% (until 30 June) + 20,000 × 3% (from 1 July) = 300 + 600 = 900.00.
    expect(c.versioned.map((v) => ({ ...v, paid: v.paid.toFixed(2) }))).toEqual([{ name: 'commission', versions: 2, drawn: 'from 2026-01-01 until 2026-06-30', paid: '900.00' }]);
    expect(formatCurveTable(c)).toContain('commission has 2 plan versions; the curve draws the first (from 2026-01-01 until 2026-06-30), so "the rep today" is not what r1 was paid: each deal was paid under the version in force on its credit date, 900.00 in all.');
  });
  it('says nothing of versions when replayed under one (--under-version)', () => {
    const run = playbook('curve', `${DIR}/scheme.playbook`, '--data', DIR, '--rep', 'r1', '--under-version', '2026-07-01');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('35,000.00  1,050.00'); // 35,000 × 3%
    expect(run.stdout).not.toContain('plan versions');
  });
});

describe('curve of a plan whose only commission table is paid per quarter', () => {
  it('refuses with the reason instead of drawing a payout of 0.00 at every point (exit 2)', async () => {
    const { writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tempDir } = await import('../cli/helpers.js');
    const { smallScheme } = await import('../helpers/small-scheme.js');
    const dir = tempDir();
    writeFileSync(join(dir, 'scheme.playbook'), smallScheme({ rate: '5%' }).replace('per year marginal', 'per quarter marginal'));
    writeFileSync(join(dir, 'reps.csv'), 'rep\nann\n');
    writeFileSync(join(dir, 'deals.csv'), 'id,rep,stage,close_date,amount\nD1,ann,Won,2017-01-15,30000\n');
    // What simulate pays: 30,000 × 5% = 1,500.00 in the first quarter.
    const sim = playbook('simulate', join(dir, 'scheme.playbook'), '--data', dir, '--format', 'json');
    expect(sim.status, sim.stderr).toBe(0);
    expect(JSON.parse(sim.stdout).reps[0].payout).toBe('1500.00');
    const run = playbook('curve', join(dir, 'scheme.playbook'), '--data', dir, '--rep', 'ann');
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim()).toBe(
      'error: there is no payout curve to draw: the curve shows commission tables paid per year, and its commission table, "commission", is paid per quarter, where a yearly curve would mislead; playbook explain with --rep shows what each period paid',
    );
  });
});

describe('attainment in the curve table', () => {
  it('is rounded toward zero, so one cent below the quota reads 99.9%, not 100.0%', async () => {
    const { attainmentText } = await import('../../src/simulate/curve/curve.js');
    const { Decimal } = await import('../../src/runtime/decimal.js');
    // 99,999.99 / 100,000 = 99.99999%: below target, shown below target.
    expect(attainmentText(new Decimal('99999.99').div(100000))).toBe('99.9%');
    expect(attainmentText(new Decimal(1))).toBe('100.0%');
    expect(attainmentText(new Decimal('1.0049'))).toBe('100.4%');
    expect(attainmentText(new Decimal('0.12345'))).toBe('12.3%');
  });
});

describe('curve: falling retroactive bands and caps from pay in stages (found by a trial user)', async () => {
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const head = `playbook "Curve limits"
  currency USD · time zone "UTC" · fiscal year starts January
  plan period 2026
  rounding half-up to 0.01 per payout line

table reps from "reps.csv"
  field name text key

table deals from "deals.csv"
  field id     text key
  field rep    text lookup reps
  field closed date "YYYY-MM-DD"
  field stage  text
  field amount money
  won when stage = "Won"

credit deals when won to rep on closed amount amount
`;
  const folder = (body: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'curve-limits-'));
    writeFileSync(join(dir, 'plan.playbook'), head + body);
    writeFileSync(join(dir, 'reps.csv'), 'name\nann\n');
    writeFileSync(join(dir, 'deals.csv'), 'id,rep,closed,stage,amount\nA1,ann,2026-03-01,Won,15000\n');
    return curveOf(join(dir, 'plan.playbook'), dir, 'ann');
  };

  it('marks a retroactive band paying less than the one below it as a cliff down', () => {
    // 5% of everything below 10,000, 3% of everything from it: 9,999.99 pays 499.9995 → 500.00, 10,000 pays 300.00.
    const c = folder('\ncommission "orders" on credited per year retroactive\n  from 0 pay 5%\n  from 10,000 pay 3%\n');
    const at = (x: string) => c.points.find((p) => p.credited.eq(x))!;
    expect(at('9999.99').payout.toFixed(2)).toBe('500.00');
    expect(at('10000').payout.toFixed(2)).toBe('300.00');
    expect(at('10000').marks).toContain('cliff: -200.00 for 0.01 more (the payout falls)');
  });

  it('draws a cap per year, marks where it is reached and says what it does not draw', async () => {
    const c = folder('\ncommission "orders" on credited per year marginal\n  from 0 pay 10%\n\npay "orders" in stages\n  100% at booking\n  cap 2,000 per deal\n  cap 1,200 per year\n');
    // 10% of 11,999.94 = 1,199.994 → 1,199.99; of 11,999.95 = 1,199.995 → 1,200.00, the cap.
    const capped = c.points.find((p) => p.marks.some((m) => m.startsWith('capped')))!;
    expect(capped.credited.toFixed(2)).toBe('11999.95');
    expect(capped.marks).toContain('capped: pays at most 1,200.00 a year from here');
    for (const p of c.points) {
      // Independently: 10% of the credit in whole cents, rounded half-up, then at most 120,000 cents.
      const pay = halfUp(cents(p.credited) * 10n, 100n);
      expect(cents(p.payout), p.credited.toFixed()).toBe(pay > 120_000n ? 120_000n : pay);
      expect(p.marginalRate.toFixed()).toBe(p.payout.gte(1200) ? '0' : '0.1');
    }
    const { formatCurveTable, formatCurveJson } = await import('../../src/simulate/curve/report.js');
    expect(formatCurveTable(c)).toContain('"orders" is capped at 1,200.00 a year: the curve pays at most that. Not drawn for orders: cap 2,000.00 per deal — they depend on each deal or period, so the rep may be paid less (or, with a minimum, more) than the curve shows.');
    expect(JSON.parse(formatCurveJson(c)).limits).toEqual([{ name: 'orders', cap_per_year: '1200.00', capped: ['orders'], not_drawn: ['cap 2,000.00 per deal'] }]);
  });

  it('caps each component on its own: the table line and its excess line (found by a trial user)', () => {
    // 2% base, twice the base from 100,000, the excess as "accel"; cap 2,000 a year on each.
    const c = folder('\ncommission "orders" on credited per year marginal\n  base rate 2%\n  from 0 pay base\n  from 100,000 pay 2 × base\n  report excess over base as "accel"\n\npay "orders", "accel" in stages\n  100% at booking\n  cap 2,000 per year\n');
    for (const p of c.points) {
      // Independently, in cents: the base line 2% of everything, the excess 2% above 100,000; each at most 200,000 cents.
      const x = cents(p.credited);
      const base = halfUp(x * 2n, 100n);
      const excess = halfUp((x > 10_000_000n ? x - 10_000_000n : 0n) * 2n, 100n);
      const capped = (v: bigint) => (v > 200_000n ? 200_000n : v);
      expect(cents(p.payout), p.credited.toFixed()).toBe(capped(base) + capped(excess));
    }
    // The rep today (15,000 credited) is far below both caps; at 150,000 the curve pays 2,000 + 1,000.
    expect(c.points.find((p) => p.credited.eq(150000))!.payout.toFixed(2)).toBe('3000.00');
  });

  it('writes attainment in JSON rounded toward zero too: 99,999.99 of 100,000 is 0.9999, not 1.0000', async () => {
    const { formatCurveJson } = await import('../../src/simulate/curve/report.js');
    const { Decimal: D } = await import('../../src/runtime/decimal.js');
    const point = { credited: new D('99999.99'), attainment: [{ quota: 'floor', ratio: new D('99999.99').div(100000) }], payout: new D(0), marginalRate: new D(0), marks: [] };
    const curve = { playbook: 'p', currency: 'USD', minorDigits: 2, rep: 'ann', credited: new D(0), quotas: [], tables: [], points: [point], notDrawn: [], versioned: [], limits: [] };
    expect(JSON.parse(formatCurveJson(curve)).points[0].attainment).toEqual({ floor: '0.9999' });
  });
});
