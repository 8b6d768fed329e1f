/**
 * What the checker produces: the playbook with every name resolved and every
 * expression typed. The graph compiler (`src/graph`) turns this into the
 * rule graph; nothing downstream reads the AST.
 */
import type { Span } from '../language/ast.js';
import type { CheckedStages } from './stages.js';

// The expression IR is owned by the rule graph (src/graph/ir.ts); the checker produces it.
import type { TExpr, ValueType } from '../graph/ir.js';
export type { FieldStep, TExpr, ValueType } from '../graph/ir.js';
export type TypeOrError = ValueType | 'error';

export interface CheckedField {
  name: string;
  type: 'text' | 'date' | 'timestamp' | 'money' | 'number' | 'percent' | 'boolean';
  column: string;
  format?: string;
  optional: boolean;
  /** Present (true) when cells may hold line breaks. */
  multiline?: boolean;
  default?: string;
  key: boolean;
  aliases: Record<string, string>;
  lookup?: string;
  label?: string;
}

export interface CheckedTable {
  name: string;
  file: string;
  delimiter: string;
  locale: 'en' | 'de';
  /** Canonical encoding name (`gb18030`), absent for UTF-8. */
  encoding?: string;
  /** The worksheet to read, for an Excel workbook (absent: the first). */
  sheet?: string;
  fields: CheckedField[];
  /** Derived fields in evaluation order (each only uses fields before it). */
  derived: { name: string; type: ValueType; expr: TExpr; span: Span }[];
}

export type PeriodUnit = 'year' | 'quarter' | 'month';

export interface CheckedBand {
  /** Lower bound (inclusive): a fixed amount, or a percent of a named quota (ratio as decimal text). */
  from: { kind: 'amount'; amount: string } | { kind: 'quota'; ratio: string; quota: string };
  /** Rate as a decimal ratio (`0.02`), or a multiple of the table's base rate. */
  rate: { kind: 'ratio'; ratio: string } | { kind: 'multiple'; factor: string };
}

export type Repetition = { kind: 'every' } | { kind: 'once'; period: PeriodUnit | null } | { kind: 'atMost'; count: number; period: PeriodUnit };

/**
 * The relationship evaluation table, indicators and tiers. Activities are read
 * from the `activities` table (fields `date`, `account`, `action`); a deal is
 * scored on its `account` as of its close date (closed deals) or `openAsOf`.
 */
export interface CheckedRelationship {
  name: string;
  /** Activities count when 0 ≤ age < lookBackDays (age in whole days before the as-of date). */
  lookBackDays: number;
  /** Half-life of the decay, in days (decimal text), or null for no decay. */
  halfLifeDays: string | null;
  /** Highest score (decimal text), or null for no cap. */
  cap: string | null;
  /** As-of date of open deals, `YYYY-MM-DD`. */
  openAsOf: string;
  actions: { action: string; points: string; repetition: Repetition; label: string | null }[];
  /** Coefficients: the first whose condition holds for an activity multiplies its points. */
  weights: { factor: string; condition: TExpr }[];
  indicators: { name: string; label: string | null; condition: TExpr }[];
  /**
   * The accounts on the monthly review list (domain.md §2: important accounts are reviewed monthly):
   * an account is listed when this deal condition holds for any of its deals; null when not declared.
   */
  review: TExpr | null;
  /** First match wins; a null condition is `otherwise`. */
  tiers: { name: string; label: string | null; condition: TExpr | null; probability: string }[];
}

export interface CheckedQuota {
  name: string;
  amount: TExpr;
  split: { kind: 'none' } | { kind: 'even' } | { kind: 'weights'; weights: string[] };
  prorate: { by: 'days' | 'months'; field: string } | null;
  /**
   * Plan versions (`effective from … until …`), sorted by start day; absent when the quota has one
   * version for the whole plan period. The top-level fields are the first version's.
   */
  versions?: (Omit<CheckedQuota, 'name' | 'versions'> & { from: string; until: string | null })[];
}

