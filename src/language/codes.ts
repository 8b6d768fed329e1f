/**
 * The registry of diagnostic codes: every finding `playbook check` can report,
 * with its severity and the title of its section in `docs/errors.md`.
 *
 * Rules, so that a code keeps meaning one thing for the analysts who search for it:
 * - one code per mistake; a code is never reused for a different finding;
 * - a code, once released, is never renumbered (a split keeps the old code for
 *   its most common case and gives the others new codes);
 * - the order here is the order of the sections in `docs/errors.md` (a test checks
 *   it), and `error()` / `warning()` accept only codes listed here, with the
 *   matching severity (a TypeScript check), so no unregistered code can be emitted.
 */
/** An error stops the playbook from running; a warning does not. */
export type Severity = 'error' | 'warning';

interface CodeSpec {
  readonly severity: Severity;
  /** The section title in docs/errors.md (without the code and without "(warning)"). */
  readonly title: string;
}

export const DIAGNOSTIC_CODES = {
  // Syntax
  PB1001: { severity: 'error', title: 'unexpected character' },
  PB1002: { severity: 'error', title: 'text without its closing quote' },
  PB1003: { severity: 'error', title: 'expected something else' },
  PB1004: { severity: 'error', title: 'commission table without `marginal` or `retroactive`' },
  PB1005: { severity: 'error', title: 'text that does not start a section' },
  PB1006: { severity: 'error', title: 'playbook too long' },
  PB1007: { severity: 'error', title: 'an expression too complex to read' },
  // Names
  PB2001: { severity: 'error', title: 'unknown field or name' },
  PB2002: { severity: 'error', title: 'declared twice' },
  PB2003: { severity: 'error', title: 'unknown table' },
  PB2004: { severity: 'error', title: 'unknown quota, or a rate relative to a base rate that is missing' },
  PB2005: { severity: 'error', title: 'forfeit of an unknown component' },
  PB2006: { severity: 'error', title: 'unknown function' },
  PB2007: { severity: 'error', title: 'reading a field through something that is not a lookup' },
  // Header and tables
  PB2101: { severity: 'error', title: 'currency or plan period missing or wrong' },
  PB2102: { severity: 'error', title: 'fiscal year starts in a month that does not exist' },
  PB2103: { severity: 'error', title: 'unknown time zone' },
  PB2104: { severity: 'error', title: 'not a currency code' },
  PB2105: { severity: 'error', title: 'unknown field type' },
  PB2106: { severity: 'error', title: 'date format' },
  PB2107: { severity: 'error', title: 'table locale, delimiter or encoding' },
  PB2108: { severity: 'error', title: 'credit to a field that does not look up the reps' },
  PB2109: { severity: 'error', title: 'rounding step' },
  PB2110: { severity: 'warning', title: 'rounding finer than the currency' },
  PB2111: { severity: 'error', title: 'a table with more than one key field' },
  PB2112: { severity: 'error', title: 'a lookup into a table without a key' },
  PB2113: { severity: 'error', title: 'won or lost declared outside the deals table' },
  PB2114: { severity: 'error', title: 'a table file outside the data folder' },
  // What rules need
  PB2201: { severity: 'error', title: 'no deals table' },
  PB2202: { severity: 'error', title: 'no credit rule' },
  PB2203: { severity: 'error', title: 'a must-win rule without lost deals' },
  PB2204: { severity: 'error', title: 'a red line on activities that cannot name the rep' },
  PB2205: { severity: 'error', title: 'blocking credit outside a red line on deals' },
  PB2206: { severity: 'error', title: 'a tier or indicator without a scoring section' },
  PB2207: { severity: 'error', title: 'scoring without an activities table' },
  PB2208: { severity: 'error', title: 'an activities table without a field scoring reads' },
  PB2209: { severity: 'error', title: 'scoring without an account field on deals' },
  PB2210: { severity: 'error', title: 'a payout component without a name' },
  // Paying in stages (the money lifecycle)
  PB2501: { severity: 'error', title: 'a stage trigger the engine does not know' },
  PB2502: { severity: 'error', title: 'stages for a component that cannot be paid in stages' },
  PB2503: { severity: 'error', title: 'a stage without the table its trigger reads' },
  PB2504: { severity: 'error', title: 'a stage table without a field the stages read' },
  // Types and units
  PB3001: { severity: 'error', title: 'arithmetic on values whose units do not mix' },
  PB3002: { severity: 'error', title: 'comparison of values that cannot be compared' },
  PB3003: { severity: 'error', title: 'a condition that is not yes/no' },
  PB3004: { severity: 'error', title: 'an amount or a measure of the wrong kind' },
  PB3005: { severity: 'error', title: 'credit on a field that is not a date' },
  PB3006: { severity: 'error', title: 'commission bands out of order' },
  PB3007: { severity: 'error', title: 'monthly quota weights' },
  PB3008: { severity: 'error', title: 'a construct used where it has no meaning' },
  PB3009: { severity: 'error', title: 'ranking bands' },
  PB3010: { severity: 'warning', title: 'a grouped number inside a list' },
  PB3011: { severity: 'error', title: 'a quota prorated from a field that is not a date' },
  PB3012: { severity: 'error', title: 'a scoring setting that is not more than 0' },
  PB3013: { severity: 'error', title: 'a look-back window that is not a whole number of days' },
  PB3014: { severity: 'error', title: 'an as-of date for open deals that is not a date' },
  PB3015: { severity: 'error', title: '"at most" that is not a whole number of at least 1' },
  PB3016: { severity: 'error', title: 'a number too large' },
  PB3017: { severity: 'error', title: 'a function given the wrong number of values' },
  PB3018: { severity: 'error', title: 'date("…") of a day that does not exist' },
  PB3019: { severity: 'error', title: 'a date function given something that is not a date' },
  PB3020: { severity: 'error', title: 'min, max, clamp or abs given something that is not a number' },
  PB3021: { severity: 'error', title: 'a plain number compared with a percent' },
  PB3022: { severity: 'warning', title: 'an amount written with a point where thousands are meant' },
  PB3023: { severity: 'warning', title: 'an amount smaller than the currency\'s smallest unit' },
  PB3024: { severity: 'warning', title: '"and" and "or" mixed without parentheses' },
  PB3501: { severity: 'error', title: 'stage shares that do not add up to 100%' },
  PB3502: { severity: 'error', title: 'a pay calendar that cannot be followed' },
  PB3503: { severity: 'warning', title: 'a stage written twice' },
  // Cycles
  PB4001: { severity: 'error', title: 'derived fields in a circle' },
  // Scheme analysis
  PB4101: { severity: 'warning', title: 'a tier shadowed by an earlier tier' },
  PB4102: { severity: 'warning', title: 'a tier that can never match' },
  PB4103: { severity: 'warning', title: 'deals that no tier takes' },
  PB4104: { severity: 'warning', title: 'a score cap that can never be reached' },
  PB4105: { severity: 'warning', title: 'a tier threshold above the highest possible score' },
  PB4201: { severity: 'warning', title: 'a decelerator: the rate falls at a higher band' },
  PB4202: { severity: 'warning', title: 'a retroactive cliff' },
  PB4203: { severity: 'warning', title: 'a commission rate above 100%' },
  PB4301: { severity: 'warning', title: 'an action the scoring table rewards that a red line flags' },
  PB4401: { severity: 'warning', title: 'a derived field, quota or indicator nobody uses' },
  PB4402: { severity: 'warning', title: 'a division that can divide by zero' },
  PB4403: { severity: 'warning', title: 'a red line that can never trip' },
  PB4404: { severity: 'warning', title: 'a red line that trips on every deal' },
  PB4405: { severity: 'warning', title: 'a ranking group of 0% of reps' },
  // Plan versions (effective-dated rules)
  PB5101: { severity: 'error', title: 'effective dates that cannot be used' },
  PB5102: { severity: 'error', title: 'days of the plan period no version covers' },
  PB5103: { severity: 'error', title: 'two versions in force on the same day' },
  PB5104: { severity: 'error', title: 'versions of one table that differ in period, method or excess line' },
  PB5105: { severity: 'error', title: 'versions of one bonus, red line or ranking that differ in what they apply to' },
  // Splits and roll-ups
  PB5201: { severity: 'error', title: 'a split table without one deal, person and share field' },
  PB5202: { severity: 'error', title: 'a team commission on a field that does not name a rep' },
  // Clawbacks (the money lifecycle)
  PB5301: { severity: 'error', title: 'a clawback event the engine does not know' },
  PB5302: { severity: 'error', title: 'clawbacks on reversal without a reversals table' },
  PB5303: { severity: 'error', title: 'a reversals table without deal, date and amount fields' },
  PB5304: { severity: 'error', title: 'a clawback window that cannot be followed' },
  PB5305: { severity: 'error', title: 'a clawback window on something other than cash, from booking or invoice' },
  PB5306: { severity: 'error', title: 'a clawback window without the tables it reads' },
  PB5307: { severity: 'error', title: 'a clawback written twice in one section' },
  // Minimums and caps of a staged commission
  PB5308: { severity: 'error', title: 'a minimum or cap that cannot be followed' },
  PB5309: { severity: 'error', title: 'a minimum or cap written twice in one section' },
  PB5310: { severity: 'error', title: 'a minimum per deal above the cap per deal' },
  // Draws, period-to-date bases and instalments
  PB5401: { severity: 'error', title: 'a to-date basis no longer than the pay period' },
  PB5402: { severity: 'error', title: 'a recovery cap that is not a share of earnings' },
  PB5403: { severity: 'error', title: 'a draw on a period shorter than a commission table\'s' },
  PB5404: { severity: 'error', title: 'a recoverable draw without a year-end rule' },
  PB5405: { severity: 'error', title: 'a recovery cap on another period than the draw' },
  PB5406: { severity: 'error', title: 'instalments of an amount not paid once a year' },
  PB5407: { severity: 'error', title: 'a second draw' },
  // SQL back ends (playbook compile --target sql, simulate --engine duckdb)
  PB6001: { severity: 'error', title: 'a rule the SQL back end cannot express' },
  PB6002: { severity: 'error', title: 'a rounding rule the SQL dialect cannot apply exactly' },
} as const satisfies Record<string, CodeSpec>;

