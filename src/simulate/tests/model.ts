/**
 * Tests written beside a plan (`plan.tests.playbook`): what a test file says,
 * once read. See docs/language.md "Tests beside the plan".
 */

/** A small table written inline in a test: a header of CSV column names and rows of cells. */
export interface InlineTable {
  /** The playbook table it stands in for (`deals`, `reps`, ...). */
  table: string;
  header: string[];
  rows: { line: number; cells: string[] }[];
  /** `table deals from "file.csv"`: a CSV file beside the test file instead of inline rows. */
  file?: string;
  line: number;
}

/** One `expect …` line, its text still holding `{name}` placeholders of table-driven cases. */
export interface Expectation {
  text: string;
  line: number;
}

/** One `test "…"` block. */
export interface TestDef {
  name: string;
  line: number;
  tables: InlineTable[];
  expectations: Expectation[];
  /** Table-driven cases: each row of `cases` is run as a test of its own, its cells filling `{name}` placeholders. */
  cases: InlineTable | null;
}

/** A whole test file. */
export interface TestFile {
  /** Path of the test file, as found. */
  file: string;
  /** The plan it tests, resolved beside the test file. */
  plan: string;
  tests: TestDef[];
}

/** A mistake in a test file (not a failing test): reported with its line, exit 2. */
export class TestFileError extends Error {}

/** The outcome of one test (or one case of a table-driven test). */
export interface TestOutcome {
  file: string;
  name: string;
  line: number;
  passed: boolean;
  expectations: number;
  failures: Failure[];
}

/** An expectation that did not hold, with how the actual value came about. */
export interface Failure {
  /** `file:line` of the expectation. */
  at: string;
  expectation: string;
  expected: string;
  actual: string;
  /** How the actual value was computed (an explain tree or the deal's fate), when it can be shown. */
  trace: string;
}
