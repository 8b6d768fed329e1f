/**
 * What evaluating a rule graph over a dataset produces, before formatting.
 * All amounts are exact `Decimal`s in the playbook currency; payout lines are
 * already rounded by the playbook's rule; dates are `YYYY-MM-DD` in the
 * playbook's time zone.
 */
import type { Decimal } from './decimal.js';
import type { DealRelationship, RelationshipModel } from './relationship.js';
import type { RelationshipAtModel } from './relationship-at.js';
import type { StatementsResult } from './nodes/statements.js';
import type { RepDraw } from './nodes/draw.js';
import type { RowLike } from './values.js';

/**
 * `draw`: a draw's top-up; `recovery`: a recoverable draw's balance repaid (negative). The
 * adjustments of a commission paid in stages (`stages/adjustments.ts`): `capped` (negative,
 * never paid), `top-up` (a minimum per deal), `cancelled` (negative: reversed before it was paid),
 * `clawback` (negative: taken back on a reversal, in the reversal's month).
 */
export type ComponentKind = 'commission' | 'accelerator' | 'bonus' | 'ranking' | 'draw' | 'recovery' | 'capped' | 'top-up' | 'cancelled' | 'clawback';

/** One payout line of a rep's statement. */
export interface PayoutLine {
  component: string;
  kind: ComponentKind;
  /** Plan period or sub-period the line covers (`2017`, `2017-Q1`, `2017-03`). */
  period: string;
  /** Rounded amount. */
  amount: Decimal;
  /** What the line was computed on (credited amount, deal amount, …). */
  basis: Decimal;
  /** How it was computed, in words and numbers. */
  explain: string;
  /** Deals behind the line (bonus per deal), if any. */
  deals: string[];
  /** The id of the rule graph node that computed the line. */
  node: string;
  /** How the line was computed, kept when evaluation traces (see `LineTrace`). */
  trace?: LineTrace;
  /**
   * A line of a table with plan versions, with deals under more than one version: each deal's own
   * price (deal index → amount in the playbook currency, unrounded), its version's amount shared by
   * credit among that version's deals (by each deal's slice of the version's bands when they net to
   * zero credit). `pay … in stages` shares the line by these rather than by credit, so a deal
   * credited under a 2% version is paid its 2% (docs/language.md §8a, §12b). On a to-date
   * increment, the prices of the deals credited in its pay period. Absent otherwise.
   */
  dealPrices?: Map<number, Decimal>;
}

/**
 * The detail behind a payout line, kept when evaluation traces: the unrounded amount and
 * the rounding applied, the tier table's bands with the amount falling in each and what
 * each paid (commission), and the deals behind it with what each contributed.
 */
export interface LineTrace {
  /** Before the playbook's rounding (the line's `amount` is after). */
  unrounded: Decimal;
  /** Commission lines: the table's method and every band, with the credited amount in it and its pay. */
  bands?: {
    from: Decimal;
    to: Decimal | null;
    rate: Decimal;
    basis: Decimal;
    pay: Decimal;
    /** A table with plan versions: the version this band part belongs to (`from 2026-07-01`) and its base rate. */
    version?: string;
    baseRate?: Decimal | null;
  }[];
  method?: 'marginal' | 'retroactive';
  /** Deal indexes (into the deals table) behind the line, with each one's contribution to the basis or amount. */
  deals?: { deal: number; amount: Decimal }[];
  /**
   * A line of a to-date table (`on year-to-date credited paid per quarter`): the to-date range its
   * bands ran on (`2026-01 … 2026-09`) and what the earlier pay periods of the basis paid, which the
   * line is net of (the bands and `unrounded` are the to-date commission's).
   */
  toDate?: { range: string; paidBefore: Decimal; payUnit: 'year' | 'quarter' | 'month' };
  /** Ranking lines: each rewarded period with its rank and reward. */
  ranks?: { period: string; rank: number; of: number; reward: Decimal }[];
}

export interface Forfeit {
  component: string;
  amount: Decimal;
  /** The red line or must-win rule that caused it. */
  rule: string;
  reason: string;
}

