/**
 * `simulate --format json`: the machine interface. Follows the output contract
 * of design.md; validated by `schema/simulate-output.schema.json`. Money is a
 * decimal string with the currency's minor digits; output order is by stable
 * keys, so two runs on the same inputs give byte-identical text.
 */
import { drawJson } from './report-draws.js';
import type { Decimal } from '../runtime/decimal.js';
import { exactMoneyText, moneyText } from '../runtime/money.js';
import { fastMoneyText, roundedUnits } from '../runtime/money-text.js';
import { paymentsJson } from './report-payments.js';
import type { Simulation } from './simulate.js';
import type { DealResult } from '../runtime/result.js';
import { jsonText } from './json-text.js';
import { LazyArray, LazyRecords, mapped, materialize, type RecordField, StringSink, type TextSink, writeJson } from './text-sink.js';

/** Cost of sales as a ratio text with 4 decimals (payout ÷ credited); "0.0000" when nothing was credited. */
export function costOfSales(payout: Decimal, credited: Decimal): string {
  return credited.isZero() ? '0.0000' : payout.div(credited).toFixed(4);
}

/**
 * A relationship score as a JSON number with at most 4 decimals (scores are points, not money).
 * The score rounded half-up to whole units of 10^−4 (money-text.ts, without a Decimal made) is
 * the decimal value of decimal.js's `toDecimalPlaces(4)` (half-up, the configured rounding); an
 * integer below 2^53 divided by 10^4 is that value correctly rounded to a double, as parsing its
 * text is, so the number is the same.
 */
export function scoreNumber(score: Decimal): number {
  const units = roundedUnits(score, 4);
  return Number.isNaN(units) ? Number(score.toDecimalPlaces(4).toString()) : units / 10_000;
}

/** `.0001` … `.9999` with trailing zeros dropped, by the ten-thousandths (0: no fraction), made when first needed. */
let fractions: string[] | null = null;

/**
 * The JSON text of {@link scoreNumber}'s number (`JSON.stringify(scoreNumber(score))`), from the
 * score rounded to whole units of 10^−4 without making the number: `26.1281`, `100`, `-0.5`.
 * For fewer than 10^15 units (15 significant digits) the shortest text that reads back as the
 * double nearest units ÷ 10^4 — what JavaScript writes for a number — is that decimal itself
 * with its trailing zeros dropped (two decimals of at most 15 significant digits are never the
 * same double), and its magnitude (10^−4 to 10^11) is never written with an exponent; −0 is
 * written `0`, as JavaScript writes it. Other scores go through the number.
 */
export function scoreText(score: Decimal): string {
  const units = roundedUnits(score, 4);
  const magnitude = units < 0 ? -units : units;
  if (!(magnitude < 1e15)) return jsonText(scoreNumber(score), 0);
  const int = Math.floor(magnitude / 10_000);
  fractions ??= Array.from({ length: 10_000 }, (_, k) => (k === 0 ? '' : `.${String(k).padStart(4, '0').replace(/0+$/, '')}`));
  const text = `${int}${fractions[magnitude - int * 10_000]}`;
  return units < 0 ? `-${text}` : text;
}

/** `ratio.toFixed(4)` (half-up), without a Decimal made for a ratio not below zero (`-0.0000` is left to decimal.js). */
export function fixed4(ratio: Decimal): string {
  return (ratio.s >= 0 ? fastMoneyText(ratio, 4) : null) ?? ratio.toFixed(4);
}

/** The JSON document (as a plain object). */
export function simulationJson(sim: Simulation): Record<string, unknown> {
  return materialize(simulationDocument(sim)) as Record<string, unknown>;
}

/**
 * The JSON document with its long lists (rows, reps, deals, ranking, red lines, forecast) as
 * {@link LazyArray}s, so that {@link writeSimulationJson} writes them one entry at a time.
 */
