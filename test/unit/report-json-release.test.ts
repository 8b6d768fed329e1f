/**
 * Issue 10 (memory): `writeSimulationJson` with `release` lets the per-deal and per-rep results,
 * the statement lines, the relationship models and the tables go as the report is written. The
 * text must be the one written without it, and what is let go must be what the option says.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { compilePlaybookSource } from '../../src/simulate/load-playbook.js';
import { formatJson, writeSimulationJson } from '../../src/simulate/report-json.js';
import { simulate } from '../../src/simulate/simulate.js';
import { StringSink } from '../../src/simulate/text-sink.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DATA = join(ROOT, 'examples/key-account');
const file = join(ROOT, 'playbooks/key-account.playbook');
const graph = compilePlaybookSource(file, readFileSync(file, 'utf8')).graph!;

describe('writeSimulationJson with release', () => {
  it('writes the same text as without it, then holds only the warnings, red lines, totals and releases', () => {
    const expected = formatJson(simulate(graph, file, DATA));
    const sim = simulate(graph, file, DATA);
    const sink = new StringSink();
    writeSimulationJson(sim, sink, { release: true });
    expect(sink.text()).toBe(expected);
    // Every deal of the file is in the report (counted from the CSV itself)…
    const deals = parse(readFileSync(join(DATA, 'deals.csv'), 'utf8'), { columns: true }) as unknown[];
    expect((JSON.parse(sink.text()) as { deals: unknown[] }).deals).toHaveLength(deals.length);
    // …and let go once written; what the CLI reads after the report stays.
    const e = sim.evaluation;
    expect(e.deals).toHaveLength(0);
    expect(e.reps).toHaveLength(0);
    expect(e.payments!.lines).toHaveLength(0);
    expect(e.relationship).toBeNull();
    expect(e.relationshipAt).toBeNull();
    expect(sim.tables.size).toBe(0);
    expect(e.payments!.releases.length).toBeGreaterThan(0);
    expect(e.redlines.length).toBeGreaterThan(0);
    expect(e.totals.payout.isZero()).toBe(false);
  });

  it('lets nothing go without it', () => {
    const sim = simulate(graph, file, DATA);
    const before = { deals: sim.evaluation.deals.length, reps: sim.evaluation.reps.length, lines: sim.evaluation.payments!.lines.length, tables: sim.tables.size };
    writeSimulationJson(sim, new StringSink());
    expect({ deals: sim.evaluation.deals.length, reps: sim.evaluation.reps.length, lines: sim.evaluation.payments!.lines.length, tables: sim.tables.size }).toEqual(before);
    expect(before.deals).toBeGreaterThan(0);
    expect(sim.evaluation.relationship).not.toBeNull();
  });
});
