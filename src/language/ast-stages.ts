/**
 * AST of the money lifecycle: a `pay "…" in stages` section (domain.md §4: "separate measures for
 * orders booked, revenue, cash collected and project completion, with a reward at each stage";
 * "pay fast"). Kept apart from `ast.ts` so the lifecycle grows in its own files.
 */
import type { Named, Span } from './ast.js';

/** What releases a stage's money. */
export type StageTrigger = 'booking' | 'invoice' | 'cash' | 'revenue' | 'completion';

/** `40% with cash collected`: a share of the component and its trigger. */
export interface StageItem {
  /** The share as written, without `%` (`"40"`). */
  share: { text: string; span: Span };
  /** The trigger, or null when the word is not one the engine knows (reported with the word's span). */
  trigger: StageTrigger | null;
  /** The trigger word(s) as written (`cash collected`), with their place. */
  word: Named;
  span: Span;
}

/** When released money is paid. */
export type PayCalendar =
  | { kind: 'lag'; days: { text: string; span: Span } }
  | { kind: 'monthly'; day: { text: string; span: Span } }
  | { kind: 'weekly'; every: 1 | 2; weekday: Named; anchor: { text: string; span: Span } | null }
  | { kind: 'businessDay' };

/** `pay "orders commission", "over-target reward" in stages …`. */
export interface StagesRule {
  kind: 'stages';
  components: Named[];
  stages: StageItem[];
  /** Null: paid on the trigger's day. */
  paid: (PayCalendar & { span: Span }) | null;
  /** `clawed back …` lines, in the order written (empty: nothing is clawed back). */
  clawbacks: ClawbackClause[];
  /** `minimum … per deal` and `cap … per deal|month|quarter|year` lines, in the order written. */
  limits: LimitClause[];
  span: Span;
}

/**
 * `clawed back on reversal`: a row of the reversals table takes back the deal's commission;
 * `clawed back when cash is not collected within 120 days of booking`: a clawback window. The words
 * are kept as written (checked by the checker, PB5301/PB5305), with their places.
 */
export type ClawbackClause =
  | { kind: 'reversal'; event: Named; span: Span }
  /** `minimum 500 per deal clawed back with the deal`: the minimum's top-up is taken back too. */
  | { kind: 'topUp'; span: Span }
  | { kind: 'window'; measure: Named; days: { text: string; span: Span }; anchor: Named; span: Span };

/** `budget days to pay at most 3`: the longest a staged part may wait from its trigger to its payment. */
export interface PayTimeBudget {
  kind: 'payTimeBudget';
  days: { text: string; span: Span };
  span: Span;
}

/** `minimum 500 per deal` / `cap 250,000 per year`: the amount as written (commas dropped) and the scope word as written. */
export interface LimitClause {
  kind: 'minimum' | 'cap';
  /** `text`: the number without grouping commas (`250000`); `written`: as written (`250,000`). */
  amount: { text: string; written: string; span: Span };
  scope: Named;
  span: Span;
}
