/**
 * A `pay … in stages` section (domain.md §4): each commission line it names is shared among the
 * deals behind it (in proportion to their credited amounts), each deal's part among the stages
 * (by their shares), and each stage is released when its trigger happens (`stages/release.ts`)
 * and paid on the pay calendar's next date (`stages/calendar.ts`). Parts are rounded by the
 * playbook's rule and the last part takes the remainder, so deals' parts add up exactly to the
 * line and stages exactly to the deal's part. A component a red line forfeits is never paid:
 * its releases are held with the forfeit's reason.
 */
import { Decimal } from '../decimal.js';
import type { NodeInputs, NodeOf, RunContext } from '../context.js';
import { type RoundingMode, splitExact } from '../money.js';
import { DAY_MS, type Period, dateText } from '../periods.js';
import type { ComponentKind, PayoutLine } from '../result.js';
import { calendarText, payDate } from '../stages/calendar.js';
import { type StageEvents, dayOf, stageEvents } from '../stages/events.js';
import { applyReversals, reversalsOf } from '../stages/clawback.js';
import { applyLimits } from '../stages/limits.js';
import { type CapReleaser, type CappedPart, releaseUnderCaps } from '../stages/cap-release.js';
import { ReleaseRecord, wordsText } from '../stages/release-record.js';
import { fromMinorUnits, toMinorUnits } from '../minor-units.js';
import { ReleaseTable, ReleaseView, StagedPart } from '../stages/release-table.js';
import { splitUnits, stepPlaces } from '../stages/split-units.js';
import { bandRates } from '../commission.js';
import { completedRow, releaseUnitsOf } from '../stages/release-units.js';
import { materialized, sortReleases } from '../stages/release-order.js';
import { type StageTrigger, releaseStage } from '../stages/release.js';
import { type ComponentResult, teamMembers } from './commission.js';
import { type CreditResult, creditAmountOf } from './credit.js';
import type { PayoutResult } from './payout.js';

/** One released (or held) part of a commission line: a deal's part of a stage. Dates are date values. */
export interface Release {
  /** Rep key and index (reps-table order). */
  rep: string;
  repIndex: number;
  component: string;
  kind: ComponentKind;
  /** The period of the commission line it is part of (`2026`, `2026-Q1`, `2026-03`). */
  period: string;
  /** The deal's id, or null for a line no credited deal is behind (released at the period's end). */
  deal: string | null;
  /** The stage as written (`cash collected`) and its trigger. */
  stage: string;
  trigger: StageTrigger;
  amount: Decimal;
  /** When the commission was earned: the deal's credit day. */
  earnedOn: number;
  /** When the trigger happened (the part was released), or null when it had not by the end of the data. */
  triggeredOn: number | null;
  /** When it is payable: the pay calendar's date after the trigger; null when not triggered or forfeited. */
  payableOn: number | null;
  /** Why it is held whatever the date (not triggered, forfeited), or null. */
  held: string | null;
  /** How the part was computed, in words. */
  explain: string;
  /**
   * Absent for an ordinary part. `clawback`: money taken back because the deal was reversed (a
   * negative amount, earned, triggered, payable and recovered on the reversal's day); `cancelled`:
   * a part the reversal cancelled before it was paid (never paid; `held` says why); `top-up`: what
   * a minimum per deal adds (paid like a part, kept on reversal); `capped`: what a cap takes off
   * (never paid; `held` says why; `cancelledOn` is the day it is earned).
   */
  line?: 'clawback' | 'cancelled' | 'top-up' | 'capped';
  /** For a cancelled part: the day of the reversal that cancelled it; for a capped one, the day it was earned (a date value). */
  cancelledOn?: number;
  /** For a capped part: how much of it was the minimum's top-up (a cap per period reached by the top-up), when any. */
  cappedTopUp?: Decimal;
}

export interface StagesResult {
  /** Every part, by rep, component, deal, stage, trigger date. */
  releases: Release[];
  /** The latest day this node read: credited deals' credit days and every row of its tables. */
  lastDate: number | null;
  warnings: string[];
}

/** No rows (a deal with none in the table its trigger reads). */
const NO_ROWS = new Float64Array(0);

