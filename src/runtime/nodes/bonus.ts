/**
 * A bonus (domain.md §3–4): per deal (each credited deal that meets the
 * condition pays the amount, rounded per deal) or per rep (each period in
 * which the rep meets the condition pays the amount). With plan versions, a deal
 * is judged by the version in force on its credit date, a rep's period by the
 * version in force on the period's last day (docs/language.md §9).
 */
import { Decimal } from '../decimal.js';
import { MAX_LISTED, type NodeInputs, type NodeOf, type RunContext, listFirst } from '../context.js';
import { atDeal, atRow, compileContext, compileExpr, newEnv } from '../expr.js';
import { compileCondition } from '../compiled/condition.js';
import type { PayoutLine } from '../result.js';
import type { ComponentResult } from './commission.js';
import type { CreditResult } from './credit.js';
import { splitAmount } from '../split-amount.js';
import { type VersionSpan, lastDayOf, versionJudging, versionName } from '../versions.js';
import { instalmentParts } from '../instalments.js';
import { beforeStart, repStartDays } from '../in-post.js';
import { dateText } from '../periods.js';

export function evaluateBonus(node: NodeOf<'bonus'>, run: RunContext, inputs: NodeInputs): ComponentResult {
  const ctx = compileContext(run, inputs);
  // One compiled condition and amount per plan version (one, unnamed, without versions). A
  // per-deal bonus decides its condition with a compiled decision (exact integers over columns).
  const versions = (node.versions ?? [node]).map((v) => ({
    condition: v.condition ? compileExpr(v.condition, ctx) : null,
    dealCondition: v.condition && node.scope === 'deal' ? compileCondition(v.condition, run, inputs, run.graph.roles.deals.table, run.deals.source) : null,
    amount: compileExpr(v.amount, ctx),
    name: node.versions ? `version ${versionName(v as VersionSpan)}` : null,
  }));
  const judging = (date: number | null) => (node.versions ? versionJudging(node.versions, date, lastDayOf(run.plan)) : 0);
  const credit = inputs.get<CreditResult>('credit');
  const env = newEnv(run);
  const deals = run.deals.source;
  const warnings: string[] = [];
  const lines: PayoutLine[][] = run.reps.keys.map(() => []);
  // A rep's periods that end before their start date are not looked at (in-post.ts).
  const starts = node.scope === 'deal' ? null : repStartDays(run);
  for (let r = 0; r < lines.length; r++) {
    if (node.scope === 'deal') {
      let sum = new Decimal(0);
      let basis = new Decimal(0);
      const paid: string[] = [];
      const parts: string[] = [];
      const traced: { deal: number; amount: Decimal }[] = [];
      for (const i of run.reps.deals[r]) {
        if (!credit.credited[i]) continue;
        atDeal(env, deals, i);
        // A deal is judged by the version in force on its credit date.
        const version = versions[node.versions ? judging(deals.value(i, run.deals.date) as number | null) : 0];
        const { dealCondition, amount } = version;
        if (dealCondition && dealCondition(i, env) !== true) continue;
        const value = amount(env) as Decimal | null;
        if (value === null) {
          warnings.push(`bonus "${node.name}": the amount for deal ${run.deals.id(i)} is missing, so it pays nothing`);
          continue;
        }
        let rounded = run.round(value);
        // A split deal's bonus is shared as its credit is: by the same shares, adding up exactly.
        const shares = run.splits?.get(i);
        if (shares) {
          const parts = splitAmount(rounded, shares.map((x) => x.share), run.graph.playbook.rounding.step);
          rounded = shares.reduce((t, x, k) => (x.rep === r ? t.plus(parts[k]) : t), new Decimal(0));
        }
        if (rounded.isZero()) continue;
        sum = sum.plus(rounded);
        basis = basis.plus(credit.amountFor(r, i)!);
        paid.push(run.deals.id(i));
        // Only the deals the explanation names are written out (listIds shows the first few, then a count).
        if (parts.length < MAX_LISTED) parts.push(`${run.deals.id(i)} ${run.money(rounded)}${version.name ? ` (${version.name})` : ''}`);
        traced.push({ deal: i, amount: rounded });
      }
      const explain = paid.length === 0 ? 'no qualifying credited deal' : `${paid.length} deal${paid.length === 1 ? '' : 's'}: ${listFirst(parts, paid.length)}`;
      const line: PayoutLine = { component: node.name, kind: 'bonus', period: run.plan.key, amount: sum, basis, explain, deals: paid, node: node.id };
      if (run.trace) line.trace = { unrounded: sum, deals: traced };
      lines[r].push(line);
      continue;
    }
    env.rep = r;
    atRow(env, run.reps.rows[r]);
    let notInPost = 0;
    for (const period of run.periods(node.period)) {
      if (beforeStart(starts![r], period.end)) {
        notInPost++;
        continue;
      }
      env.period = period;
      // A rep's period is judged by the version in force on its last day.
      const version = versions[judging(lastDayOf(period))];
      const { condition, amount } = version;
      if (condition && condition(env) !== true) continue;
      const value = amount(env) as Decimal | null;
      if (value === null) {
        warnings.push(`bonus "${node.name}": the amount for rep ${run.reps.keys[r]} in ${period.key} is missing, so it pays nothing`);
        continue;
      }
      if (node.instalments) {
        lines[r].push(...instalmentLines(node, run, run.round(value), credit.creditedIn(r, period), value, version.name));
        continue;
      }
      const line: PayoutLine = { component: node.name, kind: 'bonus', period: period.key, amount: run.round(value), basis: credit.creditedIn(r, period), explain: `condition met in ${period.key}${version.name ? ` (${version.name})` : ''}`, deals: [], node: node.id };
      if (run.trace) line.trace = { unrounded: value };
      lines[r].push(line);
    }
    const before = notInPost === 0 ? '' : `; the ${notInPost} ${node.period === 'year' ? 'year' : `${node.period}${notInPost === 1 ? '' : 's'}`} before the rep's start date ${dateText(starts![r]!)} not looked at`;
    if (lines[r].length === 0) lines[r].push({ component: node.name, kind: 'bonus', period: run.plan.key, amount: new Decimal(0), basis: new Decimal(0), explain: `condition not met${before}`, deals: [], node: node.id });
  }
  return { lines, warnings };
}