function simulationDocument(sim: Simulation, release = false): Record<string, unknown> {
  const p = sim.graph.playbook;
  const m = (d: Decimal) => moneyText(d, p.minorDigits);
  // Credit is not rounded: deal amounts and sums of them (credited totals, a red line's or a forecast's
  // deal amount) are printed exactly, so they add up.
  const x = (d: Decimal) => exactMoneyText(d, p.minorDigits);
  const e = sim.evaluation;
  return {
    playbook: { name: p.name, file: sim.playbookFile, currency: p.currency, time_zone: p.timeZone, plan_period: String(p.planYear) },
    input: Object.fromEntries(sim.input.map((i) => [i.table, { file: i.file, read: i.read, used: i.used, rejected: i.rejected }])),
    rejected_rows: new LazyArray(() => sim.rejectedRows),
    reps: new LazyArray(() => mapped(e.reps, (r) => ({
      rep: r.rep,
      period: r.period,
      credited: x(r.credited),
      deals_credited: r.dealsCredited,
      quotas: Object.fromEntries([...r.quotas].map(([k, v]) => [k, m(v)])),
      lines: r.lines.map((l) => ({ component: l.component, kind: l.kind, period: l.period, amount: m(l.amount), basis: m(l.basis), explain: l.explain, deals: l.deals })),
      forfeited: m(r.forfeited),
      forfeits: r.forfeits.map((f) => ({ component: f.component, amount: m(f.amount), rule: f.rule, reason: f.reason })),
      reviews: r.reviews,
      payout: m(r.payout),
      ...(r.draw ? { draw: drawJson(r.draw, m) } : {}),
    })), release ? { written: () => (e.reps = []) } : {}),
    deals: new LazyRecords(() => e.deals, dealFields(m, x), release ? () => (e.deals = []) : undefined),
    ranking: new LazyArray(() => mapped(e.ranking, (r) => ({ ranking: r.ranking, period: r.period, rep: r.rep, metric: m(r.metric), rank: r.rank, band: r.band, reward: m(r.reward) }))),
    redlines: new LazyArray(() => mapped(e.redlines, (r) => ({ id: r.id, effect: r.effect, message: r.message, deals: r.deals, amount: x(r.amount) }))),
    ...(e.relationship
      ? {
          forecast: new LazyArray(() => mapped(e.forecast, (f) => ({ rep: f.rep, period: f.period, deals: f.deals, amount: x(f.amount), weighted: m(f.weighted), unscored: f.unscored }))),
        }
      : {}),
    warnings: e.warnings,
    // Facts that are no problem but change what the totals cover (deals dated outside the plan period).
    ...(e.outsidePlan !== null ? { notes: [e.outsidePlan] } : {}),
    totals: {
      credited: x(e.totals.credited),
      payout: m(e.totals.payout),
      forfeited: m(e.totals.forfeited),
      cost_of_sales: costOfSales(e.totals.payout, e.totals.credited),
    },
    ...(e.payments ? { payments: paymentsJson(e.payments, p.minorDigits, release) } : {}),
  };
}

/** `f(x)`, or null for null (a deal's score and win probability are each read once: a score read is a new Decimal). */
function nullOr<T>(x: Decimal | null, f: (x: Decimal) => T): T | null {
  return x === null ? null : f(x);
}

/**
 * The fields of an entry of `deals`, in order: the relationship's keys only for a deal scored
 * (`relationship`), `splits` only for a deal split among reps. Written from the fields, without
 * an object per deal (a million deals at scale: text-sink.ts `LazyRecords`).
 */
function dealFields(m: (d: Decimal) => string, x: (d: Decimal) => string): RecordField<DealResult>[] {
  const scored = (d: DealResult) => Boolean(d.relationship);
  return [
    { key: 'id', value: (d) => d.id },
    { key: 'rep', value: (d) => d.rep, repeats: 'few' },
    { key: 'account', value: (d) => d.account },
    { key: 'stage', value: (d) => d.stage, repeats: 'few' },
    { key: 'amount', value: (d) => (d.amount === null ? null : x(d.amount)), plain: true },
    { key: 'close_date', value: (d) => d.date, repeats: 'few' },
    { key: 'credited', value: (d) => d.credited, repeats: 'few' },
    { key: 'credit_period', value: (d) => d.creditPeriod, repeats: 'few' },
    { key: 'redlines', value: (d) => d.redlines },
    { key: 'as_of', value: (d) => d.relationship!.asOf, when: scored, repeats: 'few' },
    { key: 'score', value: (d) => nullOr(d.relationship!.score, scoreNumber), text: (d) => nullOr(d.relationship!.score, scoreText) ?? 'null', when: scored },
    { key: 'tier', value: (d) => d.relationship!.tier, when: scored, repeats: 'few' },
    { key: 'win_probability', value: (d) => nullOr(d.relationship!.probability, fixed4), when: scored, repeats: 'few' },
    { key: 'splits', value: (d) => d.splits!.map((s) => ({ rep: s.rep, share: s.share.toFixed(), amount: s.amount === null ? null : m(s.amount) })), when: (d) => Boolean(d.splits) },
  ];
}

/** The JSON text, two-space indented, ending with a newline. */
export function formatJson(sim: Simulation): string {
  const sink = new StringSink();
  writeSimulationJson(sim, sink);
  return sink.text();
}

/** How {@link writeSimulationJson} may treat the simulation it writes. */
export interface WriteJsonOptions {
  /**
   * The report is the last reader of the simulation's per-deal and per-rep results and of its
   * statement lines: each list is let go (emptied in `sim.evaluation`) once written, so that it
   * is not live while the rest is written (issue 10: at 1M deals the peak memory is set while the
   * releases, written last, make their garbage). The warnings, red lines, totals and rejected rows
   * stay. The relationship models and the tables (`sim.tables`, emptied), which the report does
   * not read, are let go before it starts. A caller that reads any of these after the report must
   * not pass it. Default false.
   */
  release?: boolean;
}

/** {@link formatJson}'s text, written to `sink` as it is produced (one rep, deal… at a time). */
export function writeSimulationJson(sim: Simulation, sink: TextSink, options: WriteJsonOptions = {}): void {
  const document = simulationDocument(sim, options.release ?? false);
  if (options.release) {
    // Read by nothing the report writes (the document holds what it needs): let go at once.
    // The relationship models keep the activities' columns and the graph run's results.
    sim.evaluation.relationship = null;
    sim.evaluation.relationshipAt = null;
    sim.tables.clear();
  }
  writeJson(document, sink);
  sink.write('\n');
}
