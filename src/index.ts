/**
 * The playbook engine as a library: what the `playbook` command does, as
 * function calls other programs (a CRM workflow, a BI job, a notebook) and the
 * tests can make. Every CLI verb is one of these calls plus formatting.
 *
 * Conventions for everything exported here:
 * - Money is an exact `Decimal` (decimal.js) in the playbook's currency; JSON
 *   outputs write it as a decimal string with the currency's minor digits.
 * - Dates are calendar dates in the playbook's time zone (`YYYY-MM-DD` in outputs).
 * - Ratios are fractions (20% is 0.2).
 * - A mistake in the user's input throws one of the error classes below, with a
 *   message that names the file, line, column and value; anything else is a bug.
 *
 * See docs/api.md for a walk-through with a runnable example.
 */

// ---- compile: playbook text → diagnostics → rule graph ---------------------------------------
export { checkSource, type CheckedSource } from './check/index.js';
export { type Diagnostic, type Severity } from './language/diagnostics.js';
export { formatDiagnostic } from './language/format-diagnostic.js';
export { type CompiledPlaybook, PlaybookFileError, compilePlaybookFile, compilePlaybookSource } from './simulate/load-playbook.js';
export { GraphError, compileGraph } from './graph/compile.js';
export { type GraphNode, type Roles, type RuleGraph, RuleGraphSchema } from './graph/nodes.js';
export { ExprSchema, type SourceSpan, type TExpr } from './graph/ir.js';
export { GraphInvariantError, checkInvariants } from './graph/invariants.js';
export { ruleGraphJsonSchema } from './graph/json-schema.js';
export { printExpr } from './graph/print.js';
export { ReplayError, underVersion, versionedRules } from './graph/replay.js';

// ---- data: CSV exports → typed tables with row accounting -----------------------------------
export { DataError, type Dataset, loadDataset } from './data/index.js';

// ---- run: evaluate the graph -------------------------------------------------------------------
export { EvaluationError, type EvaluateOptions, evaluate } from './runtime/evaluate.js';
export type { DealResult, Evaluation, PayoutLine, RankEntry, RedLineSummary, RepResult } from './runtime/result.js';
export { Decimal } from './runtime/decimal.js';
export { SplitSharesError } from './runtime/splits.js';
export { splitAmount } from './runtime/split-amount.js';

// ---- the verbs -----------------------------------------------------------------------------------
export { BadRowsError, type InputAccount, type ProgressHooks, type Simulation, type SimulateOptions, loadData, simulate } from './simulate/simulate.js';
export { formatJson, simulationJson, writeSimulationJson } from './simulate/report-json.js';
export { formatCsv, writeCsv } from './simulate/report-csv.js';
export type { TextSink } from './simulate/text-sink.js';
export { formatTable } from './simulate/report-table.js';
export { type Audit, audit, auditSimulation } from './simulate/audit.js';
export { type Backtest, type BacktestOptions, EmptySplitError, NothingToBacktestError, SegmentFieldError, backtest } from './simulate/backtest.js';
export { type Comparison as BacktestComparison, compareBacktests } from './simulate/backtest/compare.js';
export { type AccountScoreReport, ScoreRequestError, accountScore } from './simulate/account-score.js';
export { type ScoreHistory, scoreHistory } from './simulate/score-history.js';
export { type ReviewList, type ReviewRow, monthBefore, reviewList } from './simulate/review-list.js';
export { LOW_VALUE_POINTS, type RepMonth, type RepScores, repScores } from './simulate/rep-scores.js';
export { type VerifyOptions, type PropertyResult, verify } from './simulate/verify/index.js';
export { type DealExplanation, type ExplainNode, type ExplainRequest, type Explainer, type Explanation, ExplainRequestError, explain, explainer } from './simulate/explain/index.js';
export { formatExplanationJson, formatExplanationText } from './simulate/explain/format.js';

// ---- interop: per-record decisions as json-rules-engine rules, JSON Schemas of the tables --------
export { type Decision, type FactValue, type JreExport, type JsonRecord, RecordError, decide, decider, engineFor, exportJsonRulesEngine, factModule, recordFacts, registerOperators } from './interop/jre/index.js';
export { tableJsonSchema } from './interop/table-schema.js';
// ---- SQL back ends: the rule graph as DuckDB / Spark SQL, and run on embedded DuckDB (docs/sql.md)
export { type DialectName, DEFAULT_SCALE, SqlRefusal, type SqlOptions, type SqlProgram, compileToSql, evaluateOnDuckDb, formatSqlProgram, simulateOnDuckDb } from './interop/sql/index.js';

export { type Failure, type TestFile, TestFileError, type TestOutcome } from './simulate/tests/model.js';
export { parseTestFile } from './simulate/tests/parse-tests.js';
export { runTestFile } from './simulate/tests/run.js';
export { ExpectationSyntaxError } from './simulate/tests/expect.js';
export { formatTestJson, formatTestJunit, formatTestText } from './simulate/tests/report.js';

// ---- layout ------------------------------------------------------------------------------------
export { FormatError, formatPlaybook } from './language/format/format.js';

// ---- compare and the payout curve -----------------------------------------------------------------
export { type Comparison, type CompareOptions, type ComparePlan, type RepComparison, type Threshold, compare, compareEvaluations } from './simulate/compare/compare.js';
export { type RuleChange, diffGraphs } from './simulate/compare/graph-diff.js';
export { comparisonJson, formatCompareCsv, formatCompareJson } from './simulate/compare/report-data.js';
export { formatCompareTable } from './simulate/compare/report-table.js';
export { type Curve, type CurvePoint, payoutCurve } from './simulate/curve/curve.js';
export { formatCurveJson, formatCurveTable } from './simulate/curve/report.js';
/**
 * `simulate --format html`: one self-contained page with SVG charts. Async because the
 * charting library (vega, vega-lite) is loaded on first use, not when the library is imported.
 */
export async function formatSimulateHtml(sim: import('./simulate/simulate.js').Simulation): Promise<string> {
  return (await import('./simulate/html/simulate.js')).formatSimulateHtml(sim);
}
/** `compare --format html` (see {@link formatSimulateHtml}). */
export async function formatCompareHtml(c: import('./simulate/compare/compare.js').Comparison): Promise<string> {
  return (await import('./simulate/html/compare.js')).formatCompareHtml(c);
}
