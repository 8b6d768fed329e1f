/**
 * Splits and roll-ups: the checks on `credit … split by TABLE` and on a commission paid
 * `on team credited by FIELD` (a manager's overlay).
 *
 * A split table holds one row per (deal, person, share): exactly one field that looks up
 * deals (the deal), one that looks up the reps table (the person credited) and one
 * `percent` field (the person's share of the deal's credit). Which field is which follows
 * from these declarations, never from the fields' names. The shares of a deal must add up to
 * 100%; that is a fact about the data, checked when the run reads it (`runtime/splits.ts`).
 */
import type * as A from '../language/ast.js';
import type { ErrorCode } from '../language/codes.js';
import type { TableScope } from './scope.js';
import { suggestionHint } from './suggest.js';

type Report = (code: ErrorCode, span: A.Span, message: string, hint?: string) => void;

/** The split table's fields by role. */
export interface SplitRoles {
  table: string;
  deal: string;
  person: string;
  share: string;
}

/**
 * Resolves `split by TABLE`: the table must exist (PB2003) and have exactly one field of each
 * role (PB5201, naming what is missing or doubled).
 * @returns the roles, or null when they cannot be resolved (the finding is reported).
 */
export function splitRoles(name: A.Named, tables: Map<string, TableScope>, repTable: string, report: Report): SplitRoles | null {
  const scope = tables.get(name.name);
  if (!scope) {
    report('PB2003', name.span, `there is no table "${name.name}"`, suggestionHint(name.name, [...tables.keys()], 'tables'));
    return null;
  }
  const fields = [...scope.fields.values()];
  const roles: [role: 'deal' | 'person' | 'share', found: string[], wanted: string][] = [
    ['deal', fields.filter((f) => f.lookup === 'deals').map((f) => f.name), 'field that looks up deals (the deal shared)'],
    ['person', fields.filter((f) => f.lookup === repTable).map((f) => f.name), `field that looks up ${repTable} (the person credited)`],
    ['share', fields.filter((f) => f.type === 'percent').map((f) => f.name), 'percent field (the share of the deal)'],
  ];
  const out: Partial<SplitRoles> = { table: name.name };
  for (const [role, found, wanted] of roles) {
    if (found.length !== 1) {
      const what = found.length === 0 ? `has no ${wanted}` : `has ${found.length} fields that could be the ${role}, one ${wanted}: ${found.join(', ')}`;
      report('PB5201', name.span, `the split table ${name.name} ${what}`, `a split table has one row per deal and person: e.g. field deal text lookup deals · field person text lookup ${repTable} · field share percent`);
      return null;
    }
    out[role] = found[0];
  }
  return out as SplitRoles;
}

/**
 * Resolves `on team credited by FIELD`: FIELD must be a field of the reps table that looks up
 * the reps table itself (a rep's manager is a rep), else PB5202.
 * @returns the field's name, or null (the finding is reported).
 */
export function teamField(field: A.Named, tables: Map<string, TableScope>, repTable: string, report: Report): string | null {
  const scope = tables.get(repTable);
  const f = scope?.fields.get(field.name);
  if (!f) {
    report('PB2001', field.span, `"${field.name}" is not a field of ${repTable}`, suggestionHint(field.name, [...(scope?.fields.keys() ?? [])], `fields of ${repTable}`));
    return null;
  }
  if (f.lookup !== repTable) {
    report('PB5202', field.span, `a team commission rolls up to the rep that "${field.name}" names, so "${field.name}" must look up ${repTable}`, `add "lookup ${repTable}" to the field ${field.name} in table ${repTable} (a manager is a row of ${repTable} too)`);
    return null;
  }
  return f.name;
}
