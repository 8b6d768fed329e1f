/**
 * What the versions of one bonus, red line or ranking must share (PB5105), and what a gap or an
 * overlap of their days would mean (the end of the PB5102 / PB5103 messages).
 *
 * A version may change the rule's numbers and conditions: a bonus's condition and amount, a red
 * line's condition (its threshold) and message, a ranking's groups and rewards. It may not change
 * what the rule is about or how often it is judged, or a year's lines could not be put together
 * from its versions: a bonus stays per deal or per rep with the same period; a red line stays on
 * deals, reps or activities with the same effect; a ranking keeps its period, measure, ties and
 * `only periods with credited deals`.
 */
import type * as A from '../language/ast.js';
import type { VersionConsequences } from './rule-versions.js';

/** The end of the PB5102 (gap) and PB5103 (overlap) messages, per kind of rule. */
export const VERSION_CONSEQUENCES: { bonus: VersionConsequences; redLine: VersionConsequences; ranking: VersionConsequences } = {
  bonus: {
    gap: 'a deal credited on those days, or a period ending on one, would be judged by no version of the bonus',
    overlap: 'a deal credited on those days would be judged by both',
  },
  redLine: {
    gap: 'a deal credited on those days would be judged by no version of the red line',
    overlap: 'a deal credited on those days would be judged by both',
  },
  ranking: {
    gap: 'a period ending on those days would be ranked under no version',
    overlap: 'a period ending on those days would be ranked under both',
  },
};

/** `per deal`, `per rep per quarter`: how a bonus's head reads. */
function bonusHead(b: A.BonusRule): string {
  return b.scope === 'deal' ? 'per deal' : `per rep per ${b.period ?? 'year'}`;
}

/** Why a later version of a bonus cannot be a version of the first (`per deal, not per rep per year`), or null. */
export function differentBonus(first: A.BonusRule, later: A.BonusRule): string | null {
  const a = bonusHead(first);
  const b = bonusHead(later);
  return a === b ? null : `${b}, not ${a}`;
}

function effectText(e: A.Effect): string {
  if (e.kind === 'block') return 'block credit';
  if (e.kind === 'review') return 'review';
  return e.components === 'all' ? 'forfeit all' : `forfeit ${e.components.map((c) => `"${c.name}"`).join(', ')}`;
}

/** Why a later version of a red line cannot be a version of the first (`is on reps, not on deals`), or null. */
export function differentRedLine(first: A.RedLineRule, later: A.RedLineRule): string | null {
  if (first.subject !== later.subject) return `is on ${later.subject}, not on ${first.subject}`;
  const a = effectText(first.effect);
  const b = effectText(later.effect);
  return a === b ? null : `says "${b}", not "${a}"`;
}

/** What an expression's shape leaves out: where it is written, and parentheses that change nothing. */
const NOT_SHAPE = new Set(['span', 'opSpan', 'parenthesized']);

/** An expression's shape without where it is written, to compare two spellings of one measure. */
function shape(e: A.Expr): string {
  return JSON.stringify(e, (key, value) => (NOT_SHAPE.has(key) ? undefined : value));
}

/** Why a later version of a ranking cannot be a version of the first (`is per month, not per quarter`), or null. */
export function differentRanking(first: A.RankingRule, later: A.RankingRule): string | null {
  if (first.period !== later.period) return `is per ${later.period}, not per ${first.period}`;
  if (shape(first.metric) !== shape(later.metric)) return 'ranks by another measure';
  const ties = (r: A.RankingRule) => (r.tieBreak ? `"ties by ${r.tieBreak.field.name}${r.tieBreak.descending ? ' descending' : ''}"` : 'no "ties by"');
  if (ties(first) !== ties(later)) return `has ${ties(later)}, not ${ties(first)}`;
  if (first.onlyCreditedPeriods !== later.onlyCreditedPeriods) return later.onlyCreditedPeriods ? 'says "only periods with credited deals", and the first does not' : 'does not say "only periods with credited deals", and the first does';
  return null;
}
