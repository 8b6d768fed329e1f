/**
 * The `payments` part of `simulate --format json` against schema/simulate-output.schema.json
 * (Ajv strict mode): the real outputs of the staged conformance fixtures validate, and a
 * part whose amount is a JSON number, or whose trigger or line kind is unknown, does not.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { compilePlaybookSource } from '../../src/simulate/load-playbook.js';
import { simulationJson } from '../../src/simulate/report-json.js';
import { simulate } from '../../src/simulate/simulate.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const schema = JSON.parse(readFileSync(join(ROOT, 'schema/simulate-output.schema.json'), 'utf8')) as Record<string, unknown>;
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
const fixtures = readdirSync(join(ROOT, 'test/conformance')).filter((d) => d.startsWith('stages-') || d.startsWith('clawback-') || d.endsWith('-clawback') || d.startsWith('minimum-') || d.startsWith('caps-'));

function output(dir: string): Record<string, any> {
  const file = join(ROOT, 'test/conformance', dir, 'scheme.playbook');
  const graph = compilePlaybookSource(file, readFileSync(file, 'utf8')).graph!;
  return JSON.parse(JSON.stringify(simulationJson(simulate(graph, file, join(ROOT, 'test/conformance', dir)))));
}

describe('the payments JSON', () => {
  it('there are staged fixtures to validate', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(4);
  });
  it.each(fixtures)('%s: the real output validates', (dir) => {
    const doc = output(dir);
    expect(doc.payments).toBeDefined();
    expect(validate(doc), JSON.stringify(validate.errors, null, 1)).toBe(true);
  });
  it('rejects money as a JSON number and an unknown trigger', () => {
    const doc = output(fixtures[0]);
    doc.payments.releases[0].amount = 400;
    expect(validate(doc)).toBe(false);
    const other = output(fixtures[0]);
    other.payments.releases[0].trigger = 'delivery';
    expect(validate(other)).toBe(false);
  });
  it('rejects a clawback line kind it does not know', () => {
    const doc = output('clawback-partial');
    expect(validate(doc)).toBe(true);
    doc.payments.releases[0].line = 'refund';
    expect(validate(doc)).toBe(false);
  });
});
