/**
 * The JSON Schema (draft 2020-12) of the rule graph, generated from the zod
 * schemas that define it — the published contract of `compile --target graph`.
 */
import { z } from 'zod';
import { RuleGraphSchema } from './nodes.js';

/** The rule graph's JSON Schema as a plain object. */
export function ruleGraphJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(RuleGraphSchema, { target: 'draft-2020-12' }) as Record<string, unknown>;
  return {
    ...schema,
    $id: 'https://playbook-engine.local/schema/rule-graph.schema.json',
    title: 'playbook compile --target graph',
    description: 'The compiled rule graph: typed nodes with their inputs and source spans, the tables a playbook reads and the field roles. Generated from the zod schemas in src/graph.',
  };
}
