/**
 * Compiling the rule graph to SQL (DuckDB, Spark) and running it on embedded DuckDB (docs/sql.md).
 * DuckDB's native binding is loaded only when a playbook is run on it (the two async functions).
 */
import type { RuleGraph } from '../../graph/nodes.js';
import type { Evaluation } from '../../runtime/result.js';
import type { TableLike } from '../../runtime/values.js';
import type { SimulateOptions, Simulation } from '../../simulate/simulate.js';
import type { DuckDbEvaluateOptions } from './duckdb-evaluate.js';

export { DIALECTS, DIVISION_SCALE, type Dialect, type DialectName } from './dialect.js';
export { DEFAULT_SCALE, SqlRefusal, compileToSql, type SqlOptions, type SqlProgram, type SqlView } from './compile-sql.js';
export { formatSqlProgram } from './format.js';

/**
 * Evaluates `graph` over loaded `tables` with the compiled SQL in embedded DuckDB; the same
 * {@link Evaluation} as `evaluate` (decisions and amounts from DuckDB). Writes derived fields into the rows.
 * @throws SqlRefusal (PB6001–PB6002) when the playbook uses what the SQL back end cannot express.
 */
export async function evaluateOnDuckDb(graph: RuleGraph, tables: Map<string, TableLike>, options: DuckDbEvaluateOptions = {}): Promise<Evaluation> {
  return (await import('./duckdb-evaluate.js')).evaluateOnDuckDb(graph, tables, options);
}

/**
 * `simulate` on DuckDB: the data read by the usual loader (same rejected rows and warnings), the
 * rules evaluated by the compiled SQL in embedded DuckDB. Money in the playbook currency, exact.
 * @param source the playbook's text, for the SQL's line comments (optional).
 * @throws DataError, BadRowsError as `simulate`; SqlRefusal (PB6001–PB6002).
 */
export async function simulateOnDuckDb(graph: RuleGraph, playbookFile: string, dataDir: string, options: Omit<SimulateOptions, 'trace'> = {}, source?: string): Promise<Simulation> {
  return (await import('./simulate-duckdb.js')).simulateOnDuckDb(graph, playbookFile, dataDir, options, source);
}
