/**
 * Checking one `expect …` line against an evaluation. Each kind of expectation
 * reads one value of the result (a payout, a deal's fate, a tier, …) and says
 * how to explain it when it differs.
 */
import { closest } from '../../language/closest.js';
import { Decimal } from '../../runtime/decimal.js';
import { groupedText } from '../../runtime/money.js';
import type { Evaluation, RepResult } from '../../runtime/result.js';
import type { ExplainRequest } from '../explain/index.js';

/** What checking an expectation gives: the two values as text, and what to explain if they differ. */
export interface Checked {
  holds: boolean;
  expected: string;
  actual: string;
  /** The explain request that shows how the actual value was computed, or a ready text. */
  explain: ExplainRequest | string | null;
}

/** A mistake in an expectation's wording (exit 2, like a test file error). */
export class ExpectationSyntaxError extends Error {}

const NAME = String.raw`("(?:[^"\\]|\\.)*"|[^\s"]+)`;
const unquote = (s: string): string => (s.startsWith('"') ? s.slice(1, -1).replace(/\\(.)/g, '$1') : s);

/** `400,000`, `1,234.50`, `80%`, `-500` → exact decimal; null if not a number. */
export function parseNumber(text: string): Decimal | null {
  const m = /^(-|−)?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s?(%)?$/.exec(text.trim());
  if (!m) return null;
  const d = new Decimal(`${m[1] ? '-' : ''}${m[2].replace(/,/g, '')}${m[3] ?? ''}`);
  return m[4] ? d.div(100) : d;
}

interface Ctx {
  evaluation: Evaluation;
  digits: number;
}

function compareNumber(expectedText: string, actual: Decimal | null, show: (d: Decimal) => string, explain: Checked['explain']): Checked {
  const expected = parseNumber(expectedText);
  if (expected === null) throw new ExpectationSyntaxError(`"${expectedText}" is not a number (write 400,000, 1,234.50 or 80%)`);
  return { holds: actual !== null && actual.eq(expected), expected: show(expected), actual: actual === null ? 'missing' : show(actual), explain };
}

function findRep(ctx: Ctx, name: string): RepResult | string {
  const rep = ctx.evaluation.reps.find((r) => r.rep === name);
  return rep ?? `there is no rep "${name}" in the test's reps table (reps: ${ctx.evaluation.reps.map((r) => r.rep).join(', ') || 'none'})`;
}

function missing(expected: string, why: string): Checked {
  return { holds: false, expected, actual: why, explain: null };
}

type Rule = [RegExp, (ctx: Ctx, m: string[]) => Checked];

