/**
 * Red lines: one that can never trip (PB4403) or that trips on every deal
 * (PB4404), and actions the scoring table rewards that a red line flags
 * (PB4301: points for hosting a client's family while a red line forbids
 * gifts — domain.md §1 and §6 name this tension).
 */
import type * as A from '../../language/ast.js';
import { type Diagnostic, warning } from '../../language/diagnostics.js';
import type { CheckedPlaybook, TExpr } from '../model.js';
import { dnf, satisfiable } from './logic.js';

/** Action names a condition flags: `action = "x"` or `action in ("x", …)`, not under a `not`. */
function actionsNamed(condition: TExpr): Set<string> {
  const names = new Set<string>();
  const isAction = (e: TExpr) => e.k === 'field' && e.path.length === 1 && e.path[0].field === 'action';
  const visit = (e: TExpr, positive: boolean): void => {
    if (e.k === 'not') return visit(e.e, !positive);
    if (e.k === 'bin' && (e.op === 'and' || e.op === 'or')) {
      visit(e.l, positive);
      visit(e.r, positive);
      return;
    }
    if (!positive) return;
    if (e.k === 'bin' && e.op === '=' && isAction(e.l) && e.r.k === 'lit') names.add(String(e.r.v));
    if (e.k === 'bin' && e.op === '=' && isAction(e.r) && e.l.k === 'lit') names.add(String(e.l.v));
    if (e.k === 'in' && !e.neg && isAction(e.e)) for (const o of e.options) if (o.k === 'lit') names.add(String(o.v));
  };
  visit(condition, true);
  return names;
}

export function redLineFindings(ast: A.PlaybookAst, checked: CheckedPlaybook): Diagnostic[] {
  const out: Diagnostic[] = [];
  const rules = ast.rules.filter((r): r is A.RedLineRule | A.MustWinRule => r.kind === 'redline' || r.kind === 'mustwin');
  for (const line of checked.redLines) {
    const rule = rules.find((r) => r.name.name === line.id);
    if (!rule) continue;
    const form = dnf(line.condition);
    if (form === null) continue;
    const possible = form.filter(satisfiable);
    const negation = dnf(line.condition, false);
    const always = possible.some((conj) => conj.length === 0) || (negation !== null && negation.filter(satisfiable).length === 0);
    if (possible.length === 0) {
      out.push(warning('PB4403', rule.condition.span, `red line "${line.id}" can never trip: its condition contradicts itself`, 'check the comparisons: a value cannot be both above and below a limit'));
    } else if (always) {
      const what = line.subject === 'reps' ? 'rep' : line.subject === 'activities' ? 'activity' : 'deal';
      out.push(warning('PB4404', rule.condition.span, `red line "${line.id}" trips on every ${what}: its condition always holds`, 'a red line should single out the cases that cross it'));
    }
  }
  const r = checked.relationship;
  const scoring = ast.rules.find((x): x is A.ScoringRule => x.kind === 'scoring');
  if (r && scoring) {
    for (const line of checked.redLines) {
      if (line.subject !== 'activities') continue;
      const flagged = actionsNamed(line.condition);
      for (const action of scoring.actions) {
        if (!flagged.has(action.action.name) || Number(action.points) <= 0) continue;
        const what = line.effect === 'review' ? 'flags it for review' : line.effect === 'forfeit' ? 'punishes it with a forfeit' : 'forbids it';
        out.push(
          warning(
            'PB4301',
            action.action.span,
            `the scoring table rewards "${action.action.name}" with ${action.points} point${action.points === '1' ? '' : 's'}, but red line "${line.id}" ${what}`,
            'a scheme should not pay for what its own red lines forbid: remove the points, or narrow the red line',
          ),
        );
      }
    }
  }
  return out;
}
