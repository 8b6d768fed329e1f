/**
 * Relationship tiers and the scoring table: tiers no deal can reach (PB4101
 * shadowed by earlier tiers, PB4105 a score threshold above the highest
 * possible score), deals no tier takes (PB4103, with an example), and a cap
 * the actions cannot reach (PB4104).
 */
import type * as A from '../../language/ast.js';
import { type Diagnostic, warning } from '../../language/diagnostics.js';
import type { CheckedPlaybook, CheckedRelationship } from '../model.js';
import { type Assignment, type Conj, describeVar, dnf, dnfImplies, findUncovered } from './logic.js';

/** Periods of a unit that a look-back window of `days` can overlap. */
function periodsIn(days: number, unit: 'year' | 'quarter' | 'month' | null): number {
  if (unit === null) return 1;
  const length = unit === 'month' ? 28 : unit === 'quarter' ? 89 : 365;
  return Math.floor((days - 1) / length) + 2;
}

/** The highest score the actions can earn within the look-back window, or Infinity when an action counts every time. */
export function maxScore(r: CheckedRelationship): number {
  const maxWeight = Math.max(1, ...r.weights.map((w) => Number(w.factor)));
  let total = 0;
  for (const a of r.actions) {
    const points = Number(a.points);
    if (points <= 0) continue;
    if (a.repetition.kind === 'every') return Infinity;
    const perPeriod = a.repetition.kind === 'once' ? 1 : a.repetition.count;
    total += points * maxWeight * perPeriod * periodsIn(r.lookBackDays, a.repetition.period);
  }
  return total;
}

function describeExample(x: Assignment): string {
  const parts: string[] = [];
  for (const [v, value] of [...x].sort(([a], [b]) => a.localeCompare(b))) {
    if (v.startsWith('{')) continue;
    const name = describeVar(v);
    if (typeof value === 'boolean') parts.push(`${name} ${value ? 'yes' : 'no'}`);
    else if (typeof value === 'string') parts.push(value.startsWith('not ') ? `${name} other than "${value.slice(4)}"` : `${name} "${value}"`);
    else parts.push(`${name} ${Number(value.toFixed(4))}`);
  }
  return parts.length === 0 ? 'some deals' : `a deal with ${parts.join(', ')}`;
}

export function tierFindings(ast: A.PlaybookAst, checked: CheckedPlaybook): Diagnostic[] {
  const r = checked.relationship;
  if (!r) return [];
  const out: Diagnostic[] = [];
  const scoring = ast.rules.find((x): x is A.ScoringRule => x.kind === 'scoring');
  const tierRules = ast.rules.filter((x): x is A.TierRule => x.kind === 'tier');
  const highest = maxScore(r);
  const ceiling = r.cap !== null ? Math.min(Number(r.cap), highest) : highest;
  if (scoring?.cap && highest < Number(r.cap)) {
    out.push(warning('PB4104', scoring.cap.span, `the cap of ${r.cap} can never be reached: the actions can earn at most ${Number(highest.toFixed(4))} points in the look-back window`, 'lower the cap, or check the points and repetition rules'));
  }
  const forms: (Conj[] | null)[] = r.tiers.map((t) => (t.condition ? dnf(t.condition) : [[]]));
  let catchAll = false;
  for (let j = 0; j < r.tiers.length; j++) {
    const tier = r.tiers[j];
    const rule = tierRules[j];
    if (!rule || !tier.condition) {
      catchAll = true;
      continue;
    }
    if (catchAll) continue; // PB4102 already says it
    const form = forms[j];
    if (form === null) continue;
    // A threshold on the score above anything the actions can earn.
    const needs = form.map((conj) => Math.max(-Infinity, ...conj.filter((a) => a.kind === 'num' && a.v === 'score' && (a.op === '>=' || a.op === '>' || a.op === '=')).map((a) => (a.kind === 'num' ? a.c : -Infinity))));
    const lowestNeed = Math.min(...needs);
    if (Number.isFinite(lowestNeed) && lowestNeed > ceiling) {
      out.push(warning('PB4105', rule.name.span, `tier "${tier.name}" needs a score of ${lowestNeed}, but scores cannot exceed ${Number(ceiling.toFixed(4))}`, 'lower its threshold, or raise the points of the actions'));
      continue;
    }
    const earlier = forms.slice(0, j);
    if (earlier.some((f) => f === null)) continue;
    const union = (earlier as Conj[][]).flat();
    if (union.length > 0 && dnfImplies(form, union)) {
      const single = (earlier as Conj[][]).findIndex((f) => dnfImplies(form, f));
      const by = single >= 0 ? `tier "${r.tiers[single].name}"` : 'the tiers before it';
      out.push(warning('PB4101', rule.name.span, `tier "${tier.name}" can never match: every deal it would take is taken first by ${by}`, 'tiers match first to last; put the stricter tier first'));
    }
  }
  if (!catchAll && tierRules.length > 0 && forms.every((f) => f !== null)) {
    const example = findUncovered(forms as Conj[][]);
    if (example) {
      const last = tierRules[tierRules.length - 1];
      out.push(warning('PB4103', last.name.span, `no tier matches ${describeExample(example)}, so such deals get no tier and no win probability`, 'end the tiers with one that says "otherwise"'));
    }
  }
  return out;
}
