/**
 * Rule-graph node types (zod). The rule graph is the compiled playbook: a DAG
 * of typed nodes, each naming the nodes it reads (`inputs`), JSON-serialisable
 * so it can be exported (`playbook compile --target graph`), diffed and
 * re-validated. The runtime evaluates it; it never sees the playbook text.
 */
import { z } from 'zod';
import { ExprSchema, SourceSpanSchema, ValueTypeSchema } from './ir.js';
import { StagesNodeSchema, StatementsNodeSchema } from './stage-nodes.js';
import { TableSchemaSchema } from './tables.js';

export { ExprSchema, ValueTypeSchema } from './ir.js';

const PeriodUnitSchema = z.enum(['year', 'quarter', 'month']);
const DecimalText = z.string().regex(/^-?\d+(\.\d+)?$/, 'an exact decimal written as text');
const BandSchema = z.object({
  from: z.discriminatedUnion('kind', [z.object({ kind: z.literal('amount'), amount: DecimalText }), z.object({ kind: z.literal('quota'), ratio: DecimalText, quota: z.string() })]),
  rate: z.discriminatedUnion('kind', [z.object({ kind: z.literal('ratio'), ratio: DecimalText }), z.object({ kind: z.literal('multiple'), factor: DecimalText })]),
});
const QuotaSplitSchema = z.discriminatedUnion('kind', [z.object({ kind: z.literal('none') }), z.object({ kind: z.literal('even') }), z.object({ kind: z.literal('weights'), weights: z.array(DecimalText) })]);
const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/**
 * A plan version's days on the playbook's clock, `YYYY-MM-DD`, both included (`until` null: from
 * `from` on). The checker guarantees the versions of one rule cover every day of the plan period
 * exactly once; a deal is paid under the version in force on its credit date.
 */
export const VersionDatesSchema = z.object({ from: IsoDay, until: IsoDay.nullable() });

/** Every node: its id, the ids of the nodes whose results it reads, and where the playbook states it. */
const base = { id: z.string(), inputs: z.array(z.string()), source: SourceSpanSchema };

