/**
 * Relationship tiers and the scoring table: tiers no deal can reach (PB4101
 * shadowed by earlier tiers, PB4105 a score threshold above the highest
 * possible score), deals no tier takes (PB4103, with an example), and a cap
 * the actions cannot reach (PB4104).
 */
import type * as A from '../../language/ast.js';
import { compareText } from '../../language/collation.js';
import { type Diagnostic, warning } from '../../language/diagnostics.js';
import type { CheckedPlaybook, CheckedRelationship } from '../model.js';
import { type Assignment, type Conj, describeVar, dnf, dnfImplies, findUncovered } from './logic.js';

/**
 * The most periods of a unit that any window of `days` consecutive days touches
 * (13 months for 365 days), found by sliding the window over four calendar years.
 */
function periodsIn(days: number, unit: 'year' | 'quarter' | 'month' | null, fiscalStart: number): number {
  if (unit === null) return 1;
  const key = (ms: number) => {
    const d = new Date(ms);
    const m = (d.getUTCMonth() - (fiscalStart - 1) + 12) % 12;
    const fy = d.getUTCMonth() >= fiscalStart - 1 ? d.getUTCFullYear() : d.getUTCFullYear() - 1;
    return unit === 'month' ? d.getUTCFullYear() * 12 + d.getUTCMonth() : unit === 'quarter' ? fy * 4 + Math.floor(m / 3) : fy;
  };
  const DAY = 86_400_000;
  let most = 1;
  for (let start = Date.UTC(2016, 0, 1); start < Date.UTC(2020, 0, 1); start += DAY) {
    most = Math.max(most, key(start + (days - 1) * DAY) - key(start) + 1);
  }
  return most;
}

/** The highest score the actions can earn within the look-back window, or Infinity when an action counts every time. */
export function maxScore(r: CheckedRelationship, fiscalStart = 1): number {
  const maxWeight = Math.max(1, ...r.weights.map((w) => Number(w.factor)));
  let total = 0;
  for (const a of r.actions) {
    const points = Number(a.points);
    if (points <= 0) continue;
    if (a.repetition.kind === 'every') return Infinity;
    const perPeriod = a.repetition.kind === 'once' ? 1 : a.repetition.count;
    total += points * maxWeight * perPeriod * periodsIn(r.lookBackDays, a.repetition.period, fiscalStart);
  }
  return total;
}

function describeExample(x: Assignment): string {
  const parts: string[] = [];
  for (const [v, value] of [...x].sort(([a], [b]) => compareText(a, b))) {
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
  const highest = maxScore(r, checked.fiscalYearStartMonth);
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
    // Each way into the tier needs a score above some floor; the tier is out of reach when every way is.
    const unreachable = form.every((conj) =>
      conj.some((a) => a.kind === 'num' && a.v === 'score' && ((a.op === '>' && a.c >= ceiling) || ((a.op === '>=' || a.op === '=') && a.c > ceiling))),
    );
    if (form.length > 0 && unreachable) {
      const atoms = form.map((conj) => conj.filter((a) => a.kind === 'num' && a.v === 'score').sort((a, b) => (a.kind === 'num' && b.kind === 'num' ? b.c - a.c : 0))[0]);
      const lowest = atoms.sort((a, b) => (a.kind === 'num' && b.kind === 'num' ? a.c - b.c : 0))[0];
      const need = lowest && lowest.kind === 'num' ? `${lowest.op === '>' ? 'above' : 'of'} ${lowest.c}` : 'of more';
      const capped = r.cap !== null && Number(r.cap) <= highest;
      out.push(
        warning(
          'PB4105',
          rule.name.span,
          `tier "${tier.name}" needs a score ${need}, but scores cannot exceed ${Number(ceiling.toFixed(4))}`,
          capped ? `the cap of ${r.cap} limits the score: lower the tier's threshold, or raise the cap` : 'lower its threshold, or raise the points of the actions',
        ),
      );
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
    const domains = new Map<string, [number, number]>([['score', [0, Number.isFinite(ceiling) ? ceiling : 1e9]]]);
    const example = findUncovered(forms as Conj[][], 4096, domains);
    if (example) {
      const last = tierRules[tierRules.length - 1];
      out.push(warning('PB4103', last.name.span, `no tier matches ${describeExample(example)}, so such deals get no tier and no win probability`, 'end the tiers with one that says "otherwise"'));
    }
  }
  return out;
}
