/**
 * Running the export with json-rules-engine: one record in, the events of the rules that
 * hold out. What the deal-desk example and the differential tests call.
 */
import { Engine } from 'json-rules-engine';
import { type FactValue, type JsonRecord, factModule } from './facts.js';
import { registerOperators } from './operators.js';
import type { JreExport, JreRule } from './types.js';

/** An event of a rule that held: its type (`red-line`, `outcome`, `credit`, `bonus`) and params (id, effect, message, …). */
export interface Decision {
  type: JreRule['event']['type'];
  params: Record<string, unknown>;
}

/**
 * A json-rules-engine `Engine` with the rules of `table` and the `pb:` operators registered.
 * Undefined facts are allowed (and read as missing), so a caller who supplies its own facts
 * gets "does not hold" for a fact it left out, as the engine would — never an exception.
 */
export function engineFor(doc: JreExport, table: string): Engine {
  const subject = doc.subjects.find((s) => s.table === table);
  const engine = new Engine([], { allowUndefinedFacts: true });
  registerOperators(engine);
  for (const rule of subject?.rules ?? []) engine.addRule(rule as never);
  return engine;
}

/**
 * A decider for records of `table`: the fact module and the engine prepared once
 * (lookup rows read, expressions compiled), then one call per record. Events come in
 * rule order. @throws RecordError (see `factModule`).
 */
export function decider(doc: JreExport, table: string, lookups: Record<string, JsonRecord[]> = {}): (record: JsonRecord) => Promise<Decision[]> {
  const facts: (r: JsonRecord) => Record<string, FactValue> = factModule(doc, table, lookups);
  const engine = engineFor(doc, table);
  return async (record) => (await engine.run(facts(record))).events as Decision[];
}

/** The decisions on one record of `table` (see {@link decider}; prepare one for many records). */
export async function decide(doc: JreExport, table: string, record: JsonRecord, lookups: Record<string, JsonRecord[]> = {}): Promise<Decision[]> {
  return decider(doc, table, lookups)(record);
}
