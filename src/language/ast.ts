import type { PayTimeBudget, StagesRule } from './ast-stages.js';

/**
 * The playbook's abstract syntax tree: what the analyst wrote, with a source
 * span on every node so diagnostics and traces can point at it. Independent of
 * the parser's CST (see `cst-to-ast.ts`).
 */

/** A position range in the source; lines and columns are 1-based. */
export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface Named {
  name: string;
  span: Span;
}

// ---- expressions -------------------------------------------------------------

export type BinaryOp = '+' | '-' | '*' | '/' | '=' | '!=' | '<' | '<=' | '>' | '>=' | 'and' | 'or';

export type Expr =
  | { kind: 'number'; text: string; grouped: boolean; span: Span } // `1,000` → text "1000", grouped
  | { kind: 'percent'; text: string; span: Span } // `20%` → text "20"
  | { kind: 'string'; value: string; span: Span }
  | { kind: 'boolean'; value: boolean; span: Span }
  | { kind: 'ref'; path: Named[]; span: Span } // `amount`, `product.list_price`
  | { kind: 'call'; fn: Named; args: Expr[]; span: Span } // `min(a, b)`
  | { kind: 'unary'; op: '-' | 'not'; operand: Expr; span: Span }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr; span: Span; opSpan: Span; parenthesized?: true } // `(a and b)`: parenthesized (its span is inside them)
  | { kind: 'missing'; operand: Expr; negated: boolean; span: Span } // `x is missing`
  | { kind: 'in'; operand: Expr; options: Expr[]; negated: boolean; span: Span }
  | { kind: 'sum'; value: Expr; table: Named; filter: Expr | null; span: Span } // `sum(amount of deals where won)`
  | { kind: 'count'; table: Named; filter: Expr | null; span: Span }
  | { kind: 'distinct'; value: Expr; table: Named; filter: Expr | null; span: Span } // `distinct(role of activities)`
  | { kind: 'firstPer'; group: Named; order: Named[]; span: Span } // `first credited per account by close_date, id`
  | { kind: 'error'; span: Span }; // a part the parser could not read (already reported)

// ---- declarations -------------------------------------------------------------

export interface Header {
  name: string;
  span: Span;
  currency: Named | null;
  timeZone: Named | null;
  fiscalYearStart: Named | null;
  planPeriod: Named | null;
  rounding: { mode: string; step: string; span: Span } | null;
}

export interface FieldDecl {
  kind: 'field';
  name: Named;
  type: Named;
  format: string | null;
  column: string | null;
  key: boolean;
  optional: boolean;
  /** `multiline`: cells may hold line breaks. */
  multiline: boolean;
  default: string | null;
  lookup: Named | null;
  aliases: { from: string; to: string }[];
  label: string | null;
  span: Span;
}

export interface DeriveDecl {
  kind: 'derive';
  name: Named;
  expr: Expr;
  span: Span;
}

export interface OutcomeDecl {
  kind: 'outcome';
  outcome: 'won' | 'lost';
  condition: Expr;
  span: Span;
}

export interface TableDecl {
  kind: 'table';
  name: Named;
  file: string;
  /** Where the file name is written (its quoted text). */
  fileSpan: Span;
  delimiter: string | null;
  locale: Named | null;
  /** `encoding "gb18030"`: the name as written, with its place (checked against `src/language/encodings.ts`). */
  encoding: Named | null;
  /** `sheet "Orders"`: the worksheet of an Excel workbook to read, with its place. */
  sheet: Named | null;
  fields: FieldDecl[];
  derived: DeriveDecl[];
  outcomes: OutcomeDecl[];
  span: Span;
}

export interface CreditRule {
  kind: 'credit';
  label: string;
  condition: Expr;
  rep: Named;
  date: Named;
  amount: Expr;
  /** `split by TABLE`: the table of (deal, person, share) rows that share a deal's credit. */
  splitTable?: Named | null;
  span: Span;
}

export type PeriodUnit = 'year' | 'quarter' | 'month';

/**
 * `effective from "2026-07-01" [until "2026-12-31"]`: the days a version of a rule is in force,
 * both included (texts as written, checked by `src/check/versions.ts`). No `until`: to the end of time.
 */
export interface EffectiveDates {
  from: { text: string; span: Span };
  until: { text: string; span: Span } | null;
  span: Span;
}

export interface QuotaRule {
  kind: 'quota';
  name: Named;
  amount: Expr;
  split: { kind: 'none' } | { kind: 'even' } | { kind: 'weights'; weights: { text: string; span: Span }[] };
  /** `prorated by days|months from FIELD`: the rep's start date field. */
  prorate: { by: 'days' | 'months'; field: Named } | null;
  /** A version of the quota in force on these days (absent or null: the whole plan period). */
  effective?: EffectiveDates | null;
  span: Span;
}

export type BandBound = { kind: 'amount'; text: string; span: Span } | { kind: 'quota'; percent: string; quota: Named; span: Span };
/**
 * A band's rate: a percent, or a multiple of the table's base rate (`pay base` is 1 ×). `unread`: the
 * parser could not read the rate (a syntax error there, reported as such), so nothing is said about it.
 */
export type BandRate = { kind: 'percent'; text: string; span: Span } | { kind: 'multiple'; factor: string; span: Span; unread?: true };