export const NodeSchema = z.discriminatedUnion('kind', [
  /** A field computed from other fields of the same row (and lookups). */
  z.object({ ...base, kind: z.literal('derived'), table: z.string(), name: z.string(), type: ValueTypeSchema, expr: ExprSchema }),
  /** What makes a deal won or lost (neither means open). */
  z.object({ ...base, kind: z.literal('outcome'), outcome: z.enum(['won', 'lost']), expr: ExprSchema }),
  /** A compliance rule over deals or reps, with its effect. */
  z.object({
    ...base,
    kind: z.literal('redline'),
    redline: z.string(),
    /** Written as a `red line` or as a `must win` rule (which trips only on lost deals). */
    origin: z.enum(['redline', 'mustwin']),
    subject: z.enum(['deals', 'reps', 'activities']),
    condition: ExprSchema,
    effect: z.enum(['block', 'forfeit', 'review']),
    forfeits: z.union([z.array(z.string()), z.literal('all')]),
    message: z.string(),
    /**
     * Plan versions (see {@link VersionDatesSchema}); absent for one version all year. `condition` and
     * `message` above are the first version's. A deal is judged by the version in force on its credit
     * date, a rep by the one in force on the plan period's last day, an activity by the one on its date.
     */
    versions: z.array(z.object({ ...VersionDatesSchema.shape, condition: ExprSchema, message: z.string() })).optional(),
  }),
  /** Which deals credit whom, when, for how much. */
  z.object({ ...base, kind: z.literal('credit'), label: z.string(), condition: ExprSchema, repField: z.string(), dateField: z.string(), amount: ExprSchema }),
  /** A per-rep annual target, optionally split into months. */
  z.object({
    ...base,
    kind: z.literal('quota'),
    name: z.string(),
    amount: ExprSchema,
    split: QuotaSplitSchema,
    prorate: z.object({ by: z.enum(['days', 'months']), field: z.string() }).nullable(),
    /** Plan versions (see {@link VersionDatesSchema}); absent for one version all year. The fields above are the first version's. */
    versions: z.array(z.object({ ...VersionDatesSchema.shape, amount: ExprSchema, split: QuotaSplitSchema, prorate: z.object({ by: z.enum(['days', 'months']), field: z.string() }).nullable() })).optional(),
  }),
  /** A tier table over the credited amount. */
  z.object({
    ...base,
    kind: z.literal('commission'),
    name: z.string(),
    period: PeriodUnitSchema,
    method: z.enum(['marginal', 'retroactive']),
    baseRate: DecimalText.nullable(),
    bands: z.array(BandSchema),
    excessName: z.string().nullable(),
    /** An overlay: paid on the credit of the reps whose field `team` (of the reps table, a lookup of it) names this rep. Absent: the rep's own credit. */
    team: z.string().optional(),
    /** Plan versions (see {@link VersionDatesSchema}); absent for one version all year. `baseRate` and `bands` above are the first version's. */
    versions: z.array(z.object({ ...VersionDatesSchema.shape, baseRate: DecimalText.nullable(), bands: z.array(BandSchema) })).optional(),
  }),
  /** A fixed or formula bonus per deal or per rep. */
  z.object({
    ...base,
    kind: z.literal('bonus'),
    name: z.string(),
    scope: z.enum(['deal', 'rep']),
    period: PeriodUnitSchema,
    condition: ExprSchema.nullable(),
    amount: ExprSchema,
    /**
     * Plan versions (see {@link VersionDatesSchema}); absent for one version all year. `condition` and
     * `amount` above are the first version's. A deal is judged by the version in force on its credit
     * date; a rep's period by the version in force on the period's last day.
     */
    versions: z.array(z.object({ ...VersionDatesSchema.shape, condition: ExprSchema.nullable(), amount: ExprSchema })).optional(),
  }),
  /** A ranking of all reps per period, with a rewarded top and a reviewed bottom. */
  z.object({
    ...base,
    kind: z.literal('ranking'),
    name: z.string(),
    period: PeriodUnitSchema,
    metric: ExprSchema,
    tieBreak: z.object({ field: z.string(), descending: z.boolean() }).nullable(),
    top: z.object({ ratio: DecimalText, reward: DecimalText }).nullable(),
    bottom: z.object({ ratio: DecimalText, reward: DecimalText, review: z.boolean() }).nullable(),
    onlyCreditedPeriods: z.boolean(),
    /** Plan versions (see {@link VersionDatesSchema}); absent for one version all year. `top` and `bottom` above are the first version's. Each period is ranked under the version in force on its last day. */
    versions: z
      .array(z.object({ ...VersionDatesSchema.shape, top: z.object({ ratio: DecimalText, reward: DecimalText }).nullable(), bottom: z.object({ ratio: DecimalText, reward: DecimalText, review: z.boolean() }).nullable() }))
      .optional(),
  }),
  /** The relationship evaluation table: points per action, coefficients, window, decay, cap (domain.md §1). */
  z.object({
    ...base,
    kind: z.literal('scoring'),
    name: z.string(),
    lookBackDays: z.number().int().positive(),
    halfLifeDays: DecimalText.nullable(),
    cap: DecimalText.nullable(),
    openAsOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    actions: z.array(
      z.object({
        action: z.string(),
        points: DecimalText,
        repetition: z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('every') }),
          z.object({ kind: z.literal('once'), period: PeriodUnitSchema.nullable() }),
          z.object({ kind: z.literal('atMost'), count: z.number().int().positive(), period: PeriodUnitSchema }),
        ]),
        label: z.string().nullable(),
      }),
    ),
    weights: z.array(z.object({ factor: DecimalText, condition: ExprSchema })),
  }),
  /** A measurable yes/no fact about a deal's relationship, as of its as-of date (domain.md §2). */
  z.object({ ...base, kind: z.literal('indicator'), name: z.string(), label: z.string().nullable(), condition: ExprSchema }),
  /**
   * The monthly review list (domain.md §2: important accounts are reviewed monthly by the founder):
   * a deal condition; an account is on the list when it holds for any of its deals.
   */
  z.object({ ...base, kind: z.literal('review'), condition: ExprSchema }),
  /** Relationship tiers, first match wins, each with a stated win probability (domain.md §2). */
  z.object({
    ...base,
    kind: z.literal('tiers'),
    tiers: z.array(z.object({ name: z.string(), label: z.string().nullable(), condition: ExprSchema.nullable(), probability: DecimalText })),
  }),
  /** Validation: the cost budget and the user's assertions, checked by `playbook verify`. */
  z.object({ ...base, kind: z.literal('validation'), budget: DecimalText.nullable(), assertions: z.array(z.object({ name: z.string(), condition: ExprSchema })) }),
  /** The payout: the sum of the components, less forfeits. */
  z.object({ ...base, kind: z.literal('payout'), components: z.array(z.object({ name: z.string(), kind: z.enum(['commission', 'accelerator', 'bonus', 'ranking']) })) }),
  /** The money lifecycle: commission released in stages, and each rep's statements (see `stage-nodes.ts`). */
  StagesNodeSchema,
  StatementsNodeSchema,
]);
export type GraphNode = z.infer<typeof NodeSchema>;

