/**
 * The fact module of the json-rules-engine export: computes, for one record (a proposed
 * deal, an activity) and the lookup rows it refers to, every fact the exported rules read,
 * exactly — with the engine's own field readers (types, aliases, ISO dates with offsets
 * converted to the playbook's time zone) and its own expression code (decimal.js, missing
 * values, division by zero), so a derived field such as `discount = 1 - amount /
 * product.list_price` has the value `simulate` would give it.
 *
 * Records are JSON objects keyed by the playbook's field names (not the CSV columns):
 * numbers as decimal text (`"4821.50"`) or integers, percent fields as a fraction or
 * `"20%"`, dates as ISO `YYYY-MM-DD` (or timestamps), booleans, null or absent for missing.
 */
import type { FieldStep, TExpr } from '../../graph/ir.js';
import type { TableSchema } from '../../graph/tables.js';
import { compileFieldReader } from '../../data/fields.js';
import { EMPTY, INVALID } from '../../data/sentinels.js';
import { type CompileContext, type Compiled, type Env, compileExpr, compilePath } from '../../runtime/expr.js';
import { DAY_MS, dateText } from '../../runtime/periods.js';
import { isDecimal } from '../../runtime/decimal.js';
import type { RowLike, TableLike, Value } from '../../runtime/values.js';
import type { JreExport, SubjectExport } from './types.js';

/** A fact value as json-rules-engine sees it (see the module comment of `types.ts`). */
export type FactValue = string | boolean | null;
/** A record or a lookup row: field name → JSON value. */
export type JsonRecord = Record<string, unknown>;

/** A record the fact module cannot read (unknown field, wrong value, unknown lookup key); the message says which. */
export class RecordError extends Error {}

/** A date value as fact text: `YYYY-MM-DD`, or `YYYY-MM-DDTHH:mm:ss.sss` when it has a time of day. */
export function dateFactText(ms: number): string {
  return ms % DAY_MS === 0 ? dateText(ms) : new Date(ms).toISOString().slice(0, 23);
}

function factText(v: Value): FactValue {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return dateFactText(v);
  if (isDecimal(v)) return v.toFixed();
  return null;
}

/** Reads one JSON object into a row of `schema` (source fields in schema order). @throws RecordError */
function readRow(schema: TableSchema, obj: JsonRecord, timeZone: string, what: string): RowLike {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) throw new RecordError(`${what}: expected a JSON object with the fields of table ${schema.name}`);
  const known = new Set(schema.fields.map((f) => f.name));
  const unknown = Object.keys(obj).filter((k) => !known.has(k));
  // A misspelt field would otherwise read as missing and quietly stop a red line from tripping.
  if (unknown.length) throw new RecordError(`${what}: table ${schema.name} has no field ${unknown.map((k) => `"${k}"`).join(', ')} (fields: ${[...known].join(', ')})`);
  const values: Value[] = schema.fields.map((field, i) => {
    // JSON carries ISO dates and plain numbers whatever layout the CSV export uses.
    const reader = compileFieldReader({ ...field, format: undefined }, i, i, field.name, 'en', timeZone, what);
    const raw = obj[field.name];
    let text: string;
    if (raw === null || raw === undefined) text = '';
    else if (typeof raw === 'string') text = raw;
    else if (typeof raw === 'boolean') text = raw ? 'true' : 'false';
    else if (typeof raw === 'number' && Number.isSafeInteger(raw)) text = String(raw);
    else if (typeof raw === 'number') throw new RecordError(`${what}: field "${field.name}": write ${raw} as text ("${raw}") so it stays exact`);
    else throw new RecordError(`${what}: field "${field.name}": ${JSON.stringify(raw)} is not ${reader.expected}`);
    const v = reader.read(text);
    if (v === EMPTY) throw new RecordError(`${what}: field "${field.name}" is required`);
    if (v === INVALID) throw new RecordError(`${what}: field "${field.name}": ${JSON.stringify(raw)} is not ${reader.expected}`);
    return v;
  });
  return { line: 0, values };
}

/** Tables reached through a lookup by any of `exprs` (the second and later steps of field paths). */
function lookedUp(exprs: unknown[]): Set<string> {
  const out = new Set<string>();
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object') {
      const o = x as { k?: string; path?: FieldStep[] };
      if ((o.k === 'field' || (o as { kind?: string }).kind === 'field') && Array.isArray(o.path)) for (const s of o.path.slice(1)) out.add(s.table);
      Object.values(o).forEach(walk);
    }
  };
  walk(exprs);
  return out;
}

/**
 * The fact module for records of `table`: reads the lookup rows once and compiles every
 * expression once, then computes the facts of each record it is given.
 * @param lookups table name → its rows (JSON objects), for the tables the record looks up.
 * @returns a function from one record to fact name → value (decimal text, date text, text,
 *   boolean, or null for missing).
 * @throws RecordError when a lookup row cannot be read or a lookup table the facts need is
 *   not given; the returned function throws it when the record cannot be read or one of its
 *   lookup keys is not in the rows given for that table (a table the facts need, or any other
 *   table whose rows are given: never a silent "missing" or a credit to an unknown rep).
 */