export interface CheckedCommission {
  name: string;
  period: PeriodUnit;
  method: 'marginal' | 'retroactive';
  baseRate: string | null;
  bands: CheckedBand[];
  excessName: string | null;
  /** `on team credited by FIELD`: paid on the credit of the reps whose FIELD names this rep (absent: the rep's own credit). */
  team?: string;
  /**
   * Plan versions (`effective from … until …`, days `YYYY-MM-DD` both included), sorted by start
   * day; absent when the table has one version for the whole plan period. The top-level base rate
   * and bands are the first version's.
   */
  versions?: { from: string; until: string | null; baseRate: string | null; bands: CheckedBand[] }[];
}

/** A version's days, `YYYY-MM-DD` on the playbook's clock, both included (`until` null: from `from` on). */
export interface VersionDays {
  from: string;
  until: string | null;
}

/**
 * A bonus per deal or per rep. With plan versions (`effective from … until …`, sorted by start day),
 * the condition and amount change with the version; the top-level ones are the first version's. A deal
 * is judged by the version in force on its credit date, a rep's period by the one in force on the
 * period's last day (docs/language.md §9, "Bonuses that change during the year").
 */
export interface CheckedBonus {
  name: string;
  scope: 'deal' | 'rep';
  period: PeriodUnit;
  condition: TExpr | null;
  amount: TExpr;
  versions?: (VersionDays & { condition: TExpr | null; amount: TExpr })[];
}

/**
 * A red line or must-win rule. With plan versions (red lines only), the condition and message change
 * with the version: a deal is judged by the version in force on its credit date, a rep by the one in
 * force on the plan period's last day, an activity by the one in force on its date (§10).
 */
export interface CheckedRedLine {
  id: string;
  kind: 'redline' | 'mustwin';
  subject: 'deals' | 'reps' | 'activities';
  condition: TExpr;
  effect: 'block' | 'forfeit' | 'review';
  forfeits: string[] | 'all';
  message: string;
  versions?: (VersionDays & { condition: TExpr; message: string })[];
}

/**
 * A periodic ranking. With plan versions, the groups and rewards change with the version: each period
 * is ranked under the version in force on its last day (§12).
 */
export interface CheckedRanking {
  name: string;
  period: PeriodUnit;
  metric: TExpr;
  tieBreak: { field: string; descending: boolean } | null;
  top: { ratio: string; reward: string } | null;
  bottom: { ratio: string; reward: string; review: boolean } | null;
  onlyCreditedPeriods: boolean;
  versions?: (VersionDays & { top: CheckedRanking['top']; bottom: CheckedRanking['bottom'] })[];
}

export interface CheckedPlaybook {
  name: string;
  currency: string;
  /** Digits after the decimal point in the currency's money strings (USD 2, JPY 0). */
  minorDigits: number;
  timeZone: string;
  /** 1 = January. */
  fiscalYearStartMonth: number;
  /** The plan period: the fiscal year that starts in this calendar year. */
  planYear: number;
  rounding: { mode: 'half-up' | 'half-even' | 'half-down' | 'up' | 'down'; step: string };
  tables: CheckedTable[];
  outcomes: { won: TExpr | null; lost: TExpr | null };
  credit: {
    label: string;
    condition: TExpr;
    repField: string;
    dateField: string;
    amount: TExpr;
    /** `split by TABLE`: the split table's fields by role (see `check/splits.ts`); absent without splits. */
    split?: { table: string; deal: string; person: string; share: string };
  } | null;
  /** The table credit goes to (the `lookup` of the credit rule's `to` field). */
  repTable: string | null;
  quotas: CheckedQuota[];
  commissions: CheckedCommission[];
  bonuses: CheckedBonus[];
  redLines: CheckedRedLine[];
  rankings: CheckedRanking[];
  /** Relationship scoring (domain.md §1–2), or null when the playbook does not score relationships. */
  relationship: CheckedRelationship | null;
  /** Bounded cost: payout at most this ratio of the credited amount (`verify` checks it). */
  budget: string | null;
  /** Properties every rep's statement must have (`verify` checks them on generated histories). */
  assertions: { name: string; condition: TExpr }[];
  /** Components paid in stages (`pay … in stages`), absent when the playbook pays every line at once. */
  stages?: CheckedStages[];
  /** `budget days to pay at most N`: the longest a staged part may wait from trigger to payment, in days. */
  payTimeBudget?: number;
  /** Payout component names in declaration order. */
  components: { name: string; kind: 'commission' | 'accelerator' | 'bonus' | 'ranking' }[];
}
