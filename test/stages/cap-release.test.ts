/**
 * What a cap per period kept back is paid when a reversal brings the period back under its cap
 * (stages/cap-release.ts, docs/language.md §12c). The plan owes min(earned in the period, cap);
 * every expected value below is that, worked out by hand, and the property at the end checks it
 * over random deals, caps and reversals against the same formula computed here.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/runtime/decimal.js';
import { loadDatasetTexts } from '../../src/data/index.js';
import { evaluate } from '../../src/runtime/evaluate.js';
import { compilePlaybookSource } from '../../src/simulate/load-playbook.js';
import { simulationJson } from '../../src/simulate/report-json.js';

type Json = Record<string, any>;

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const playbook = (stages: string, cap: string) => `playbook "Cap released on reversal"
  currency USD · time zone "UTC" · fiscal year starts January
  plan period 2026
  rounding half-up to 0.01 per payout line

table reps from "reps.csv"
  field name text key

table deals from "deals.csv"
  field id     text key
  field rep    text lookup reps
  field closed date "YYYY-MM-DD"
  field amount money

table collections from "collections.csv"
  field deal   text lookup deals
  field date   date "YYYY-MM-DD"
  field amount money

table reversals from "reversals.csv"
  field deal   text lookup deals
  field date   date "YYYY-MM-DD"
  field amount money

credit deals when amount != 0 to rep on closed amount amount

commission "orders" on credited per year marginal
  from 0 pay 10%

pay "orders" in stages
${stages}
  clawed back on reversal
  ${cap}
`;

function run(deals: string, reversals: string, options: { stages?: string; cap?: string; collections?: string } = {}): Json {
  const graph = compilePlaybookSource('plan.playbook', playbook(options.stages ?? '  100% at booking', options.cap ?? 'cap 800 per year')).graph!;
  const files: Record<string, string> = { 'reps.csv': 'name\nann\n', 'deals.csv': `id,rep,closed,amount\n${deals}`, 'collections.csv': `deal,date,amount\n${options.collections ?? ''}`, 'reversals.csv': `deal,date,amount\n${reversals}` };
  const dataset = loadDatasetTexts(graph.tables, (s) => files[s.file], { timeZone: 'UTC' });
  return simulationJson({ graph, playbookFile: 'plan.playbook', input: [], rejectedRows: [], evaluation: evaluate(graph, dataset.tables), tables: dataset.tables }) as Json;
}

const releases = (json: Json, deal: string): Json[] => json.payments.releases.filter((x: Json) => x.deal === deal);

describe('a reversal that brings the period back under its cap pays what the cap kept back', () => {
  it('three deals, the first reversed: the two capped ones are paid up to the cap again, in the order the cap took them', () => {
    // 10% of 5,000 = 500 each; cap 800: D1 500 paid, D2 300 paid + 200 capped, D3 500 capped.
    // D1 reversed in full on 1 June: 1,000 earned, the cap pays 800; D1's 500 is clawed back and
    // 500 of what was capped is paid: D2's 200 first (the cap took it first), then 300 of D3's.
    const json = run('D1,ann,2026-02-01,5000\nD2,ann,2026-03-01,5000\nD3,ann,2026-04-01,5000\n', 'D1,2026-06-01,5000\n');
    expect(json.reps[0].payout).toBe('800.00');
    const paidOf = (deal: string) => releases(json, deal).filter((x) => x.line === 'part').map((x) => [x.amount, x.earned_on, x.payable_on]);
    expect(paidOf('D2')).toEqual([['300.00', '2026-03-01', '2026-03-01'], ['200.00', '2026-06-01', '2026-06-01']]);
    expect(paidOf('D3')).toEqual([['300.00', '2026-06-01', '2026-06-01']]);
    const capped = (deal: string) => releases(json, deal).filter((x) => x.line === 'capped').map((x) => x.amount);
    expect(capped('D2')).toEqual(['200.00', '-200.00']);
    expect(capped('D3')).toEqual(['500.00', '-300.00']);
    const why = releases(json, 'D3').find((x) => x.line === 'capped' && x.amount === '-300.00')!.explain as string;
    expect(why).toContain('released from the cap: deal D1 reversed 5,000.00 of 5,000.00 on 2026-06-01 (reversals.csv line 2): 2026 has 1,000.00 earned, and the cap of 800.00 per year pays 800.00 of it, 300.00 paid after the reversal, so 300.00 the cap kept back of deal D3\'s part is paid after all');
    expect(json.warnings.some((w: string) => w.includes('cap'))).toBe(false);
  });

  it('a deal paid back from the cap and reversed later gives back what was released to it', () => {
    // As above, then D3 reversed in full on 1 July: 500 earned (D2), under the cap: owed 500.
    // D3's 300 released on 1 June (paid that day) is clawed back; the 200 still capped goes with it.
    const json = run('D1,ann,2026-02-01,5000\nD2,ann,2026-03-01,5000\nD3,ann,2026-04-01,5000\n', 'D1,2026-06-01,5000\nD3,2026-07-01,5000\n');
    expect(json.reps[0].payout).toBe('500.00');
    expect(releases(json, 'D3').filter((x) => x.line === 'clawback').map((x) => [x.amount, x.earned_on])).toEqual([['-300.00', '2026-07-01']]);
  });

  it('the capped deal itself half reversed: its half still earned is paid up to the cap', () => {
    // D1 500 paid; D2 300 paid + 200 capped. D2 half reversed: 750 earned, under the 800 cap: owed 750.
    // The clawback takes half of D2's 300 paid (150): 650 paid; 100 of D2's capped half (200 × ½) is released.
    const json = run('D1,ann,2026-02-01,5000\nD2,ann,2026-03-01,5000\n', 'D2,2026-05-01,2500\n');
    expect(json.reps[0].payout).toBe('750.00');
    expect(releases(json, 'D2').filter((x) => x.line === 'part').map((x) => x.amount)).toEqual(['300.00', '100.00']);
  });

  it('a period still over its cap after the reversal pays the cap: what the reversed deal was paid comes back from what was capped', () => {
    // D1, D2, D3 of 5,000 (500 each), cap 800, D2 reversed: 1,000 earned, still over 800.
    // D2's 300 paid is clawed back and 300 of D3's capped 500 is released: 500 + 300 = 800.
    const json = run('D1,ann,2026-02-01,5000\nD2,ann,2026-03-01,5000\nD3,ann,2026-04-01,5000\n', 'D2,2026-06-01,5000\n');
    expect(json.reps[0].payout).toBe('800.00');
    expect(releases(json, 'D3').filter((x) => x.line === 'part').map((x) => x.amount)).toEqual(['300.00']);
  });

  it('a released amount waits for its deal\'s cash like the rest of its cash stage', () => {
    // 50% at booking, 50% with cash collected. D1 500; D2 10% of 8,000 = 800: 300 paid, 500 capped.
    // D1 reversed on 1 May: 800 earned, the cap pays 800, 300 paid after the clawback: D2's 500 is
    // released, 250 at booking (from 1 May) and 250 with cash. D2's cash: 4,000 of 8,000 collected on
    // 10 June releases half of the cash stage's 250 = 125; the other 125 waits for the rest.
    const json = run('D1,ann,2026-02-01,5000\nD2,ann,2026-03-01,8000\n', 'D1,2026-05-01,5000\n', {
      stages: '  50% at booking\n  50% with cash collected',
      cap: 'cap 800 per year',
      collections: 'D1,2026-02-10,5000\nD2,2026-06-10,4000\n',
    });
    const released = releases(json, 'D2').filter((x) => x.line === 'part' && x.earned_on === '2026-05-01').map((x) => [x.stage, x.amount, x.triggered_on]);
    expect(released).toEqual([['booking', '250.00', '2026-05-01'], ['cash collected', '125.00', '2026-06-10'], ['cash collected', '125.00', null]]);
    expect(json.reps[0].payout).toBe('800.00');
  });

  it('a quarterly cap: a reversal in a later quarter releases what the deal\'s own quarter kept back', () => {
    // Cap 800 per quarter. Q1: D1 500 + D2 500 → 800 paid, 200 of D2 capped. Q2: D3 500.
    // D1 reversed in August: Q1 has 500 earned, paid 300 after the clawback: D2's 200 is released.
    const json = run('D1,ann,2026-01-10,5000\nD2,ann,2026-02-10,5000\nD3,ann,2026-04-10,5000\n', 'D1,2026-08-01,5000\n', { cap: 'cap 800 per quarter' });
    expect(json.reps[0].payout).toBe('1000.00');
    expect(releases(json, 'D2').filter((x) => x.line === 'part').map((x) => [x.amount, x.earned_on])).toEqual([['300.00', '2026-02-10'], ['200.00', '2026-08-01']]);
    expect(releases(json, 'D3').some((x) => x.line === 'capped')).toBe(false);
  });
});

describe('a reversal that leaves a deal under its cap per deal pays what the cap kept back of it', () => {
  it('half of a capped deal reversed: what is left of it is paid up to the cap', () => {
    // 10% of 9,000 = 900, cap 800 per deal: 800 paid, 100 capped. Half reversed: 450 is left, under
    // the cap. The clawback takes half of the 800 paid (400); 50 of the capped 100 is released (the
    // other 50 went with the reversed half): 450.
    const json = run('A1,ann,2026-02-01,9000\n', 'A1,2026-05-01,4500\n', { cap: 'cap 800 per deal' });
    expect(json.reps[0].payout).toBe('450.00');
    expect(releases(json, 'A1').filter((x) => x.line === 'capped').map((x) => x.amount)).toEqual(['100.00', '-50.00']);
    const why = releases(json, 'A1').find((x) => x.line === 'capped' && x.amount === '-50.00')!.explain as string;
    expect(why).toBe('released from the cap: deal A1 reversed 4,500.00 of 9,000.00 on 2026-05-01 (reversals.csv line 2): what is left of deal A1\'s part, 450.00, is paid up to the cap of 800.00 per deal, and 400.00 is paid after the reversal, so 50.00 the cap kept back of deal A1\'s part is paid after all');
  });

  it('its cash stage is measured against what is left of the deal, so nothing stays held for cash that will not come', () => {
    // 50% at booking, 50% with cash collected; 9,000 at 10% = 900, capped at 800: 400 booking, 400 cash.
    // The customer pays 4,500 on 10 March: half the cash stage, 200, is released; 200 waits. Half the
    // deal is reversed on 1 April: the booking stage gives back 200 (paid: clawed back), the cash
    // stage 200 (the 200 still waiting: cancelled). 400 left paid, owed min(450, 800) = 450: 50 is
    // released, 25 at booking and 25 with cash — of the 4,500 left of the deal, all collected: paid.
    const json = run('A1,ann,2026-03-01,9000\n', 'A1,2026-04-01,4500\n', { stages: '  50% at booking\n  50% with cash collected', cap: 'cap 800 per deal', collections: 'A1,2026-03-10,4500\n' });
    expect(json.reps[0].payout).toBe('450.00');
    const released = releases(json, 'A1').filter((x) => x.line === 'part' && x.earned_on === '2026-04-01').map((x) => [x.stage, x.amount, x.triggered_on]);
    expect(released).toEqual([['booking', '25.00', '2026-04-01'], ['cash collected', '25.00', '2026-04-01']]);
    const totals = json.payments.totals.find((t: Json) => t.rep === 'ann');
    expect([totals.earned, totals.held]).toEqual(['450.00', '0.00']);
  });

  it('a deal under the cap is not touched: no release for it', () => {
    // A1 500 (under 800), A2 900 capped at 800; A1 reversed by a third: its 500 is not capped, so
    // nothing is released; A2 is not reversed, so its 100 stays capped. 800 + 500 − 166.67 = 1,133.33.
    const json = run('A1,ann,2026-02-01,5000\nA2,ann,2026-03-01,9000\n', 'A1,2026-05-01,1666.67\n', { cap: 'cap 800 per deal' });
    expect(json.reps[0].payout).toBe('1133.33');
    expect(json.payments.releases.some((x: Json) => x.stage === 'cap released')).toBe(false);
  });
});

describe('property: after reversals, each deal and period under caps pays min(what is left earned, caps)', () => {
  it('random deals, caps per deal, quarter or year, one or two reversals per deal on random later days, 100% at booking', () => {
    const reversal = fc.record({ percent: fc.integer({ min: 5, max: 80 }), month: fc.integer({ min: 7, max: 12 }), day: fc.integer({ min: 1, max: 28 }) });
    fc.assert(
      fc.property(
        fc.array(fc.record({ amount: fc.integer({ min: 1, max: 20_000 }), month: fc.integer({ min: 1, max: 6 }), reversals: fc.array(reversal, { maxLength: 2 }) }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 100, max: 3_000 }),
        fc.constantFrom('year', 'quarter', 'deal', 'deal and quarter'),
        fc.integer({ min: 50, max: 1_500 }),
        (deals, cap, per, capDeal) => {
          const rows = deals.map((d, k) => `D${k + 1},ann,2026-0${d.month}-0${1 + (k % 9)},${d.amount}`).join('\n');
          const reversals = deals.flatMap((d, k) => d.reversals.map((r) => `D${k + 1},2026-${String(r.month).padStart(2, '0')}-${String(r.day).padStart(2, '0')},${new Decimal(d.amount).mul(r.percent).div(100).toFixed(2)}`)).join('\n');
          const caps = { year: `cap ${cap} per year`, quarter: `cap ${cap} per quarter`, deal: `cap ${capDeal} per deal`, 'deal and quarter': `cap ${capDeal} per deal\n  cap ${cap} per quarter` }[per];
          const json = run(`${rows}\n`, reversals === '' ? '' : `${reversals}\n`, { cap: caps });
          // What is left earned of each deal: 10% of it less what was reversed (never below nothing),
          // up to the cap per deal; each period (the year, the deal's quarter, or the whole year
          // without a cap per period) pays that up to the cap per period.
          const left = new Map<string, Decimal>();
          for (const d of deals) {
            const reversed = Math.min(100, d.reversals.reduce((t, r) => t + r.percent, 0));
            const key = per === 'year' || per === 'deal' ? '2026' : `Q${Math.ceil(d.month / 3)}`;
            const dealLeft = new Decimal(d.amount).mul(100 - reversed).div(1000);
            left.set(key, (left.get(key) ?? new Decimal(0)).plus(per.startsWith('deal') ? Decimal.min(dealLeft, capDeal) : dealLeft));
          }
          const owed = [...left.values()].reduce((t, v) => t.plus(per === 'deal' ? v : Decimal.min(v, cap)), new Decimal(0));
          const paid = new Decimal(json.reps[0].payout);
          // Each reversal rounds its clawback to the cent, and so does each release: a few cents at most.
          expect(paid.minus(owed).abs().lte(new Decimal('0.01').mul(deals.length * 2)), `paid ${paid}, owed ${owed.toFixed(4)}`).toBe(true);
        },
      ),
      { numRuns: Number(process.env.PLAYBOOK_PROPERTY_RUNS ?? 40), seed: Number(process.env.PLAYBOOK_PROPERTY_SEED ?? 20261205) },
    );
  });
});

describe('found by a trial user: a released top-up and credit notes under a released cap', () => {
  it('a minimum top-up the cap held back and a reversal released is counted once', () => {
    // D1 800 fills the cap; D2 200 topped up by 300 to 500, all 500 capped. D1 reversed in full: the
    // year has D2's 500, under the cap: 500 released (200 part + 300 top-up). 1,000 + 300 − 800 = 500.
    const json = run('D1,ann,2026-01-10,8000\nD2,ann,2026-02-10,2000\n', 'D1,2026-05-01,8000\n', { cap: 'minimum 500 per deal\n  cap 800 per year' });
    expect(json.reps[0].payout).toBe('500.00');
    expect(json.reps[0].lines.filter((l: Json) => l.kind === 'top-up').map((l: Json) => l.amount)).toEqual(['300.00']);
    const t = json.payments.totals[0];
    expect([t.earned, t.topped_up]).toEqual(['500.00', '300.00']);
  });

  it('a credit note that came off the capped amount comes off the pay once the capped deal is reversed', () => {
    // D1 1,000: 800 paid, 200 capped; credit note −300: 200 off the capped amount, 100 off the pay (700).
    // D1 half reversed: the year has 500 − 300 = 200 earned: paid min(200, 800) = 200.
    expect(run('D1,ann,2026-01-05,10000\nCN,ann,2026-02-01,-3000\n', 'D1,2026-03-01,5000\n').reps[0].payout).toBe('200.00');
    // D1 wholly reversed: the year has −300 earned: −300.
    expect(run('D1,ann,2026-01-05,10000\nCN,ann,2026-02-01,-3000\n', 'D1,2026-03-01,10000\n').reps[0].payout).toBe('-300.00');
  });
});

describe('explain words for capped and released amounts', () => {
  const explain = (dir: string, ...args: string[]) =>
    execFileSync('node', [join(ROOT, 'bin/playbook.js'), 'explain', join('test/conformance', dir, 'scheme.playbook'), '--data', join('test/conformance', dir), ...args], { cwd: ROOT, encoding: 'utf8' });

  it('a month\'s statement lists what was earned in it, not a capped line in and out again', () => {
    // bob's B3 in April: 800, of which 700 paid and 100 capped (caps-credit-notes): earned 700, one part.
    const text = explain('caps-credit-notes', '--rep', 'bob', '--period', '2026-04');
    const earned = text.slice(text.indexOf('├─ earned'), text.indexOf('├─ payable'));
    expect(earned).toContain('deal B3 · booking: paid 2026-04-01');
    expect(earned).not.toContain('deal B3 · cap');
  });

  it('the capped line names only the deals still capped, and says a negative amount was paid after all', () => {
    // caps-reversal-released: D2's 200 all released (nets to nothing), D3's 500 less 300 released = 200.
    const text = explain('caps-reversal-released', '--rep', 'ann');
    expect(text).toContain('commission above the caps, never paid: deal D3 200.00 (a negative amount: paid after all, when a reversal brought the period back under its cap)');
  });
});
