/**
 * Rule-graph nodes of the money lifecycle (domain.md §4: pay at each stage, pay fast):
 * - `stages`: one `pay … in stages` section — which commission lines it releases, the stages
 *   (share and trigger), the pay calendar, and the tables its triggers read (with their role
 *   fields, declared by the compiler, never guessed by the runtime);
 * - `statements`: every rep's statement per month (earned, payable, paid, held) and the
 *   pay-fast figures (days from trigger to payment), from every `stages` node.
 */
import { z } from 'zod';
import { SourceSpanSchema } from './ir.js';

const DecimalText = z.string().regex(/^-?\d+(\.\d+)?$/, 'an exact decimal written as text');
const base = { id: z.string(), inputs: z.array(z.string()), source: SourceSpanSchema };

export const StageTriggerSchema = z.enum(['booking', 'invoice', 'cash', 'revenue', 'completion']);

/** When released money is paid; weekday 0 = Sunday. */
export const PayCalendarSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('same day') }),
  z.object({ kind: z.literal('lag'), days: z.number().int().min(0) }),
  z.object({ kind: z.literal('monthly'), day: z.number().int().min(1).max(31) }),
  z.object({ kind: z.literal('weekly'), every: z.union([z.literal(1), z.literal(2)]), weekday: z.number().int().min(0).max(6), anchor: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable() }),
  z.object({ kind: z.literal('business day') }),
]);
export type PayCalendar = z.infer<typeof PayCalendarSchema>;

/** A table a trigger reads: its name and the fields holding the deal's key, the date and the measure (amount or percent complete). */
const StageTableSchema = z.object({ table: z.string(), deal: z.string(), date: z.string(), measure: z.string() }).nullable();

export const StagesNodeSchema = z.object({
  ...base,
  kind: z.literal('stages'),
  /** The commission lines released in stages, each with the commission node computing it. */
  components: z.array(z.object({ name: z.string(), node: z.string() })).min(1),
  /** Shares are ratios (0.4 for 40%) and add up to exactly 1. */
  stages: z.array(z.object({ name: z.string(), trigger: StageTriggerSchema, share: DecimalText })).min(1),
  calendar: PayCalendarSchema,
  tables: z.object({ collections: StageTableSchema, invoices: StageTableSchema, progress: StageTableSchema }),
  /**
   * `clawed back …` (absent when nothing is clawed back): the reversals table (deal, date, amount)
   * whose rows take back their deal's commission, and the clawback window (whole days after the
   * deal's credit date or first invoice by which its cash must be collected).
   */
  clawback: z.object({ reversals: StageTableSchema, window: z.object({ days: z.number().int().min(1), from: z.enum(['booking', 'invoice']) }).nullable() }).optional(),
  /**
   * Minimums and caps (absent when none), money in the playbook currency as decimal text: a deal's
   * commission above zero and below the minimum is topped up (a line of its own, kept when the
   * deal is reversed, unless `topUpClawedBack`: `… clawed back with the deal`); above the cap per deal, or above the cap per period for the rep and
   * component (periods by the day each deal's commission is earned), it is capped (never paid).
   */
  limits: z.object({ minimumPerDeal: DecimalText.nullable(), capPerDeal: DecimalText.nullable(), capPerPeriod: z.object({ amount: DecimalText, period: z.enum(['month', 'quarter', 'year']) }).nullable(), topUpClawedBack: z.boolean() }).optional(),
});

export const StatementsNodeSchema = z.object({
  ...base,
  kind: z.literal('statements'),
  /** `budget days to pay at most N`: the longest a part may wait from trigger to payment (a warning when broken), or null. */
  budgetDays: z.number().int().min(0).nullable(),
});
