/**
 * `playbook compile --target json-rules-engine|json-schema` from the command line: the
 * export lists what it leaves out (in the JSON and on standard error), the schemas validate
 * a compiled graph and the records of a real export with ajv, and an unknown target is refused.
 */
import { existsSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { KEY_ACCOUNT, MAVEN, playbook } from '../cli/helpers.js';
import { csvRecords } from './csv-records.js';

const MAVEN_DATA = '../shared/data/maven-crm';

describe('compile --target', () => {
  it('json-rules-engine on key-account: red lines on deals and activities; rankings, first-credited bonus and scoring listed with reasons', () => {
    const r = playbook('compile', KEY_ACCOUNT, '--target', 'json-rules-engine');
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout);
    const rules = (table: string) => doc.subjects.find((s: { table: string }) => s.table === table).rules.map((x: { name: string }) => x.name);
    expect(rules('deals')).toEqual(['outcome:won', 'outcome:lost', 'redline:margin floor', 'redline:must-win accounts', 'credit', 'bonus:margin share']);
    expect(rules('activities')).toEqual(['redline:anti-bribery']);
    const left = new Map(doc.notExported.map((n: { id: string; reason: string }) => [n.id, n.reason]));
    expect([...left.keys()].sort()).toEqual(
      ['bonus:strategic breakthrough', 'commission:orders commission', 'indicator:met_leadership', 'indicator:requirements_signed', 'indicator:tech_exchange_held', 'payout', 'quota:challenge', 'quota:floor', 'ranking:monthly ranking', 'review', 'scoring', 'stages:orders commission', 'statements', 'tiers'].sort(),
    );
    expect(left.get('bonus:strategic breakthrough')).toMatch(/first credited per/);
    expect(left.get('stages:orders commission')).toMatch(/paying in stages follows each deal's cash and delivery/);
    // Said on standard error too, so it is not missed when the JSON goes to a file.
    expect(r.stderr).toContain('note: ranking:monthly ranking is not exported: a ranking compares all reps over a period');
  });

  it('json-schema: the rule graph schema validates the compiled graph; unknown targets are refused', () => {
    const r = playbook('compile', KEY_ACCOUNT, '--target', 'json-schema');
    expect(r.status).toBe(0);
    const schemas = JSON.parse(r.stdout);
    expect(Object.keys(schemas.tables)).toEqual(['reps', 'accounts', 'products', 'deals', 'activities', 'collections', 'progress']);
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    const graph = JSON.parse(playbook('compile', KEY_ACCOUNT).stdout);
    expect(ajv.validate(schemas.ruleGraph, graph), ajv.errorsText()).toBe(true);
    const bad = playbook('compile', KEY_ACCOUNT, '--target', 'drools');
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('--target must be one of graph, json-rules-engine, json-schema, sql, not "drools"');
  });

  it('json-schema: a table schema accepts JSON records and refuses a misspelt field, an inexact number and a bad date', () => {
    const deals = JSON.parse(playbook('compile', KEY_ACCOUNT, '--target', 'json-schema').stdout).tables.deals;
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(deals);
    const ok = { id: 'D1', rep: 'R01', account: 'A1', product: 'P1', stage: 'Won', created_on: '2026-01-05', close_date: null, amount: '1200.50', cost: 900 };
    expect(validate(ok), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...ok, ammount: '1' })).toBe(false);
    expect(validate({ ...ok, amount: 1200.5 })).toBe(false);
    expect(validate({ ...ok, created_on: '05/01/2026' })).toBe(false);
    const { close_date: _, ...noClose } = ok;
    expect(validate(noClose)).toBe(true); // optional: may be left out
    const { amount: __, ...noAmount } = ok;
    expect(validate(noAmount)).toBe(false); // required
  });

  it.skipIf(!existsSync(MAVEN_DATA))('json-schema: every deal of the Maven export, as a JSON record, is valid', () => {
    const schemas = JSON.parse(playbook('compile', MAVEN, '--target', 'json-schema').stdout);
    const validate = new Ajv2020({ strict: false }).compile(schemas.tables.deals);
    const graph = JSON.parse(playbook('compile', MAVEN).stdout);
    const records = csvRecords(MAVEN_DATA, graph.tables.find((t: { name: string }) => t.name === 'deals'));
    expect(records.length).toBe(8800);
    expect(records.filter((r) => !validate(r))).toEqual([]);
  });
});