/** Every registered code. An unregistered code is a type error wherever a diagnostic is made. */
export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

/** Codes whose findings are errors (they stop the playbook from running). */
export type ErrorCode = { [K in DiagnosticCode]: (typeof DIAGNOSTIC_CODES)[K]['severity'] extends 'error' ? K : never }[DiagnosticCode];

/** Codes whose findings are warnings (the playbook still runs; `check --strict` fails on them). */
export type WarningCode = Exclude<DiagnosticCode, ErrorCode>;

/** All codes in registry order (the order of docs/errors.md). */
export const ALL_CODES = Object.keys(DIAGNOSTIC_CODES) as DiagnosticCode[];

/** The page that documents every code. */
export const ERRORS_PAGE = 'docs/errors.md';

/** The HTML anchor of a code's section in docs/errors.md (`<a id="PB2108"></a>`). */
export function docsAnchor(code: DiagnosticCode): string {
  return code;
}

/** Where a code is documented, as a link relative to the repository root: `docs/errors.md#PB2108`. */
export function docsLink(code: DiagnosticCode): string {
  return `${ERRORS_PAGE}#${docsAnchor(code)}`;
}

/** Severity and title of a registered code. */
export function codeInfo(code: DiagnosticCode): CodeSpec {
  return DIAGNOSTIC_CODES[code];
}