export interface CommissionRule {
  kind: 'commission';
  name: Named;
  period: PeriodUnit;
  method: 'marginal' | 'retroactive' | null;
  /** Where the method is, or would be: the misspelt word, or the token after the period. */
  methodSpan: Span;
  /** The word written where the method goes when it is neither marginal nor retroactive (`marginl`), else absent. */
  methodWritten?: string;
  baseRate: { text: string; span: Span } | null;
  bands: { from: BandBound; rate: BandRate; span: Span }[];
  excessName: Named | null;
  /** A version of the table in force on these days (absent or null: the whole plan period). */
  effective?: EffectiveDates | null;
  /** `on team credited by FIELD`: an overlay paid on the credit of the reps whose FIELD (of the reps table) names this rep. */
  team?: Named | null;
  /**
   * `on year-to-date credited paid per quarter`: the bands run on the credit from the start of the
   * basis (year or quarter) to the end of each pay period (`period`); each period pays the increment.
   * Absent: each period stands alone.
   */
  basis?: { unit: 'year' | 'quarter'; span: Span } | null;
  span: Span;
}

export interface BonusRule {
  kind: 'bonus';
  name: Named;
  scope: 'deal' | 'rep';
  period: PeriodUnit | null;
  condition: Expr | null;
  amount: Expr;
  /** A version of the bonus in force on these days (absent or null: the whole plan period). */
  effective?: EffectiveDates | null;
  /** `pay 50,000 per year in monthly instalments`: the amount is paid in parts (absent: one line per period). */
  instalments?: { every: 'month' | 'quarter'; span: Span } | null;
  /** `pay 50,000 per year …`: the words `per year` after the amount, when written. */
  amountPerYear?: Span | null;
  span: Span;
}

/**
 * `draw 3,000 per month guaranteed` (non-recoverable) or `draw 5,000 per month recoverable[, recover at
 * most 50% of earnings per month][, at year end write off | carry over]`.
 */
export interface DrawRule {
  kind: 'draw';
  amount: { text: string; span: Span };
  period: PeriodUnit;
  periodSpan: Span;
  recoverable: boolean;
  /** The word `guaranteed` or `recoverable`. */
  kindSpan: Span;
  /** `recover at most P% of earnings per UNIT`: P as written (`50`), and the unit. */
  cap: { percent: string; period: PeriodUnit; span: Span } | null;
  /** `at year end write off | carry over`, or null when not said. */
  yearEnd: { rule: 'write off' | 'carry over'; span: Span } | null;
  span: Span;
}

export type Effect =
  | { kind: 'block'; span: Span }
  | { kind: 'forfeit'; components: Named[] | 'all'; span: Span }
  | { kind: 'review'; span: Span };

export interface RedLineRule {
  kind: 'redline';
  name: Named;
  subject: 'deals' | 'reps' | 'activities';
  condition: Expr;
  effect: Effect;
  message: string | null;
  /** A version of the red line in force on these days (absent or null: the whole plan period). */
  effective?: EffectiveDates | null;
  span: Span;
}

export interface MustWinRule {
  kind: 'mustwin';
  name: Named;
  condition: Expr;
  effect: Effect;
  message: string | null;
  span: Span;
}

export interface RankingRule {
  kind: 'ranking';
  name: Named;
  period: PeriodUnit;
  metric: Expr;
  population: 'all reps';
  tieBreak: { field: Named; descending: boolean } | null;
  top: { percent: string; reward: string; span: Span } | null;
  bottom: { percent: string; reward: string | null; review: boolean; span: Span } | null;
  onlyCreditedPeriods: boolean;
  /** A version of the ranking in force on these days (absent or null: the whole plan period). */
  effective?: EffectiveDates | null;
  span: Span;
}

/** How often an action's points count: every time, once (per period), or at most N per period. */
export type Repetition = { kind: 'every' } | { kind: 'once'; period: PeriodUnit | null } | { kind: 'atMost'; count: string; period: PeriodUnit };

export interface ScoringRule {
  kind: 'scoring';
  name: Named;
  lookBackDays: { text: string; span: Span } | null;
  halfLifeDays: { text: string; span: Span } | null;
  cap: { text: string; span: Span } | null;
  openAsOf: { text: string; span: Span } | null;
  actions: { action: Named; points: string; repetition: Repetition; label: string | null; span: Span }[];
  weights: { factor: string; condition: Expr; span: Span }[];
  /** `review accounts when …`: which accounts the monthly review list shows (a deal condition; one allowed). */
  reviews: { condition: Expr; span: Span }[];
  span: Span;
}

export interface IndicatorRule {
  kind: 'indicator';
  name: Named;
  label: string | null;
  condition: Expr;
  span: Span;
}

export interface TierRule {
  kind: 'tier';
  name: Named;
  label: string | null;
  /** Null for `otherwise`. */
  condition: Expr | null;
  probability: { text: string; span: Span };
  span: Span;
}

/** `budget payout at most 8% of credited`. */
export interface BudgetRule {
  kind: 'budget';
  percent: { text: string; span: Span };
  span: Span;
}

/** `assert "name" for each rep <condition>`. */
export interface AssertRule {
  kind: 'assert';
  name: Named;
  condition: Expr;
  span: Span;
}

export type Rule = CreditRule | QuotaRule | CommissionRule | BonusRule | DrawRule | RedLineRule | MustWinRule | RankingRule | ScoringRule | IndicatorRule | TierRule | BudgetRule | AssertRule | StagesRule | PayTimeBudget;
export type { PayTimeBudget, StagesRule } from './ast-stages.js';

/** A whole playbook file. */
export interface PlaybookAst {
  header: Header;
  tables: TableDecl[];
  rules: Rule[];
}
