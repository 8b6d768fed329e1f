/**
 * The expression IR of the rule graph: the single source of truth for typed
 * expressions. The zod schemas define it; the TypeScript types are inferred
 * from them. The checker produces these expressions, the compiler stores them
 * in graph nodes, and the runtime (and any other back end) consumes them — the
 * runtime never imports `src/check`.
 *
 * Units: `money` is in the playbook's currency; `ratio` is a plain fraction
 * (20% is 0.2); `number` is unitless; `date` is a calendar date or timestamp in
 * the playbook's time zone. Numbers are exact decimal text, dates `YYYY-MM-DD`.
 */
import { z } from 'zod';

/** Value types with their units (see the module comment). */
export const ValueTypeSchema = z.enum(['text', 'money', 'number', 'ratio', 'date', 'boolean']);
export type ValueType = z.infer<typeof ValueTypeSchema>;

/** One step of a field path: `product.list_price` on deals is [deals.product, products.list_price]. */
export const FieldStepSchema = z.object({ table: z.string(), field: z.string() });
export type FieldStep = z.infer<typeof FieldStepSchema>;

export const BinaryOpSchema = z.enum(['+', '-', '*', '/', '=', '!=', '<', '<=', '>', '>=', 'and', 'or']);
export type BinaryOp = z.infer<typeof BinaryOpSchema>;

/** Built-in values an expression can read; each is the result of another node (see `dependencies.ts`). */
export const BuiltinNameSchema = z.enum(['won', 'lost', 'credited', 'quota', 'score', 'indicator', 'age', 'payout', 'forfeited', 'held', 'days_to_pay_median', 'days_to_pay_p90', 'days_to_pay_max']);
export type BuiltinName = z.infer<typeof BuiltinNameSchema>;

/** A resolved, typed expression. JSON-serialisable. */
export type TExpr =
  | { k: 'lit'; t: ValueType; v: string | boolean }
  | { k: 'field'; t: ValueType; path: FieldStep[] }
  | { k: 'builtin'; t: ValueType; name: BuiltinName; quota?: string; indicator?: string }
  | { k: 'neg'; t: ValueType; e: TExpr }
  | { k: 'not'; t: 'boolean'; e: TExpr }
  | { k: 'bin'; t: ValueType; op: BinaryOp; l: TExpr; r: TExpr }
  | { k: 'missing'; t: 'boolean'; e: TExpr; neg: boolean }
  | { k: 'in'; t: 'boolean'; e: TExpr; options: TExpr[]; neg: boolean }
  | { k: 'call'; t: ValueType; fn: string; args: TExpr[] }
  | { k: 'sum'; t: ValueType; table: string; value: TExpr; filter: TExpr | null }
  | { k: 'count'; t: 'number'; table: string; filter: TExpr | null }
  | { k: 'distinct'; t: 'number'; table: string; value: TExpr; filter: TExpr | null }
  | { k: 'firstPer'; t: 'boolean'; group: FieldStep[]; order: FieldStep[][] };

/** The zod schema of {@link TExpr} (recursive, so the type is written out above and checked against it). */
export const ExprSchema: z.ZodType<TExpr> = z.lazy(() =>
  z.discriminatedUnion('k', [
    z.object({ k: z.literal('lit'), t: ValueTypeSchema, v: z.union([z.string(), z.boolean()]) }),
    z.object({ k: z.literal('field'), t: ValueTypeSchema, path: z.array(FieldStepSchema).min(1) }),
    z.object({ k: z.literal('builtin'), t: ValueTypeSchema, name: BuiltinNameSchema, quota: z.string().optional(), indicator: z.string().optional() }),
    z.object({ k: z.literal('neg'), t: ValueTypeSchema, e: ExprSchema }),
    z.object({ k: z.literal('not'), t: z.literal('boolean'), e: ExprSchema }),
    z.object({ k: z.literal('bin'), t: ValueTypeSchema, op: BinaryOpSchema, l: ExprSchema, r: ExprSchema }),
    z.object({ k: z.literal('missing'), t: z.literal('boolean'), e: ExprSchema, neg: z.boolean() }),
    z.object({ k: z.literal('in'), t: z.literal('boolean'), e: ExprSchema, options: z.array(ExprSchema), neg: z.boolean() }),
    z.object({ k: z.literal('call'), t: ValueTypeSchema, fn: z.string(), args: z.array(ExprSchema) }),
    z.object({ k: z.literal('sum'), t: ValueTypeSchema, table: z.string(), value: ExprSchema, filter: ExprSchema.nullable() }),
    z.object({ k: z.literal('count'), t: z.literal('number'), table: z.string(), filter: ExprSchema.nullable() }),
    z.object({ k: z.literal('distinct'), t: z.literal('number'), table: z.string(), value: ExprSchema, filter: ExprSchema.nullable() }),
    z.object({ k: z.literal('firstPer'), t: z.literal('boolean'), group: z.array(FieldStepSchema), order: z.array(z.array(FieldStepSchema)) }),
  ]),
) as z.ZodType<TExpr>;

/** Where a rule was written: the playbook file, its line and column (1-based), and the rule's name as written. */
export const SourceSpanSchema = z.object({
  file: z.string(),
  line: z.number().int().min(0),
  column: z.number().int().min(0),
  name: z.string(),
});
export type SourceSpan = z.infer<typeof SourceSpanSchema>;
