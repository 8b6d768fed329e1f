/**
 * Static analysis of a checked playbook: findings about a scheme that is valid
 * but probably not what its author meant. All are warnings (`check --strict`
 * makes them errors); each has a code documented in docs/errors.md.
 *
 * - PB4103 condition tiers that leave some deals without a tier (with an example);
 * - PB4104 a score cap the actions cannot reach; PB4105 a tier threshold above the highest possible score;
 * - PB4101 a tier shadowed by an earlier one;
 * - PB4201 a decelerator (the rate falls as credit rises); PB4202 a retroactive cliff;
 * - PB4301 an action the scoring table rewards that a red line flags;
 * - PB4401 an unused derived field, quota or indicator;
 * - PB4402 a division whose divisor can be zero;
 * - PB4403 a red line that can never trip, PB4404 one that trips on every deal.
 */
import type * as A from '../../language/ast.js';
import { type Diagnostic, warning } from '../../language/diagnostics.js';
import type { CheckedPlaybook, TExpr } from '../model.js';
import { rateFindings } from './rates.js';
import { redLineFindings } from './redlines.js';
import { tierFindings } from './tiers.js';
import { divisionFindings, unusedFindings } from './usage.js';

/** Runs every analysis; findings are warnings. */
export function analyse(ast: A.PlaybookAst, checked: CheckedPlaybook): Diagnostic[] {
  return [...rateFindings(ast, checked), ...tierFindings(ast, checked), ...redLineFindings(ast, checked), ...unusedFindings(ast, checked), ...divisionFindings(ast)];
}

export { walkExpr as walk } from '../../graph/walk.js';

export { warning };