const rules: Rule[] = [
  [
    new RegExp(`^(payout|credited|forfeited) of ${NAME} = (.+)$`),
    (ctx, [, what, name, value]) => {
      const rep = findRep(ctx, unquote(name));
      if (typeof rep === 'string') return missing(value, rep);
      const money = (d: Decimal) => groupedText(d, ctx.digits);
      const actual = what === 'payout' ? rep.payout : what === 'credited' ? rep.credited : rep.forfeited;
      return compareNumber(value, actual, money, { rep: rep.rep });
    },
  ],
  [
    new RegExp(`^attainment of ${NAME}(?: against ${NAME})? = (.+)$`),
    (ctx, [, name, quota, value]) => {
      const rep = findRep(ctx, unquote(name));
      if (typeof rep === 'string') return missing(value, rep);
      const quotas = [...rep.quotas.entries()];
      const chosen = quota === undefined ? (quotas.length > 0 ? quotas[0] : undefined) : quotas.find(([q]) => q === unquote(quota));
      if (chosen === undefined) return missing(value, `no quota${quota ? ` "${unquote(quota)}"` : ''} (quotas: ${quotas.map(([q]) => q).join(', ') || 'none'})`);
      const [q, target] = chosen;
      // Attainment is the year's credited amount over the annual quota.
      const actual = target.isZero() ? null : rep.credited.div(target);
      const checked = compareNumber(value, actual, (d) => `${d.times(100).toString()}%`, { rep: rep.rep });
      return { ...checked, actual: `${checked.actual} (credited ${groupedText(rep.credited, ctx.digits)} of quota ${q} ${groupedText(target, ctx.digits)})` };
    },
  ],
  [
    new RegExp(`^line ${NAME} of ${NAME}(?: in ${NAME})? = (.+)$`),
    (ctx, [, component, name, period, value]) => {
      const rep = findRep(ctx, unquote(name));
      if (typeof rep === 'string') return missing(value, rep);
      const c = unquote(component);
      const p = period === undefined ? undefined : unquote(period);
      const lines = rep.lines.filter((l) => l.component === c && (p === undefined || l.period === p));
      const total = lines.length === 0 ? null : lines.reduce((s, l) => s.plus(l.amount), new Decimal(0));
      const explain: ExplainRequest = lines.length === 0 ? { rep: rep.rep } : { rep: rep.rep, component: c, period: p };
      const show = (d: Decimal) => groupedText(d, ctx.digits);
      const checked = compareNumber(value, total, show, explain);
      if (total !== null) return checked;
      // A misspelt component (`comission`): name the one meant, as explain does.
      const known = new Set(ctx.evaluation.reps.flatMap((r) => r.lines.map((l) => l.component)));
      const near = known.has(c) ? null : closest(c, known);
      return { ...checked, actual: `no "${c}" line${p ? ` in ${p}` : ''}${near === null ? '' : ` (did you mean "${near}"?)`}` };
    },
  ],
  [
    new RegExp(`^deal ${NAME} (not )?(blocked|credited)$`),
    (ctx, [, id, not, what]) => {
      const deal = ctx.evaluation.deals.find((d) => d.id === unquote(id));
      const expected = `${not ? 'not ' : ''}${what}`;
      if (!deal) return missing(expected, `there is no deal "${unquote(id)}" in the test's deals table`);
      const is = what === 'blocked' ? deal.blockedCredit : deal.credited;
      return { holds: is === !not, expected, actual: `${is ? '' : 'not '}${what}`, explain: { deal: deal.id } };
    },
  ],
  [
    new RegExp(`^red line ${NAME} (not )?tripped(?: on deal ${NAME}| by ${NAME})?$`),
    (ctx, [, line, not, deal, rep]) => {
      const id = unquote(line);
      const summary = ctx.evaluation.redlines.find((r) => r.id === id);
      const expected = `${not ? 'not ' : ''}tripped`;
      if (!summary) return missing(expected, `there is no red line "${id}" (red lines: ${ctx.evaluation.redlines.map((r) => r.id).join(', ')})`);
      let tripped: boolean;
      let explain: Checked['explain'];
      if (deal !== undefined) {
        const d = ctx.evaluation.deals.find((x) => x.id === unquote(deal));
        if (!d) return missing(expected, `there is no deal "${unquote(deal)}" in the test's deals table`);
        tripped = d.redlines.includes(id);
        explain = { deal: d.id };
      } else if (rep !== undefined) {
        tripped = summary.reps.includes(unquote(rep));
        explain = `red line "${id}" tripped by: ${summary.reps.join(', ') || 'no rep'}`;
      } else {
        tripped = summary.deals > 0 || summary.reps.length > 0;
        explain = `red line "${id}": ${summary.deals} deal(s), rep(s): ${summary.reps.join(', ') || 'none'}`;
      }
      return { holds: tripped === !not, expected, actual: `${tripped ? '' : 'not '}tripped`, explain };
    },
  ],
  [
    new RegExp(`^ranking ${NAME} of ${NAME} in ${NAME} = (top|middle|bottom)$`),
    (ctx, [, ranking, name, period, band]) => {
      const r = unquote(ranking);
      const entry = ctx.evaluation.ranking.find((e) => e.ranking === r && e.rep === unquote(name) && e.period === unquote(period));
      if (!entry) return missing(band, `not ranked by "${r}" in ${unquote(period)}`);
      const how = `rank ${entry.rank} by ${groupedText(entry.metric, ctx.digits)} in ${entry.period} (${ctx.evaluation.ranking.filter((e) => e.ranking === r && e.period === entry.period).length} ranked)`;
      return { holds: entry.band === band, expected: band, actual: `${entry.band}, ${how}`, explain: { rep: entry.rep } };
    },
  ],
  [
    new RegExp(`^(score|tier|win probability) of deal ${NAME} = (.+)$`),
    (ctx, [, what, id, value]) => {
      const deal = ctx.evaluation.deals.find((d) => d.id === unquote(id));
      if (!deal) return missing(value, `there is no deal "${unquote(id)}" in the test's deals table`);
      const rel = deal.relationship;
      if (!rel) return missing(value, 'the deal has no relationship score (no scoring section, or no as-of date)');
      const explain = { deal: deal.id };
      if (what === 'tier') return { holds: rel.tier === unquote(value), expected: unquote(value), actual: rel.tier ?? 'no tier', explain };
      const pct = (d: Decimal) => `${d.times(100).toString()}%`;
      return what === 'score' ? compareNumber(value, rel.score, (d) => d.toString(), explain) : compareNumber(value, rel.probability, pct, explain);
    },
  ],
];

