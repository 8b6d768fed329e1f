/**
 * fast-check arbitraries for histories, generated from the playbook's declared
 * data schema: the constants its rules compare fields with (stage "Won", the
 * must-win account names, band thresholds) are the values tried first, so the
 * rules actually fire; dates fall in and around the plan period. With real
 * data, each field's values are drawn from those seen in the data instead.
 * Shrinking works field by field and row by row (fast-check records and arrays).
 */
import fc from 'fast-check';
import { walk } from '../../check/analysis/index.js';
import type { TExpr } from '../../check/model.js';
import type { GraphNode, RuleGraph } from '../../graph/nodes.js';
import type { SourceField, TableSchema } from '../../graph/tables.js';
import { Decimal } from '../../runtime/decimal.js';
import { DAY_MS, planPeriods } from '../../runtime/periods.js';
import type { Value } from '../../runtime/values.js';
import type { History, HistoryRow } from './history.js';

/** Values seen per `table.field` in real data (`--data`), to shape generated values. */
export type Samples = Map<string, Value[]>;

function expressionsOf(n: GraphNode): TExpr[] {
  const out: (TExpr | null)[] = [];
  for (const v of Object.values(n)) {
    if (v && typeof v === 'object' && 'k' in (v as object)) out.push(v as TExpr);
    if (Array.isArray(v)) for (const x of v) if (x && typeof x === 'object') for (const y of Object.values(x)) if (y && typeof y === 'object' && 'k' in (y as object)) out.push(y as TExpr);
  }
  return out.filter((e): e is TExpr => e !== null);
}

/** Constants the rules compare each `table.field` with, and every money constant. */
function constants(graph: RuleGraph): { byField: Map<string, (string | number)[]>; money: number[] } {
  const byField = new Map<string, (string | number)[]>();
  const money: number[] = [];
  const add = (path: { table: string; field: string }[], v: string | number) => {
    const last = path[path.length - 1];
    const key = `${last.table}.${last.field}`;
    byField.set(key, [...(byField.get(key) ?? []), v]);
    // A looked-up value also names a key of the target table (`account in ("Bubba Gump")`).
    if (path.length === 1 && typeof v === 'string') {
      const schema = graph.tables.find((t) => t.name === last.table)?.fields.find((f) => f.name === last.field);
      if (schema?.lookup) {
        const target = graph.tables.find((t) => t.name === schema.lookup);
        const keyField = target?.fields.find((f) => f.key);
        if (target && keyField) byField.set(`${target.name}.${keyField.name}`, [...(byField.get(`${target.name}.${keyField.name}`) ?? []), v]);
      }
    }
  };
  const literal = (e: TExpr): string | number | null => (e.k === 'lit' && typeof e.v === 'string' ? (e.t === 'text' ? e.v : Number(e.v)) : null);
  for (const n of graph.nodes) {
    for (const root of expressionsOf(n)) {
      walk(root, (e) => {
        if (e.k === 'bin' && ['=', '!=', '<', '<=', '>', '>='].includes(e.op)) {
          const [f, l] = e.l.k === 'field' ? [e.l, e.r] : [e.r, e.l];
          const v = literal(l);
          if (f.k === 'field' && v !== null) add(f.path, v);
        }
        if (e.k === 'in' && e.e.k === 'field') for (const o of e.options) if (literal(o) !== null) add(e.e.path, literal(o)!);
        if (e.k === 'lit' && e.t === 'number' && typeof e.v === 'string') money.push(Number(e.v));
      });
    }
    if (n.kind === 'commission') for (const b of n.bands) if (b.from.kind === 'amount') money.push(Number(b.from.amount));
  }
  return { byField, money: [...new Set(money)].filter((m) => Number.isFinite(m) && m >= 0) };
}

export interface HistoryShape {
  /** Keys of the rep table (the population). */
  reps: string[];
  arbitrary: fc.Arbitrary<History>;
  /** One extra deal (no id yet) for monotone / split / timing properties. */
  deal: fc.Arbitrary<HistoryRow>;
  /** Period boundaries inside the plan period (ms), for the timing property. */
  boundaries: number[];
}

/**
 * Builds the arbitraries for `graph`. The rep table gets 3 reps; each table that
 * other tables look up gets one row per key it needs; deals and activities get
 * 0–8 rows each.
 */