/**
 * Field roles: which field is "the deal's rep", "the deal's date", "the activity's account" and so on.
 * Set by the compiler from the playbook's declarations (the credit rule's `to … on …`, the key
 * markers, the activities table the scoring section reads), never guessed by the runtime.
 */
export const RolesSchema = z.object({
  deals: z.object({
    table: z.string(),
    /** The key field, or null when the deals table has none (deals are then named by line). */
    key: z.string().nullable(),
    /** The credit rule's `to` field (looks up the reps table). */
    rep: z.string(),
    /** The credit rule's `on` field: the credit date, and the as-of date of a closed deal. */
    date: z.string(),
    /** The field naming the deal's account (relationship scoring, must-win), if declared. */
    account: z.string().nullable(),
  }),
  reps: z.object({ table: z.string(), key: z.string() }),
  /**
   * `credit … split by TABLE`: the split table and its fields by role — the deal (a lookup of deals),
   * the person credited (a lookup of the reps table) and the share (a percent). Absent without splits.
   */
  splits: z.object({ table: z.string(), deal: z.string(), person: z.string(), share: z.string() }).optional(),
  /** The relationship activities log, when the playbook has one. */
  activities: z
    .object({
      table: z.string(),
      key: z.string().nullable(),
      date: z.string(),
      account: z.string(),
      action: z.string(),
      /** Whose activity it is (red lines on activities), if declared. */
      rep: z.string().nullable(),
      /** The activity's cost (gifts, trips), if declared. */
      value: z.string().nullable(),
    })
    .nullable(),
});
export type Roles = z.infer<typeof RolesSchema>;

export const RuleGraphSchema = z.object({
  version: z.literal(2),
  playbook: z.object({
    name: z.string(),
    currency: z.string(),
    minorDigits: z.number().int().min(0).max(4),
    timeZone: z.string(),
    fiscalYearStartMonth: z.number().int().min(1).max(12),
    planYear: z.number().int(),
    rounding: z.object({ mode: z.enum(['half-up', 'half-even', 'half-down', 'up', 'down']), step: DecimalText }),
  }),
  /** The data each table is read from (see `tables.ts`). */
  tables: z.array(TableSchemaSchema),
  /** The table that receives credit (reps). */
  repTable: z.string(),
  /** What each table's fields mean to the engine, as the playbook declares them (see {@link RolesSchema}). */
  roles: RolesSchema,
  /** The nodes. Their order carries no meaning: the runtime schedules them from their inputs. */
  nodes: z.array(NodeSchema),
});
export type RuleGraph = z.infer<typeof RuleGraphSchema>;
