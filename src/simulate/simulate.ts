/**
 * `simulate`: run a compiled scheme over a CRM export and collect the result
 * with its input accounting (rows read / used / rejected per table).
 */
import { type Dataset, type LoadOptions, loadDataset, type RejectedRow } from '../data/index.js';
import { startDataset } from '../data/dataset.js';
import type { RuleGraph } from '../graph/nodes.js';
import type { PendingTables } from '../runtime/engine.js';
import { evaluate } from '../runtime/evaluate.js';
import type { Evaluation } from '../runtime/result.js';
import { stageValueWarnings } from './stage-values.js';
import { unmatchedLiteralWarnings } from './unmatched-literals.js';

export interface InputAccount {
  table: string;
  file: string;
  read: number;
  used: number;
  rejected: number;
  /**
   * Rejected rows that ran over several lines of the file (a quote opened a value and a later one
   * closed it): each is one row read, so the lines it took in are not counted anywhere else.
   * Present only when there is at least one. `first`/`last`: the first such row's lines.
   */
  overLines?: { rows: number; lines: number; first: number; last: number };
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
  /** For tests and benchmarks: the size from which the largest CSV file is read in a worker thread (see `LoadOptions.parallelMinBytes`). */
  parallelMinBytes?: number;
  /**
   * For tests and benchmarks: false evaluates nothing before every table is loaded; by default
   * (`simulate` only) the nodes that do not need the table read in a worker thread run meanwhile.
   */
  overlap?: boolean;
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

/** {@link InputAccount.overLines} of a table's rejected rows, as a spread (nothing when none ran over several lines). */
function overLines(rejected: readonly RejectedRow[]): Pick<InputAccount, 'overLines'> {
  let found: InputAccount['overLines'];
  for (const r of rejected) {
    if (r.endLine === undefined || r.endLine <= r.line) continue;
    found ??= { rows: 0, lines: 0, first: r.line, last: r.endLine };
    found.rows++;
    found.lines += r.endLine - r.line + 1;
  }
  return found === undefined ? {} : { overLines: found };
}

function accounting(dataset: Dataset): { input: InputAccount[]; rejectedRows: RejectedRowReport[] } {
  const input = [...dataset.tables.values()]
    .map((t) => ({ table: t.schema.name, file: t.schema.file, read: t.read, used: t.used, rejected: t.rejected.length, ...overLines(t.rejected) }))
    .sort((a, b) => (a.table < b.table ? -1 : a.table > b.table ? 1 : 0));
  const rejectedRows = dataset.rejected.map((r) => ({ table: r.table, file: r.file, line: r.line, messages: r.issues.map((i) => i.message) }));
  return { input, rejectedRows };
}

/**
 * Loads the data in `dataDir` as the graph declares and evaluates the scheme. While the largest
 * CSV file is read in a worker thread, the rule-graph nodes that do not need it are evaluated
 * (see `startDataset` and `runGraph`): the result, the warnings and the errors are the same as when
 * loading first (an error in the data, or bad rows, before any error of the evaluation).
 * @throws DataError (from the loader) for a missing file or column;
 * @throws BadRowsError when rows were rejected and `skipBadRows` is not set.
 */
export function simulate(graph: RuleGraph, playbookFile: string, dataDir: string, options: SimulateOptions = {}): Simulation {
  const load = startData(graph, dataDir, options);
  const evaluation = evaluate(graph, load.tables, { trace: options.trace ?? false, onStep: options.progress?.onStep, ...(load.pending ? { pending: load.pending } : {}) });
  const { dataset, input, rejectedRows } = load.finish();
  // Data that is valid but probably not meant (percent fractions, stage spellings) comes first.
  // An array literal, not unshift(...): a spread of many warnings into a call's arguments could overflow the stack.
  evaluation.warnings = [...dataset.warnings, ...stageValueWarnings(graph, dataset.tables.get('deals')), ...unmatchedLiteralWarnings(graph, dataset.tables), ...evaluation.warnings];
  return { graph, playbookFile, input, rejectedRows, evaluation, tables: dataset.tables };
}

/**
 * Loads the data in `dataDir` as the graph declares, with its row accounting.
 * @throws DataError (from the loader) for a missing file or column;
 * @throws BadRowsError when rows were rejected and `skipBadRows` is not set.
 */
export function loadData(graph: RuleGraph, dataDir: string, options: SimulateOptions = {}): { dataset: Dataset; input: InputAccount[]; rejectedRows: RejectedRowReport[] } {
  return accounted(loadDataset(graph.tables, dataDir, loadOptions(graph, options)), options);
}

/** How `simulate` and `loadData` read the data folder. */
function loadOptions(graph: RuleGraph, options: SimulateOptions): LoadOptions {
  return { timeZone: graph.playbook.timeZone, currency: graph.playbook.currency, onRows: options.progress?.onRows, ...(options.parallelMinBytes !== undefined ? { parallelMinBytes: options.parallelMinBytes } : {}) };
}

/** `dataset` with its row accounting. @throws BadRowsError when rows were rejected and `skipBadRows` is not set. */
function accounted(dataset: Dataset, options: SimulateOptions): { dataset: Dataset; input: InputAccount[]; rejectedRows: RejectedRowReport[] } {
  const { input, rejectedRows } = accounting(dataset);
  if (rejectedRows.length > 0 && !options.skipBadRows) throw new BadRowsError(rejectedRows);
  return { dataset, input, rejectedRows };
}

/**
 * {@link loadData} begun: the tables read so far, the table still being read (for `evaluate`'s
 * `pending`, whose `wait` finishes loading), and `finish`, which gives what `loadData` gives (or
 * throws what it throws), the same on every call. Nothing is left pending when bad rows are found
 * already (the run stops at them) or `options.overlap` is false.
 */
function startData(graph: RuleGraph, dataDir: string, options: SimulateOptions): { tables: Dataset['tables']; pending: PendingTables | null; finish: () => ReturnType<typeof loadData> } {
  const load = startDataset(graph.tables, dataDir, loadOptions(graph, options));
  let outcome: { loaded: ReturnType<typeof loadData> } | { error: unknown } | null = null;
  const finish = () => {
    if (outcome === null) {
      try {
        outcome = { loaded: accounted(load.finish(), options) };
      } catch (error) {
        outcome = { error };
      }
    }
    if ('error' in outcome) throw outcome.error;
    return outcome.loaded;
  };
  const badRowsAlready = !options.skipBadRows && [...load.tables.values()].some((t) => t.rejected.length > 0);
  if (load.pending === null || badRowsAlready || options.overlap === false) {
    finish();
    return { tables: load.tables, pending: null, finish };
  }
  return { tables: load.tables, pending: { tables: new Set([load.pending]), wait: () => void finish() }, finish };
}
