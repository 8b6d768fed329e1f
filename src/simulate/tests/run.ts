/**
 * Running a test file: for each test (and each case of a table-driven test)
 * build its small dataset, evaluate the plan with traces, and check every
 * expectation, explaining the actual value of each one that fails.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { DataError, loadDatasetTexts } from '../../data/index.js';
import type { Dataset } from '../../data/index.js';
import type { RuleGraph } from '../../graph/nodes.js';
import { evaluate } from '../../runtime/evaluate.js';
import type { Evaluation } from '../../runtime/result.js';
import { explainer } from '../explain/index.js';
import { formatExplanationText } from '../explain/format.js';
import { REJECTED, checkExpectation } from './expect.js';
import type { Failure, TestDef, TestFile, TestOutcome } from './model.js';
import { fill, tableText } from './tables.js';

/** The runs of one test: one with no values, or one per row of its `cases`. */
function runsOf(test: TestDef): { name: string; values: Map<string, string> }[] {
  if (!test.cases) return [{ name: test.name, values: new Map() }];
  const header = test.cases.header;
  return test.cases.rows.map((row, i) => ({
    name: `${test.name} [case ${i + 1}: ${header.map((h, j) => `${h}=${row.cells[j]}`).join(', ')}]`,
    values: new Map(header.map((h, j) => [h, row.cells[j]])),
  }));
}

function loadTestData(graph: RuleGraph, file: TestFile, test: TestDef, values: Map<string, string>): Dataset {
  for (const t of test.tables) {
    if (!graph.tables.some((s) => s.name === t.table)) throw new DataError(`${basename(file.file)}:${t.line}: the plan has no table "${t.table}" (its tables: ${graph.tables.map((s) => s.name).join(', ')})`, { file: file.file });
  }
  return loadDatasetTexts(graph.tables, (schema) => tableText(schema, test.tables.find((t) => t.table === schema.name), file.file, values), { timeZone: graph.playbook.timeZone });
}

/** The first few messages, so one broken column does not flood the report. */
function shortList(messages: string[]): string {
  const shown = messages.slice(0, 5).join(' | ');
  return messages.length > 5 ? `${shown} | … and ${messages.length - 5} more` : shown;
}


/** One run of a test: every expectation checked against the plan's result over the test's tables. */
function runOne(graph: RuleGraph, file: TestFile, test: TestDef, name: string, values: Map<string, string>, seen: Evaluation[]): TestOutcome {
  const at = (line: number) => `${file.file}:${line}`;
  const expectations = test.expectations.map((e) => ({ line: e.line, text: fill(e.text, values) }));
  const failures: Failure[] = [];
  const outcome = (): TestOutcome => ({ file: file.file, name, line: test.line, passed: failures.length === 0, expectations: expectations.length, failures });
  // Expectations that the data is rejected read the loader's messages, not the result.
  const rejections = expectations.filter((e) => REJECTED.test(e.text));
  const others = expectations.filter((e) => !REJECTED.test(e.text));
  let dataset: Dataset | null = null;
  let messages: string[];
  try {
    dataset = loadTestData(graph, file, test, values);
    messages = dataset.rejected.flatMap((r) => r.issues.map((i) => i.message));
  } catch (e) {
    if (!(e instanceof DataError)) throw e;
    messages = [e.message];
  }
  for (const r of rejections) {
    const wanted = REJECTED.exec(r.text)![1];
    if (!messages.some((m) => m.includes(wanted))) {
      failures.push({ at: at(r.line), expectation: `expect ${r.text}`, expected: `rejected with a message containing "${wanted}"`, actual: messages.length === 0 ? 'the data was accepted' : `rejected with: ${shortList(messages)}`, trace: '' });
    }
  }
  if (others.length === 0) return outcome();
  if (dataset === null || (messages.length > 0 && rejections.length === 0)) {
    failures.push({ at: at(test.line), expectation: 'the test data', expected: 'the data is accepted', actual: `rejected: ${shortList(messages)}`, trace: '' });
    return outcome();
  }
  // Traced, so coverage can tell which commission bands the test reached.
  const evaluation = evaluate(graph, dataset.tables, { trace: true });
  seen.push(evaluation);
  let explain: ReturnType<typeof explainer> | null = null;
  for (const e of others) {
    const c = checkExpectation(e.text, evaluation, graph.playbook.minorDigits);
    if (c.holds) continue;
    let trace = '';
    if (typeof c.explain === 'string') trace = c.explain;
    else if (c.explain !== null) {
      explain ??= explainer(graph, dataset.tables);
      trace = formatExplanationText(explain.explain(c.explain), graph.playbook.minorDigits);
    }
    failures.push({ at: at(e.line), expectation: `expect ${e.text}`, expected: c.expected, actual: c.actual, trace });
  }
  return outcome();
}

/**
 * Runs every test of `file` (already parsed) against `graph`, the compiled plan.
 * `filter` keeps only tests whose name (with its case) matches. Each evaluation made is added
 * to `seen` (for coverage).
 */
export function runTestFile(graph: RuleGraph, file: TestFile, filter: RegExp | null, seen: Evaluation[] = []): TestOutcome[] {
  const outcomes: TestOutcome[] = [];
  for (const test of file.tests) {
    for (const run of runsOf(test)) {
      if (filter && !filter.test(run.name)) continue;
      outcomes.push(runOne(graph, file, test, run.name, run.values, seen));
    }
  }
  return outcomes;
}

/** Reads a test file's text (UTF-8). */
export function readTestFile(path: string): string {
  return readFileSync(path, 'utf8');
}