const text = (a: string | null, b: string | null) => ((a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0);

/**
 * What a stages section reads from its lifecycle tables: the credited deals' collections, invoices
 * and progress rows by trigger (progress also as `completion`), and the reversals a clawback
 * reads (all deals' rows). It depends on the credit result and those tables only.
 */
interface StageTables {
  tables: Partial<Record<StageTrigger, StageEvents>>;
  reversalRows: StageEvents | null;
}

/** @throws EvaluationError when a lifecycle table the section names was not loaded. */
function readStageTables(node: NodeOf<'stages'>, run: RunContext, credited: Uint8Array): StageTables {
  const dealIndex = run.deals.indexOf();
  const tables: Partial<Record<StageTrigger, StageEvents>> = {};
  for (const [trigger, role] of [['cash', node.tables.collections], ['invoice', node.tables.invoices], ['revenue', node.tables.progress]] as const) {
    if (!role) continue;
    // Triggers (and a clawback window's collections) are read for credited deals only: other deals' rows are not kept.
    const events = stageEvents(run, role, dealIndex, trigger === 'revenue', credited);
    tables[trigger] = events;
    if (trigger === 'revenue') tables.completion = events;
  }
  // Clawbacks read the reversals table, and a window the collections (and invoices) it waits for.
  const reversals = node.clawback?.reversals;
  return { tables, reversalRows: reversals ? stageEvents(run, reversals, dealIndex) : null };
}

/**
 * The section's lifecycle tables read ahead, while a table it does not read is still loading
 * (engine.ts, `PREPARERS`): once the credit result is computed and every table it names is
 * loaded, else nothing (undefined). At 1,000,000 deals this is ~2–3 s of the stages' work that
 * no longer waits for the activities (issue 10, scale). The values are those
 * {@link evaluateStages} would read itself: nothing else has run on these inputs in between.
 */
export function prepareStages(node: NodeOf<'stages'>, run: RunContext, ready: (id: string) => unknown): StageTables | undefined {
  const credit = ready('credit') as CreditResult | undefined;
  const roles = [node.tables.collections, node.tables.invoices, node.tables.progress, node.clawback?.reversals];
  if (credit === undefined || roles.some((role) => role && !run.tables.has(role.table))) return undefined;
  return readStageTables(node, run, credit.credited);
}

export function evaluateStages(node: NodeOf<'stages'>, run: RunContext, inputs: NodeInputs): StagesResult {
  const credit = inputs.get<CreditResult>('credit');
  const payout = inputs.maybe<PayoutResult>('payout');
  const warnings: string[] = [];
  let lastDate: number | null = null;
  const later = (d: number | null) => {
    if (d !== null) lastDate = lastDate === null ? d : Math.max(lastDate, d);
  };
  const { tables, reversalRows } = (inputs.prepared as StageTables | undefined) ?? readStageTables(node, run, credit.credited);
  const dealIndex = run.deals.indexOf();
  for (const trigger of ['cash', 'invoice', 'revenue'] as const) {
    const events = tables[trigger];
    if (!events) continue;
    for (const w of events.warnings) warnings.push(w);
    later(events.lastDate);
  }
  for (let i = 0; i < credit.credited.length; i++) if (credit.credited[i]) later(dayOf(run.deals.value(i, run.deals.date) as number));
  const claw = node.clawback;
  const extra = (role: { table: string; deal: string; date: string; measure: string } | null | undefined) => (role ? stageEvents(run, role, dealIndex) : null);
  if (reversalRows) {
    for (const w of reversalRows.warnings) warnings.push(w);
    later(reversalRows.lastDate);
  }

  const shares = node.stages.map((s) => new Decimal(s.share));
  // The start of each stage's words (`40% with cash collected`) and the pay calendar's, once per node.
  const stageHead = node.stages.map((s) => `${new Decimal(s.share).mul(100).toString()}% ${s.name}`);
  const calendar = calendarText(node.calendar);
  const periodOf = (day: number, unit: 'month' | 'quarter' | 'year') => run.periods(unit).find((p) => p.start <= day && day < p.end)?.key ?? dateText(day).slice(0, unit === 'year' ? 4 : 7);
  const { step, mode } = run.graph.playbook.rounding;
  const releases: Release[] = [];
  // The splits in whole steps where they give splitExact's parts (stages/split-units.ts): the step's
  // places (-1: not a power of ten), the stage shares as integers over 10^places (null: splitExact).
  const places = stepPlaces(step);
  const sharePlaces = Math.max(0, ...shares.map((x) => x.decimalPlaces()));
  const shareUnits = places >= 0 && sharePlaces <= 15 ? shares.map((x) => toMinorUnits(x, sharePlaces)) : null;
  const stageSplit = shareUnits && shareUnits.every(Number.isSafeInteger) ? { units: shareUnits, den: 10 ** sharePlaces } : null;
  // The deals' credit in whole minor units and its sum, or null when a credit is not in whole minor units, is a −0 or the sum passes 2^53.
  const creditUnits = (deals: Behind[]): { weights: number[]; sum: number } | null => {
    const weights: number[] = new Array(deals.length);
    let sum = 0;
    for (let k = 0; k < deals.length; k++) {
      const units = deals[k].units;
      if (Number.isNaN(units)) return null;
      weights[k] = units;
      sum += units;
    }
    return Number.isSafeInteger(sum) ? { weights, sum } : null;
  };
  // A line's parts by its deals in whole steps, or null when splitExact must make them.
  const dealSplit = (line: Decimal, credits: { weights: number[]; sum: number } | null): number[] | null => {
    if (places < 0 || credits === null) return null;
    const whole = toMinorUnits(line, places);
    return Number.isNaN(whole) ? null : splitUnits(whole, credits.weights, credits.sum, mode);
  };
  // Rules that read each deal's part on its own (a minimum or cap per deal, a reversal): a part made
  // larger than its line by credit notes in the same period is named to them (inflatedPartWarning).
  const perDealRules = !!(node.clawback || node.limits?.capPerDeal != null || node.limits?.minimumPerDeal != null);
  const table = new ReleaseTable(run.digits, node.stages.map((st) => st.name), node.stages.map((st) => st.trigger), stageHead, calendar);
  // With a cap and clawbacks: every part as the limits left it, and what its deal is, to release what a
  // cap kept back of it when a reversal leaves its deal or period under the cap again (stages/cap-release.ts).
  const underCaps: { part: CappedPart; deal: Behind | null; forfeit: { held: string } | null }[] | null = claw && (node.limits?.capPerPeriod || node.limits?.capPerDeal) ? [] : null;
  // The credited deals behind a line of these reps (one rep, or an overlay's team), by credit
  // date then id, each weighted by the credit the line ran on: the reps' own parts of a split
  // deal (summed when two of them share it), not the deal's whole amount. `whole` is the deal's
  // credit amount, which the cash and invoices collected are measured against.
  const creditBehind = (reps: number[], period: Period): Behind[] => {
    const deals: Behind[] = [];
    const units = credit.amountUnits;
    const dayOfDeal = (i: number) => dayOf(run.deals.value(i, run.deals.date) as number);
    const wholeUnits = (i: number) => (units === undefined ? NaN : units[i]);
    if (reps.length === 1 && run.splits === null && units !== undefined) {
      // One rep, no splits: each deal once, its credit the deal's amount, read in minor units (no Decimal made unless needed).
      for (const i of credit.dealsIn(reps[0], period)) if (credit.credited[i]) deals.push(new Behind(i, dayOfDeal(i), run.deals.id(i)!, units[i], Number.isNaN(units[i]) ? credit.amountFor(reps[0], i)! : null, units[i], credit, run.digits));
    } else {
      const byDeal = new Map<number, Decimal>();
      // One rep: each deal once, its credit as it is (the sum with zero is the same value).
      if (reps.length === 1) for (const i of credit.dealsIn(reps[0], period)) if (credit.credited[i]) byDeal.set(i, credit.amountFor(reps[0], i)!);
      if (reps.length !== 1) for (const m of reps) for (const i of credit.dealsIn(m, period)) if (credit.credited[i]) byDeal.set(i, (byDeal.get(i) ?? new Decimal(0)).plus(credit.amountFor(m, i)!));
      for (const [i, amount] of byDeal) {
        const u = toMinorUnits(amount, run.digits);
        deals.push(new Behind(i, dayOfDeal(i), run.deals.id(i)!, u === 0 && amount.isNegative() ? NaN : u, amount, wholeUnits(i), credit, run.digits));
      }
    }
    return deals.sort((a, b) => a.day - b.day || text(a.id, b.id));
  };
  for (const c of node.components) {
    const commission = run.graph.nodes.find((n): n is NodeOf<'commission'> => n.id === c.node && n.kind === 'commission')!;
    const team = commission.team === undefined ? null : teamMembers(run, commission.team);
    // The highest rate any band of the table pays (any version), plus a unit of rounding per unit of credit.
    const topRate = Decimal.max(0, ...bandRates(commission)).plus('0.0001');
    const result = inputs.get<ComponentResult>(c.node);
    for (let r = 0; r < run.reps.keys.length; r++) {
      const forfeit = payout?.reps[r].forfeits.find((f) => f.component === c.name);
      // A released part's pay date: none while the component is forfeited.
      const payableOf = (on: number) => (forfeit ? null : payDate(on, node.calendar));
      // One string for all the rep's held parts of a forfeited component (not one per part).
      const forfeitHeld = forfeit ? `forfeited (${forfeit.rule}): ${forfeit.reason}` : null;
      // Every deal's part of every line of the rep, first: minimums and caps look at them all.
      const all = result.lines[r].filter((line) => line.component === c.name && !line.amount.isZero()).flatMap((line) => {
        const period = run.periods(commission.period).find((p) => p.key === line.period)!;
        const deals = creditBehind(team ? team[r] : [r], period);
        // The line's credited total: the sum in minor units made a Decimal once, or the Decimals added.
        const credits = creditUnits(deals);
        const total = credits ? fromMinorUnits(credits.sum, run.digits) : deals.reduce((s, d) => s.plus(d.amount), new Decimal(0));
        // A line of a table with plan versions is shared by the deals' own prices (each deal under its version), not by credit.
        const priced = line.dealPrices && deals.length > 0 ? pricedParts(line, total, deals, step, mode, places) : null;
        if (priced) return priced;
        if (deals.length === 0 || total.isZero()) return [new LinePart(line, total, null, NaN, line.amount, period.end - DAY_MS, places)];
        const units = dealSplit(line.amount, credits);
        // The deals' parts in whole steps (a Decimal made only when read), or splitExact's Decimals; parts of zero are left out.
        const out: LinePart[] = [];
        if (units) for (let k = 0; k < units.length; k++) {
          if (units[k] !== 0) out.push(new LinePart(line, total, deals[k], units[k], null, deals[k].day, places));
        }
        else splitExact(line.amount, deals.map((d) => d.amount.div(total)), step, mode).forEach((amount, k) => {
          if (!amount.isZero()) out.push(new LinePart(line, total, deals[k], NaN, amount, deals[k].day, places));
        });
        // Only where the line pays more per unit of net credit than any band's rate: a flat table's
        // parts are each deal's own price, however the credit notes net out.
        if (perDealRules && deals.some((d) => (Number.isNaN(d.units) ? d.amount.isNegative() : d.units < 0)) && line.amount.div(total).abs().gt(topRate)) {
          const over = out.find((x) => x.amount.abs().gt(line.amount.abs()));
          if (over) warnings.push(inflatedPartWarning(run, c.name, run.reps.keys[r], line, total, over));
        }
        return out;
      });
      const limited = node.limits ? applyLimits(all.map((x) => ({ deal: x.deal?.id ?? null, earnedOn: x.earnedOn, amount: x.amount })), node.limits, periodOf, run.money) : null;
      if (node.limits) warnings.push(...creditNoteLimitWarnings(run, node.limits, c.name, run.reps.keys[r], all.filter((x) => x.deal !== null && x.amount.isNegative() && x.deal.amount.isNegative()).map((x) => ({ i: x.deal!.i, id: x.deal!.id, part: x.amount }))));
      all.forEach((part, n) => {
        const { line, total, earnedOn } = part;
        const limit = limited?.[n] ?? null;
        if (limit && underCaps) underCaps.push({ part: { rep: run.reps.keys[r], repIndex: r, component: c.name, kind: line.kind, period: line.period, deal: part.deal?.id ?? null, earnedOn, amount: part.amount, limited: limit }, deal: part.deal, forfeit: forfeitHeld === null ? null : { held: forfeitHeld } });
        // The part after a minimum or cap (a Decimal), or as split: in whole steps (`part.units`) where it was split so.
        const limitedAmount = limit ? limit.amount : null;
        const amountOf = () => limitedAmount ?? part.amount;
        // The part, shared by its stages' releases; its words are written only when read (stages/release-table.ts).
        const staged = new StagedPart(run.reps.keys[r], r, c.name, line.kind, line.period, part.deal?.id ?? null, part.deal?.i ?? -1, earnedOn, run.money, run.digits, line.amount, part.deal ? { amount: places === run.digits && !Number.isNaN(part.units) ? part.units : part.amount, credited: Number.isNaN(part.deal.units) ? part.deal.amount : part.deal.units, total } : null, part.deal ? (Number.isNaN(part.deal.wholeUnits) ? part.deal.whole : part.deal.wholeUnits) : null, limitedAmount && !limitedAmount.eq(part.amount) ? limitedAmount : null);
        // The fields a minimum's top-up and a cap's line share (made only when a limit applies: no object per part otherwise).
        const base = limit ? { rep: staged.rep, repIndex: r, component: c.name, kind: line.kind, period: line.period, deal: staged.deal, earnedOn } : null;
        if (limit && limit.topUp.gt(0)) {
          const payable = forfeit ? null : payDate(earnedOn, node.calendar);
          releases.push(new ReleaseRecord({ ...base!, stage: 'minimum top-up', trigger: 'booking', amount: limit.topUp, triggeredOn: earnedOn, payableOn: payable, held: forfeitHeld, line: 'top-up' }, `topped up to the ${run.money(new Decimal(node.limits!.minimumPerDeal!))} minimum per deal: ${staged.text()}; the top-up ${run.money(limit.topUp)} is released on the credit date and ${node.limits!.topUpClawedBack ? 'clawed back with the deal' : 'kept'} if the deal is reversed; ${calendarText(node.calendar)}`));
        }
        // A negative capped amount: a credit note taken off what a cap had kept from being paid (stages/limits.ts).
        if (limit && !limit.capped.isZero()) {
          releases.push(new ReleaseRecord({ ...base!, stage: 'cap', trigger: 'booking', amount: limit.capped, triggeredOn: null, payableOn: null, held: limit.why, line: 'capped', cancelledOn: earnedOn, ...(limit.cappedTopUp.gt(0) ? { cappedTopUp: limit.cappedTopUp } : {}) }, `${limit.why}: ${staged.text()}; ${limit.capped.gt(0) ? `${run.money(limit.capped)} is not paid` : `${run.money(limit.capped.neg())} of it is not taken off the pay`}`));
        }
        if (limitedAmount ? limitedAmount.isZero() : part.units === 0 || (Number.isNaN(part.units) && part.amount.isZero())) return;
        const p = table.addPart(staged);
        const amountUnits = !stageSplit ? NaN : limitedAmount || Number.isNaN(part.units) ? toMinorUnits(amountOf(), places) : part.units;
        const stageUnits = Number.isNaN(amountUnits) ? null : splitUnits(amountUnits, stageSplit!.units, stageSplit!.den, mode);
        const decimalAmounts = stageUnits ? null : splitExact(amountOf(), shares, step, mode);
        // A stage's amount as a Decimal, made only for releaseStage.
        const stageAmount = (k: number) => (stageUnits ? fromMinorUnits(stageUnits[k], places) : decimalAmounts![k]);
        for (let k = 0; k < node.stages.length; k++) {
          const stage = node.stages[k];
          if (stageUnits ? stageUnits[k] === 0 : decimalAmounts![k].isZero()) continue;
          // Booking, cash and invoice stages in whole minor units when the step is one (stages/release-units.ts); else, or when that gives up, releaseStage.
          if (stageUnits && part.deal && places === run.digits && stage.trigger === 'booking') {
            releases.push(new ReleaseView(table, table.addUnits(p, k, stageUnits[k], earnedOn, payableOf(earnedOn), forfeitHeld, 'booked')));
            continue;
          }
          // The deal's rows of the table the trigger reads, as columns: days and measures in minor units (rows [from, to)).
          const byDeal = part.deal ? tables[stage.trigger]?.byDeal : undefined;
          const group = byDeal ? byDeal.groupOf(part.deal!.i) : -1;
          const from = group < 0 ? 0 : byDeal!.from(group);
          const to = group < 0 ? 0 : byDeal!.to(group);
          const rowDays = byDeal?.days ?? NO_ROWS;
          const rowUnits = byDeal?.units ?? NO_ROWS;
          const unitsPath = stageUnits !== null && part.deal !== null && places === run.digits && (part.deal.wholeUnits >= 0 || (Number.isNaN(part.deal.wholeUnits) && part.deal.whole.isPositive()));
          // A completion stage released by a row reported 100% complete, read in minor units (stages/release-units.ts); else releaseStage.
          if (unitsPath && stage.trigger === 'completion') {
            const at = completedRow(rowUnits, from, to, run.digits);
            if (at >= 0) {
              const on = Math.max(rowDays[at], earnedOn);
              releases.push(new ReleaseView(table, table.addUnits(p, k, stageUnits![k], on, payableOf(on), forfeitHeld, { completedOn: rowDays[at] })));
              continue;
            }
          }
          const wholeUnits = unitsPath && (stage.trigger === 'cash' || stage.trigger === 'invoice') ? part.deal!.wholeUnits : NaN;
          const inUnits = Number.isNaN(wholeUnits) ? null : releaseUnitsOf(stageUnits![k], wholeUnits, earnedOn, rowDays, rowUnits, from, to, mode);
          if (inUnits) {
            for (const piece of inUnits.pieces) releases.push(new ReleaseView(table, table.addUnits(p, k, piece.units, piece.on, payableOf(piece.on), forfeitHeld, { day: piece.day, total: piece.total })));
            if (inUnits.left !== 0) {
              const trigger = stage.trigger as 'cash' | 'invoice';
              const why = `${trigger === 'cash' ? 'cash not yet collected' : 'not yet invoiced'}: ${run.money(fromMinorUnits(inUnits.collected, run.digits))} of ${run.money(part.deal!.whole)} ${trigger === 'cash' ? 'collected' : 'invoiced'}`;
              releases.push(new ReleaseView(table, table.add(p, k, fromMinorUnits(inUnits.left, run.digits), null, null, forfeitHeld ?? why, why)));
            }
            continue;
          }
          const events = part.deal ? (byDeal?.get(part.deal.i) ?? []) : [];
          const pieces = part.deal ? releaseStage(stage.trigger, stageAmount(k), part.deal.whole, earnedOn, events, run.round, run.money) : [{ amount: stageAmount(k), on: earnedOn, why: 'no deal to wait for' }];
          for (const piece of pieces) {
            const triggered = piece.on;
            const held = forfeitHeld ?? (triggered === null ? wordsText(piece.why) : null);
            const payable = triggered === null || forfeit ? null : payDate(triggered, node.calendar);
            releases.push(new ReleaseView(table, table.add(p, k, piece.amount, triggered, payable, held, piece.why)));
          }
        }
      });
    }
  }
  table.trim();
  if (claw) {
    const deals = new Map<number, { id: string; whole: Decimal; day: number }>();
    for (let i = 0; i < credit.credited.length; i++) {
      if (!credit.credited[i]) continue;
      const whole = creditAmountOf(credit, i);
      if (whole !== null) deals.set(i, { id: run.deals.id(i)!, whole, day: dayOf(run.deals.value(i, run.deals.date) as number) });
    }
    const window = claw.window ? { ...claw.window, collections: tables.cash ?? extra(node.tables.collections)!, invoices: tables.invoice ?? extra(node.tables.invoices) } : null;
    const reversals = reversalsOf(run, { reversals: reversalRows, window, lastDate }, deals, warnings);
    // A reversal changes its deal's parts in place: they are copied from the columns to records first.
    materialized(releases, (x) => x.deal !== null && reversals.has(x.deal));
    const taken = applyReversals(releases, reversals, run.round, run.money, node.limits?.topUpClawedBack ?? false);
    for (const r of taken) releases.push(r);
    if (underCaps && underCaps.length > 0) {
      const releaser = capReleaser(node, run, tables, underCaps, stageHead);
      const caps = { perDeal: node.limits!.capPerDeal, perPeriod: node.limits!.capPerPeriod };
      for (const x of releaseUnderCaps(underCaps.map((x) => x.part), reversals, releases, caps, node.limits!.topUpClawedBack, releaser, run.round, run.money)) releases.push(x);
    }
  }
  // By rep, component, deal, the stages as written then the minimum top-up then what a cap took off, trigger date.
  const stageOrder = new Map([...node.stages.map((s, k) => [s.name, k] as const), ['minimum top-up', node.stages.length] as const, ['cap', node.stages.length + 1] as const, ['cap released', node.stages.length + 2] as const]);
  sortReleases(releases, stageOrder, dealIndex);
  return { releases, lastDate, warnings };
}

/** `2026-05-03`, or `—` for no date. */
export function dayText(d: number | null): string {
  return d === null ? '—' : dateText(d);
}

/**
 * A credited deal behind a commission line: its index, credit day and id, the reps' credit on it
 * (`units`: in whole minor units, NaN where it is not held so — a −0, a fraction of a minor unit,
 * past 2^53) and the deal's whole amount (`wholeUnits`, the same way), each a Decimal only when
 * read (issue 10: a million deals' amounts were kept as Decimals).
 */
class Behind {
  private credited: Decimal | null;

  constructor(
    readonly i: number,
    readonly day: number,
    readonly id: string,
    readonly units: number,
    /** The reps' credit as a Decimal when it was made one (always when `units` is NaN). */
    credited: Decimal | null,
    readonly wholeUnits: number,
    private readonly credit: CreditResult,
    private readonly digits: number,
  ) {
    this.credited = credited;
  }

  /** The reps' credit on the deal (currency). */
  get amount(): Decimal {
    return this.credited ?? (this.credited = fromMinorUnits(this.units, this.digits));
  }

  /** The deal's whole credited amount (currency; a new Decimal when read from its units). */
  get whole(): Decimal {
    if (!Number.isNaN(this.wholeUnits)) return fromMinorUnits(this.wholeUnits, this.digits);
    return creditAmountOf(this.credit, this.i)!;
  }
}

/**
 * A deal's part of a commission line (or a line no credited deal is behind: `deal` null): the part
 * in whole steps of the rounding (`units`, NaN when splitExact made it a Decimal), a Decimal made
 * only when read.
 */
class LinePart {
  private made: Decimal | null;

  constructor(
    readonly line: PayoutLine,
    /** The line's credited total (currency). */
    readonly total: Decimal,
    readonly deal: Behind | null,
    readonly units: number,
    amount: Decimal | null,
    /** The day the part is earned (a date value). */
    readonly earnedOn: number,
    /** Decimal places of the rounding step (`units` are 10^-places each). */
    private readonly places: number,
  ) {
    this.made = amount;
  }

  get amount(): Decimal {
    return this.made ?? (this.made = fromMinorUnits(this.units, this.places));
  }
}

/**
 * A line shared by credit among deals whose credit nearly nets out (credit notes in the same
 * period, or a to-date increment that re-prices earlier periods): a deal's part is then larger than
 * the line itself (a Q2 increment of 1,050 over 10,000 and −9,000 gives D2 10,500), and a minimum
 * or cap per deal or a reversal reads that part. Named, so it is checked (found by a trial user).
 */
function inflatedPartWarning(run: RunContext, component: string, rep: string, line: PayoutLine, total: Decimal, part: LinePart): string {
  return `"${component}" for rep ${rep}, ${line.period}: the line of ${run.money(line.amount)} is shared by credit among deals that net to ${run.money(total)}, credit notes included, so deal ${part.deal!.id}'s part is ${run.money(part.amount)}, more than the line; the minimum or cap per deal, or a reversal, works on that part, so check what this rep is owed by hand (section 12c)`;
}

/**
 * A versioned line's parts by its deals' own prices (PayoutLine.dealPrices), adding up exactly to
 * the line; null when the prices add up to zero (then the line is shared by credit).
 */
function pricedParts(line: PayoutLine, total: Decimal, deals: Behind[], step: string, mode: RoundingMode, places: number): LinePart[] | null {
  const weights = deals.map((d) => line.dealPrices!.get(d.i) ?? new Decimal(0));
  const sum = weights.reduce((s, w) => s.plus(w), new Decimal(0));
  if (sum.isZero()) return null;
  const out: LinePart[] = [];
  splitExact(line.amount, weights.map((w) => w.div(sum)), step, mode).forEach((amount, k) => {
    if (!amount.isZero()) out.push(new LinePart(line, total, deals[k], NaN, amount, deals[k].day, places));
  });
  return out;
}

/**
 * Warnings for credit notes (deals credited with a negative amount) under a minimum or cap per deal
 * (§12c): a credit note is a deal row of its own, so those lines cannot tell which deal it reduces —
 * the cap takes off at most the cap for it, and the deal it reduces keeps its top-up. One warning per
 * rep and component, naming up to five of them by file and line; empty when there are none.
 */
function creditNoteLimitWarnings(run: RunContext, limits: NonNullable<NodeOf<'stages'>['limits']>, component: string, rep: string, notes: { i: number; id: string; part: Decimal }[]): string[] {
  if (notes.length === 0 || (limits.capPerDeal === null && limits.minimumPerDeal === null)) return [];
  const file = run.deals.table.schema.file;
  const one = notes.length === 1;
  const named = notes.slice(0, 5).map((n) => `${n.id} (${file}:${run.deals.line(n.i)}, commission ${run.money(n.part)})`).join(', ');
  const more = notes.length > 5 ? ` and ${notes.length - 5} more` : '';
  const cap = limits.capPerDeal === null ? null : run.money(new Decimal(limits.capPerDeal));
  const minimum = limits.minimumPerDeal === null ? null : run.money(new Decimal(limits.minimumPerDeal));
  const effects = [cap === null ? null : `the cap of ${cap} per deal takes off at most ${cap} for ${one ? 'it' : 'each'}, as it pays at most that for a deal`, minimum === null ? null : `the deal ${one ? 'it' : 'each one'} reduces keeps its top-up to the ${minimum} minimum`].filter((x) => x !== null).join(', and ');
  const head = one ? `credit note ${named} is a deal row of its own, not linked to the deal it reduces` : `${notes.length} credit notes, ${named}${more}, are deal rows of their own, not linked to the deals they reduce`;
  return [`"${component}" for rep ${rep}: ${head}, so ${effects}. To take back what a deal was paid, list its credit notes in a reversals table with "clawed back on reversal" (section 12c)`];
}

/**
 * How what a cap kept back is paid when a reversal releases it (stages/cap-release.ts): through
 * the part's stages as its own were released, from the reversal's day on (cash and invoices
 * measured against what is left of the deal), or as a minimum's top-up released that day; held
 * with the forfeit's reason when a red line forfeits the component.
 * @param parts the parts under the caps, each with its deal and forfeit.
 * @param stageHead each stage's words (`40% cash collected`).
 */
function capReleaser(node: NodeOf<'stages'>, run: RunContext, tables: StageTables['tables'], parts: { part: CappedPart; deal: Behind | null; forfeit: { held: string } | null }[], stageHead: string[]): CapReleaser {
  const info = new Map(parts.map((x) => [x.part, x]));
  const shares = node.stages.map((st) => new Decimal(st.share));
  const { step, mode } = run.graph.playbook.rounding;
  const calendar = calendarText(node.calendar);
  return {
    stages: (part, amount, on, why, dealLeft) => {
      const { deal, forfeit } = info.get(part)!;
      const out: Release[] = [];
      splitExact(amount, shares, step, mode).forEach((stageAmount, k) => {
        if (stageAmount.isZero()) return;
        const stage = node.stages[k];
        const events = deal ? (tables[stage.trigger]?.byDeal.get(deal.i) ?? []) : [];
        // Cash and invoices are measured against what is left of the deal (a partly reversed deal brings in only that).
        const pieces = deal ? releaseStage(stage.trigger, stageAmount, deal.whole.mul(dealLeft), part.earnedOn, events, run.round, run.money) : [{ amount: stageAmount, on: part.earnedOn, why: 'no deal to wait for' }];
        for (const piece of pieces) {
          const triggered = piece.on === null ? null : Math.max(piece.on, on);
          const held = forfeit?.held ?? (triggered === null ? wordsText(piece.why) : null);
          out.push(new ReleaseRecord({ rep: part.rep, repIndex: part.repIndex, component: part.component, kind: part.kind, period: part.period, deal: part.deal, stage: stage.name, trigger: stage.trigger, amount: piece.amount, earnedOn: on, triggeredOn: triggered, payableOn: triggered === null || forfeit ? null : payDate(triggered, node.calendar), held }, `${why}; ${stageHead[k]}: ${wordsText(piece.why)}${triggered !== null && piece.on !== null && piece.on < on ? `, paid from ${dateText(on)}` : ''}; ${calendar}`));
        }
      });
      return out;
    },
    topUp: (part, amount, on, why) => {
      const { forfeit } = info.get(part)!;
      return new ReleaseRecord({ rep: part.rep, repIndex: part.repIndex, component: part.component, kind: part.kind, period: part.period, deal: part.deal, stage: 'minimum top-up', trigger: 'booking', amount, earnedOn: on, triggeredOn: on, payableOn: forfeit ? null : payDate(on, node.calendar), held: forfeit?.held ?? null, line: 'top-up' }, `${why}; ${calendar}`);
    },
  };
}