export interface ReviewFlag {
  rule: string;
  period: string;
  reason: string;
}

export interface RepResult {
  rep: string;
  period: string;
  credited: Decimal;
  dealsCredited: number;
  /** Quota name → annual amount. */
  quotas: Map<string, Decimal>;
  lines: PayoutLine[];
  forfeits: Forfeit[];
  forfeited: Decimal;
  reviews: ReviewFlag[];
  payout: Decimal;
  /** The rep's draw per period, when the playbook has one (docs/language.md §9a). */
  draw?: RepDraw;
}

export interface DealResult {
  id: string;
  rep: string | null;
  account: string | null;
  stage: 'won' | 'lost' | 'open';
  amount: Decimal | null;
  date: string | null;
  credited: boolean;
  /** A block red line stopped credit this deal would otherwise have earned: it meets the credit rule (condition true; rep, date and amount present). Any period, not only the plan period. */
  blockedCredit: boolean;
  creditPeriod: string | null;
  redlines: string[];
  /** Source line of the deal in its file. */
  line: number;
  /** Score, indicators and tier as of the deal's as-of date, when the playbook scores relationships. */
  relationship: DealRelationship | null;
  /** `credit … split by`: who shares the deal's credit, in the split table's order — each person's share (a ratio) and part of the credit amount (adding up exactly to it; null when the deal has no amount). Absent for a deal without split rows. */
  splits?: { rep: string; share: Decimal; amount: Decimal | null }[];
}

/** Open deals weighted by their tier's win probability, per rep and month. */
export interface ForecastLine {
  rep: string;
  /** Month of the deal's close date if it has one, else of the scoring as-of date. */
  period: string;
  deals: number;
  /** Sum of open deal amounts. */
  amount: Decimal;
  /** Σ amount × win probability (deals without a tier count 0 and are reported in `unscored`). */
  weighted: Decimal;
  unscored: number;
}

export interface RankEntry {
  ranking: string;
  period: string;
  rep: string;
  metric: Decimal;
  rank: number;
  band: 'top' | 'middle' | 'bottom';
  reward: Decimal;
}

export interface RedLineSummary {
  id: string;
  subject: 'deals' | 'reps' | 'activities';
  effect: 'block' | 'forfeit' | 'review';
  message: string;
  /** Deals that tripped it (for red lines on deals), or reps (on reps). */
  deals: number;
  /** Sum of the tripping deals' amounts. */
  amount: Decimal;
  /** Red lines on reps: keys of the reps that tripped it, in the reps file's order; on activities: the reps of the offending activities, sorted; empty for red lines on deals. */
  reps: string[];
  /** Red lines on activities: the offending activities (dated in the plan period), in file order, with their rows (for `audit`). */
  activityTrips?: { id: string; rep: string | null; value: Decimal | null; row: RowLike }[];
}

export interface Evaluation {
  reps: RepResult[];
  deals: DealResult[];
  ranking: RankEntry[];
  redlines: RedLineSummary[];
  /** Things the analyst should know that did not stop the run (e.g. a credited deal with no amount). */
  warnings: string[];
  /**
   * Deals that meet the credit rule but are dated outside the plan period, counted before and after
   * it with the first few named (runtime/nodes/outside-plan.ts); null when there are none. The
   * table report prints it under its input counts.
   */
  outsidePlan: string | null;
  totals: { credited: Decimal; payout: Decimal; forfeited: Decimal };
  /** The relationship model (for `score` and `backtest`), when the playbook scores relationships. */
  relationship: RelationshipModel | null;
  /** Relationship re-evaluated as of any day (the review list, `score --review`), when the playbook scores relationships. */
  relationshipAt: RelationshipAtModel | null;
  forecast: ForecastLine[];
  /** Each assertion for each rep: true, false, or null when it cannot be decided (a missing value). */
  assertions: AssertionResult[];
  /** When commission paid in stages is earned, payable, paid and held (absent when nothing is paid in stages). */
  payments?: StatementsResult;
}

export interface AssertionResult {
  name: string;
  rep: string;
  holds: boolean | null;
}