export function factModule(doc: JreExport, table: string, lookups: Record<string, JsonRecord[]> = {}): (record: JsonRecord) => Record<string, FactValue> {
  const subject: SubjectExport | undefined = doc.subjects.find((s) => s.table === table);
  if (!subject) throw new RecordError(`the export has no rules on table ${table} (it has: ${doc.subjects.map((s) => s.table).join(', ') || 'none'})`);
  const { timeZone } = doc.model;
  const schemas = new Map(doc.model.tables.map((t) => [t.name, t]));
  const schema = schemas.get(table)!;

  // Layout as the engine builds it: source fields, then derived fields by their place in the playbook.
  const layout = new Map<string, Map<string, number>>();
  for (const t of doc.model.tables) layout.set(t.name, new Map(t.fields.map((f, i) => [f.name, i])));
  const derived = [...doc.model.derived].sort((a, b) => a.line - b.line || a.column - b.column);
  for (const d of derived) layout.get(d.table)!.set(d.name, layout.get(d.table)!.size);

  const outcomes = table === doc.model.dealsTable ? doc.model.outcomes : [];
  const own = derived.filter((d) => d.table === table);
  const needed = lookedUp([subject.facts, own.map((d) => d.expr), outcomes.map((o) => o.expr)]);
  const tables = new Map<string, TableLike>();
  // Lookup rows given for a table the facts do not read are still read: a record's key into them
  // must be there (as simulate refuses a deal whose rep is not in reps), not silently accepted.
  const given = Object.keys(lookups).filter((name) => name !== table && schemas.has(name) && Array.isArray(lookups[name]));
  for (const name of new Set([...needed, ...given])) {
    const s = schemas.get(name)!;
    const rows = lookups[name];
    if (!Array.isArray(rows)) throw new RecordError(`the ${name} table is needed to compute the facts (lookups.${name}: a list of rows)`);
    const key = s.fields.findIndex((f) => f.key);
    const byKey = new Map<string, RowLike>();
    const read = rows.map((r, i) => readRow(s, r, timeZone, `${name} row ${i + 1}`));
    for (const r of read) if (key >= 0) byKey.set(String(r.values[key]), r);
    tables.set(name, { schema: s, rows: read, byKey });
  }
  tables.set(table, { schema, rows: [], byKey: null });

  const flags = new Map<string, Uint8Array>(outcomes.map((o) => [`outcome:${o.outcome}`, new Uint8Array(1)]));
  const ctx: CompileContext = {
    tables,
    layout,
    inputs: {
      get: (id) => {
        throw new Error(`internal: the export reads ${id}, which one record cannot give`);
      },
      maybe: <T>(id: string) => (flags.has(id) ? ({ flags: flags.get(id) } as T) : undefined),
    },
    // Aggregates over the activities log are not exported (they need a deal's whole window).
    activitiesTable: null,
  };
  const env: Env = { row: { line: 0, values: [] }, deal: 0, rep: 0, period: { key: '', start: 0, end: 0, months: [] }, age: 0, score: null, divisionsByZero: 0 };
  const at = (row: RowLike, fn: Compiled): Value => {
    env.row = row;
    return fn(env);
  };
  // Derived fields of looked-up tables, computed once on the lookup rows (in the engine's order).
  for (const d of derived) {
    const t = tables.get(d.table);
    if (d.table === table || !t) continue;
    const fn = compileExpr(d.expr, ctx);
    const index = layout.get(d.table)!.get(d.name)!;
    for (const r of t.rows) r.values[index] = at(r, fn);
  }
  const ownFns = own.map((d) => ({ index: layout.get(table)!.get(d.name)!, fn: compileExpr(d.expr, ctx) }));
  const outcomeFns = outcomes.map((o) => ({ flags: flags.get(`outcome:${o.outcome}`)!, fn: compileExpr(o.expr, ctx) }));
  const factFns = subject.facts.map((f): ((row: RowLike) => FactValue) => {
    if (f.kind === 'outcome') return () => flags.get(`outcome:${f.outcome}`)?.[0] === 1;
    if (f.kind === 'field') {
      const read = compilePath(f.path, ctx);
      return (row) => factText(read(row));
    }
    const fn = compileExpr(f.expr, ctx);
    return (row) => factText(at(row, fn));
  });
  const lookupFields = schema.fields.flatMap((f, i) => (f.lookup && f.lookup !== table && tables.has(f.lookup) ? [{ f, i, keys: tables.get(f.lookup)!.byKey! }] : []));

  return (record) => {
    const row = readRow(schema, record, timeZone, `the ${table} record`);
    // A looked-up key that is not there would make every fact through it missing: refused instead.
    for (const { f, i, keys } of lookupFields) {
      const v = row.values[i];
      if (v !== null && !keys.has(String(v))) throw new RecordError(`the ${table} record: field "${f.name}": ${JSON.stringify(v)} is not in the ${f.lookup} table`);
    }
    for (const d of ownFns) row.values[d.index] = at(row, d.fn);
    for (const o of outcomeFns) o.flags[0] = at(row, o.fn) === true ? 1 : 0;
    const facts: Record<string, FactValue> = {};
    subject.facts.forEach((f, i) => (facts[f.name] = factFns[i](row)));
    return facts;
  };
}

/** The facts of one record of `table` (see {@link factModule}; prepare one for many records). */
export function recordFacts(doc: JreExport, table: string, record: JsonRecord, lookups: Record<string, JsonRecord[]> = {}): Record<string, FactValue> {
  return factModule(doc, table, lookups)(record);
}