/**
 * A yearly bonus paid in instalments: one line per month (or quarter) of the plan period, every
 * rep paid every instalment of the plan period (a rep who joins or leaves mid-year is paid the
 * whole amount unless the amount itself is prorated); the parts add up exactly to the year's amount.
 */
function instalmentLines(node: NodeOf<'bonus'>, run: RunContext, total: Decimal, basis: Decimal, unrounded: Decimal, version: string | null = null): PayoutLine[] {
  // The year is judged once, by the version in force on its last day: every part says which, or a
  // plan whose amount changes in July reads its January part as paid under the January version.
  const judged = version ? ` (${version}, in force on the plan period's last day, judges the whole year)` : '';
  const periods = run.periods(node.instalments!);
  const parts = instalmentParts(total, periods.length, run.round);
  const every = node.instalments === 'month' ? 'monthly' : 'quarterly';
  return periods.map((period, k): PayoutLine => {
    const last = k === periods.length - 1;
    const how = last ? `the rest of ${run.money(total)} after ${periods.length - 1} parts of ${run.money(parts[0])}` : `${run.money(total)} ÷ ${periods.length}, rounded`;
    const line: PayoutLine = { component: node.name, kind: 'bonus', period: period.key, amount: parts[k], basis, explain: `${node.condition ? `condition met in ${run.plan.key}; ` : ''}${every} instalment ${k + 1} of ${periods.length}: ${how}${judged}`, deals: [], node: node.id };
    if (run.trace) line.trace = { unrounded: last ? parts[k] : unrounded.div(periods.length) };
    return line;
  });
}
