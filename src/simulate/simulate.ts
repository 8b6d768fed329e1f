/**
 * `simulate`: run a compiled scheme over a CRM export and collect the result
 * with its input accounting (rows read / used / rejected per table).
 */
import { type Dataset, loadDataset } from '../data/index.js';
import type { RuleGraph } from '../graph/nodes.js';
import { evaluate } from '../runtime/evaluate.js';
import type { Evaluation } from '../runtime/result.js';
import { stageValueWarnings } from './stage-values.js';

export interface InputAccount {
  table: string;
  file: string;
  read: number;
  used: number;
  rejected: number;
}

export interface RejectedRowReport {
  table: string;
  file: string;
  line: number;
  messages: string[];
}

export interface Simulation {
  graph: RuleGraph;
  /** Path of the playbook, as given. */
  playbookFile: string;
  input: InputAccount[];
  rejectedRows: RejectedRowReport[];
  evaluation: Evaluation;
  /** The loaded tables (rows extended with derived fields). */
  tables: Dataset['tables'];
}

/** Raised when the data has bad rows and the run was not told to skip them. Lists every bad row. */
export class BadRowsError extends Error {
  constructor(readonly rejected: RejectedRowReport[]) {
    super(`${rejected.length} row${rejected.length === 1 ? '' : 's'} could not be read`);
  }
}

export interface SimulateOptions {
  /** Reject bad rows, report them and carry on; default false (a bad row stops the run). */
  skipBadRows?: boolean;
  /** Keep the detail behind each payout line (needed for coverage of commission bands); default false. */
  trace?: boolean;
  /** Called as the run goes, for a progress display (the CLI's is `src/cli/progress.ts`). */
  progress?: ProgressHooks;
}

/** What a long run reports as it goes; every hook is optional and must not throw. */
export interface ProgressHooks {
  /**
   * While a CSV table is read: its name and the records read so far (every 10,000, and at its
   * end); `since` (milliseconds since the epoch) is when reading it began, given for a table read
   * in a worker thread, whose progress is shown only once this thread has read the others.
   */
  onRows?: (table: string, records: number, since?: number) => void;
  /** While the rule graph is evaluated: steps (graph nodes) done, of `total`, after each. */
  onStep?: (done: number, total: number) => void;
}

function accounting(dataset: Dataset): { input: InputAccount[]; rejectedRows: RejectedRowReport[] } {
  const input = [...dataset.tables.values()]
    .map((t) => ({ table: t.schema.name, file: t.schema.file, read: t.read, used: t.used, rejected: t.rejected.length }))
    .sort((a, b) => (a.table < b.table ? -1 : a.table > b.table ? 1 : 0));
  const rejectedRows = dataset.rejected.map((r) => ({ table: r.table, file: r.file, line: r.line, messages: r.issues.map((i) => i.message) }));
  return { input, rejectedRows };
}

/**
 * Loads the data in `dataDir` as the graph declares and evaluates the scheme.
 * @throws DataError (from the loader) for a missing file or column;
 * @throws BadRowsError when rows were rejected and `skipBadRows` is not set.
 */
export function simulate(graph: RuleGraph, playbookFile: string, dataDir: string, options: SimulateOptions = {}): Simulation {
  const { dataset, input, rejectedRows } = loadData(graph, dataDir, options);
  const evaluation = evaluate(graph, dataset.tables, { trace: options.trace ?? false, onStep: options.progress?.onStep });
  // Data that is valid but probably not meant (percent fractions, stage spellings) comes first.
  // An array literal, not unshift(...): a spread of many warnings into a call's arguments could overflow the stack.
  evaluation.warnings = [...dataset.warnings, ...stageValueWarnings(graph, dataset.tables.get('deals')), ...evaluation.warnings];
  return { graph, playbookFile, input, rejectedRows, evaluation, tables: dataset.tables };
}

/**
 * Loads the data in `dataDir` as the graph declares, with its row accounting.
 * @throws DataError (from the loader) for a missing file or column;
 * @throws BadRowsError when rows were rejected and `skipBadRows` is not set.
 */
export function loadData(graph: RuleGraph, dataDir: string, options: SimulateOptions = {}): { dataset: Dataset; input: InputAccount[]; rejectedRows: RejectedRowReport[] } {
  const dataset = loadDataset(graph.tables, dataDir, { timeZone: graph.playbook.timeZone, currency: graph.playbook.currency, onRows: options.progress?.onRows });
  const { input, rejectedRows } = accounting(dataset);
  if (rejectedRows.length > 0 && !options.skipBadRows) throw new BadRowsError(rejectedRows);
  return { dataset, input, rejectedRows };
}