export function historyShape(graph: RuleGraph, samples: Samples | null): HistoryShape {
  const { byField, money } = constants(graph);
  const [plan] = planPeriods('year', graph.playbook.planYear, graph.playbook.fiscalYearStartMonth);
  const firstDay = plan.start - 45 * DAY_MS;
  const days = Math.round((plan.end - plan.start) / DAY_MS) + 90;
  const boundaries = [...new Set([...planPeriods('month', graph.playbook.planYear, graph.playbook.fiscalYearStartMonth).slice(1).map((p) => p.start)])];
  const maxMoney = Math.max(1000, ...money) * 1.6;
  const moneyPool = [...new Set([0, ...money.flatMap((m) => [m, Math.max(0, m - 1), m + 1])])];

  const keysOf = new Map<string, string[]>();
  const lookedUp = new Set(graph.tables.flatMap((t) => t.fields.map((f) => f.lookup).filter((x): x is string => !!x)));
  for (const t of graph.tables) {
    const keyField = t.fields.find((f) => f.key);
    if (!keyField) continue;
    const fromRules = (byField.get(`${t.name}.${keyField.name}`) ?? []).map(String);
    const prefix = t.name.slice(0, 1).toUpperCase();
    const generated = t.name === graph.repTable ? ['R1', 'R2', 'R3'] : lookedUp.has(t.name) ? [`${prefix}1`, `${prefix}2`] : [];
    keysOf.set(t.name, [...new Set([...fromRules, ...generated])]);
  }

  const sampled = (t: TableSchema, f: SourceField): Value[] | null => {
    const s = samples?.get(`${t.name}.${f.name}`);
    return s && s.length > 0 ? s : null;
  };

  const valueOf = (t: TableSchema, f: SourceField): fc.Arbitrary<Value> => {
    let arb: fc.Arbitrary<Value>;
    const seen = sampled(t, f);
    const consts = byField.get(`${t.name}.${f.name}`) ?? [];
    if (f.lookup) arb = fc.constantFrom<Value>(...(keysOf.get(f.lookup) ?? ['X']));
    else if (seen && f.type !== 'date' && f.type !== 'timestamp') arb = fc.constantFrom<Value>(...seen);
    else {
      switch (f.type) {
        case 'text':
          arb = fc.constantFrom<Value>(...[...new Set([...consts.map(String), 'other'])]);
          break;
        case 'money':
        case 'number': {
          const pool = [...new Set([...moneyPool, ...consts.filter((c): c is number => typeof c === 'number')])];
          arb = fc.oneof(fc.constantFrom(...pool), fc.integer({ min: 0, max: Math.ceil(maxMoney) })).map((n) => new Decimal(n) as Value);
          break;
        }
        case 'percent':
          arb = fc.integer({ min: 0, max: 100 }).map((n) => new Decimal(n).div(100) as Value);
          break;
        case 'boolean':
          arb = fc.boolean();
          break;
        default:
          arb = fc.oneof(fc.integer({ min: 0, max: days }).map((d) => firstDay + d * DAY_MS), fc.constantFrom(...boundaries, ...boundaries.map((b) => b - DAY_MS)));
      }
    }
    return f.optional && !f.key ? fc.option(arb, { nil: null, freq: 6 }) : arb;
  };

  const rowOf = (t: TableSchema): fc.Arbitrary<HistoryRow> =>
    fc.record(Object.fromEntries(t.fields.filter((f) => !f.key).map((f) => [f.name, valueOf(t, f)])) as Record<string, fc.Arbitrary<Value>>);

  const tables: Record<string, fc.Arbitrary<HistoryRow[]>> = {};
  for (const t of graph.tables) {
    const keyField = t.fields.find((f) => f.key);
    const keys = keysOf.get(t.name) ?? [];
    if (t.name === graph.roles.splits?.table) {
      // Random shares would almost never add up to 100% per deal: generated histories share no deal.
      tables[t.name] = fc.constant([]);
    } else if (keyField && keys.length > 0) {
      // One row per key the other tables (and the rules) need.
      tables[t.name] = fc.tuple(...keys.map((k) => rowOf(t).map((r) => ({ ...r, [keyField.name]: k })))).map((rows) => rows as HistoryRow[]);
    } else {
      tables[t.name] = fc.array(rowOf(t), { minLength: 0, maxLength: 8 }).map((rows) => (keyField ? rows.map((r, i) => ({ ...r, [keyField.name]: `${t.name.slice(0, 1).toUpperCase()}${i + 1}` })) : rows));
    }
  }
  const deals = graph.tables.find((t) => t.name === 'deals')!;
  return {
    reps: keysOf.get(graph.repTable) ?? [],
    arbitrary: fc.record(tables) as fc.Arbitrary<History>,
    deal: rowOf(deals),
    boundaries,
  };
}
