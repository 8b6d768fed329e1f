/**
 * Reading a test file (`plan.tests.playbook`). The format is line-based so an
 * analyst can write it like a spreadsheet:
 *
 *     plan "key-account.playbook"          # optional; default: the name without `.tests`
 *     test "15,000,000 booked pays 400,000"
 *       table deals
 *         deal_id | rep_id | amount
 *         d1      | r1     | 15,000,000
 *       expect payout of r1 = 400,000
 *       cases                              # optional: one run per row, filling {booked}
 *         booked
 *         15,000,000
 *
 * Indentation is free; `#` starts a comment outside quotes.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { expectationWordingProblem } from './expect.js';
import { type InlineTable, type TestDef, type TestFile, TestFileError } from './model.js';
import { fill } from './tables.js';


/** Strips a `#` comment that is not inside double quotes. */
function stripComment(line: string): string {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '"') quoted = !quoted;
    else if (line[i] === '#' && !quoted) return line.slice(0, i);
  }
  return line;
}

/** The cells of a table line: `a | b | c`. */
export function cellsOf(line: string): string[] {
  return line.split('|').map((c) => c.trim());
}

/** `plan.tests.playbook` → `plan.playbook`, beside it. */
export function defaultPlan(file: string): string {
  return join(dirname(file), basename(file).replace(/\.tests\.playbook$/, '.playbook'));
}

const STRING = /^"((?:[^"\\]|\\.)*)"$/;

/**
 * Checks that the plan a test file names (or the one beside it) exists.
 * @throws TestFileError naming the test file and the missing plan.
 */
export function requirePlan(file: TestFile): void {
  if (!existsSync(file.plan)) throw new TestFileError(`${file.file}: the plan ${file.plan} does not exist (name it with plan "file.playbook")`);
}

/**
 * Parses the text of a test file.
 * @throws TestFileError naming the line of anything it cannot read.
 */
export function parseTestFile(file: string, text: string): TestFile {
  const tests: TestDef[] = [];
  let plan = defaultPlan(file);
  let test: TestDef | null = null;
  let table: InlineTable | null = null;
  const fail = (line: number, msg: string): never => {
    throw new TestFileError(`${file}:${line}: ${msg}`);
  };
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const content = stripComment(raw).trim();
    if (content === '') return;
    const word = content.split(/\s+/, 1)[0];
    const rest = content.slice(word.length).trim();
    if (word === 'plan' && test === null) {
      const m = STRING.exec(rest) ?? fail(line, 'write the plan\'s file name in quotes: plan "commission.playbook"');
      plan = join(dirname(file), m[1]);
      return;
    }
    if (word === 'test') {
      const m = STRING.exec(rest) ?? fail(line, 'give the test a name in quotes: test "a rep at target is paid 2%"');
      test = { name: m[1], line, tables: [], expectations: [], cases: null };
      tests.push(test);
      table = null;
      return;
    }
    if (test === null) return fail(line, `expected a test ("test \\"name\\""), not "${content}"`);
    if (word === 'table') {
      const m = /^([\p{L}_][\p{L}\p{N}_]*)(?:\s+from\s+"([^"]+)")?$/u.exec(rest) ?? fail(line, 'write table NAME, then its header and rows on the lines below (or table NAME from "file.csv")');
      table = { table: m[1], header: [], rows: [], line, ...(m[2] ? { file: m[2] } : {}) };
      if (test.tables.some((t) => t.table === m[1])) fail(line, `table ${m[1]} is already given in this test`);
      test.tables.push(table);
      return;
    }
    if (word === 'cases') {
      if (test.cases) fail(line, 'a test has one cases table');
      table = { table: 'cases', header: [], rows: [], line };
      test.cases = table;
      return;
    }
    if (word === 'expect') {
      if (rest === '') fail(line, 'say what to expect, e.g. expect payout of r1 = 400,000');
      test.expectations.push({ text: rest, line });
      table = null;
      return;
    }
    if (table === null || table.file !== undefined) return fail(line, `expected table, expect or cases, not "${content}"`);
    if (table.header.length === 0) table.header = cellsOf(content);
    else {
      const cells = cellsOf(content);
      if (cells.length !== table.header.length) fail(line, `this row has ${cells.length} cells but the header has ${table.header.length}`);
      table.rows.push({ line, cells });
    }
  });
  for (const t of tests) if (t.expectations.length === 0) fail(t.line, `test "${t.name}" expects nothing; add an expect line`);
  // Each expectation's wording, read now (as each case fills it in), so `playbook check` finds a mistake with its line
  // instead of `playbook test` stopping at it without one.
  for (const t of tests) {
    const runs = t.cases ? t.cases.rows.map((row) => new Map(t.cases!.header.map((h, i) => [h, row.cells[i]] as const))) : [new Map<string, string>()];
    for (const e of t.expectations) {
      const problem = expectationWordingProblem(e.text, runs.map((values) => fill(e.text, values)));
      if (problem !== null) fail(e.line, problem);
    }
  }
  return { file, plan, tests };
}