/** `rejected "MESSAGE"`: an expectation about the loader's messages (run.ts reads it, not {@link checkExpectation}). */
export const REJECTED = /^rejected "((?:[^"\\]|\\.)*)"$/;

/** Whether `text` (an expectation after `expect`, placeholders filled) has one of the expectation forms, `rejected "…"` included. */
export function expectationForm(text: string): boolean {
  // `“orders commission”` would pass for a name of one word with its curly quotes in it.
  if (curlyOutsideQuotes(text)) return false;
  return REJECTED.test(text) || rules.some(([re]) => re.test(text));
}

/**
 * What is wrong with the wording of the expectation `written` (as in the file, `{name}` placeholders
 * and all) and `filled` (the same line as each case fills it in, in order; `[written]` without
 * cases), or null when every one reads. A placeholder may stand where a value must be (`= {band}`),
 * so a line that holds one is judged as filled in.
 */
export function expectationWordingProblem(written: string, filled: readonly string[]): string | null {
  if (curlyOutsideQuotes(written)) return expectationSyntaxMessage(written);
  if (!/\{[^{}]+\}/.test(written) && !expectationForm(written)) return expectationSyntaxMessage(written);
  const n = filled.findIndex((text) => !expectationForm(text));
  if (n === -1) return null;
  return filled.length === 1 && filled[0] === written ? expectationSyntaxMessage(written) : `${expectationSyntaxMessage(filled[n])} (the line as case ${n + 1} fills it in)`;
}

/** Curly or corner quotes, as a word processor or a Chinese input method types them. */
const CURLY = /[\u201c\u201d\u2018\u2019\u300c\u300d\uff02]/;

/** Whether `text` holds a curly quote outside its straight-quoted names. */
function curlyOutsideQuotes(text: string): boolean {
  return CURLY.test(text.replace(/"(?:[^"\\]|\\.)*"/g, ''));
}

/** Why `text` is not an expectation: the forms there are, or, when it holds curly quotes, which quote to type. */
export function expectationSyntaxMessage(text: string): string {
  if (curlyOutsideQuotes(text)) {
    return `cannot read "expect ${text}": write names between straight double quotes ("orders commission"), as a word processor copy replaces them with curly ones`;
  }
  return `cannot read "expect ${text}"; write one of: payout|credited|forfeited of REP = AMOUNT · attainment of REP [against QUOTA] = P% · line "COMPONENT" of REP [in PERIOD] = AMOUNT · deal ID [not] blocked|credited · red line "NAME" [not] tripped [on deal ID | by REP] · ranking "NAME" of REP in PERIOD = top|middle|bottom · score|tier|win probability of deal ID = VALUE · rejected "MESSAGE"`;
}

/**
 * Checks one expectation (its placeholders already filled) against `evaluation`.
 * @throws ExpectationSyntaxError when the line is not one of the expectation forms.
 */
export function checkExpectation(text: string, evaluation: Evaluation, digits: number): Checked {
  if (curlyOutsideQuotes(text)) throw new ExpectationSyntaxError(expectationSyntaxMessage(text));
  for (const [re, check] of rules) {
    const m = re.exec(text);
    if (m) return check({ evaluation, digits }, m);
  }
  throw new ExpectationSyntaxError(expectationSyntaxMessage(text));
}
