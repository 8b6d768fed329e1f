/**
 * Published schemas: the rule graph's JSON Schema (generated from the zod schemas) is
 * current, compiles in Ajv strict mode and accepts the compiled reference graphs; the
 * explain output schema accepts real explanations and rejects a tampered one.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { ruleGraphJsonSchema } from '../../src/graph/json-schema.js';
import { explainer } from '../../src/simulate/explain/index.js';
import { formatExplanationJson } from '../../src/simulate/explain/format.js';
import { compilePlaybookSource } from '../../src/simulate/load-playbook.js';
import { loadData } from '../../src/simulate/simulate.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = (p: string) => JSON.parse(readFileSync(join(ROOT, p), 'utf8')) as Record<string, unknown>;
const compileGraph = (p: string) => compilePlaybookSource(p, readFileSync(join(ROOT, p), 'utf8')).graph!;

describe('rule graph JSON Schema', () => {
  it('schema/rule-graph.schema.json is what the zod schemas generate (run npm run schemas after changing them)', () => {
    expect(read('schema/rule-graph.schema.json')).toEqual(JSON.parse(JSON.stringify(ruleGraphJsonSchema())));
  });
  it('accepts the compiled reference graphs (as `compile --target graph` prints them) and rejects a broken one', () => {
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(read('schema/rule-graph.schema.json'));
    for (const p of ['playbooks/key-account.playbook', 'playbooks/maven-crm-2017.playbook']) {
      const graph = JSON.parse(JSON.stringify(compileGraph(p)));
      expect(validate(graph), JSON.stringify(validate.errors)).toBe(true);
      graph.nodes[0].inputs = 'credit';
      expect(validate(graph)).toBe(false);
    }
  });
});

describe('explain output JSON Schema', () => {
  const validate = new Ajv2020({ allErrors: true, strict: true }).compile(read('schema/explain-output.schema.json'));
  const file = 'playbooks/key-account.playbook';
  const graph = compileGraph(file);
  const traced = explainer(graph, loadData(graph, join(ROOT, 'examples/key-account')).dataset.tables);
  it('accepts a rep explanation and a deal explanation', () => {
    for (const request of [{ rep: 'R01' }, { deal: 'D0380' }, { deal: 'D0001' }]) {
      const doc = JSON.parse(formatExplanationJson(traced.explain(request)));
      expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    }
  });
  it('rejects money written as a JSON number', () => {
    const doc = JSON.parse(formatExplanationJson(traced.explain({ rep: 'R01' })));
    doc.tree.amount = 0;
    expect(validate(doc)).toBe(false);
  });
});
