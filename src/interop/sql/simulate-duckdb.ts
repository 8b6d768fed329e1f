/**
 * `simulate` on DuckDB: the data is read by the same loader as the JavaScript engine's (same
 * rejected rows, data warnings and row counts), then evaluated by the compiled SQL in embedded
 * DuckDB (duckdb-evaluate.ts). The result is a {@link Simulation}, reported exactly as usual.
 */
import type { RuleGraph } from '../../graph/nodes.js';
import { type SimulateOptions, type Simulation, loadData } from '../../simulate/simulate.js';
import { stageValueWarnings } from '../../simulate/stage-values.js';
import { unmatchedLiteralWarnings } from '../../simulate/unmatched-literals.js';
import { evaluateOnDuckDb } from './duckdb-evaluate.js';

/**
 * Loads the data in `dataDir` as the graph declares and evaluates the playbook in DuckDB.
 * @param source the playbook's text (for the SQL's line comments; optional).
 * @throws DataError, BadRowsError as `simulate` does; SqlRefusal (PB6001–PB6002) when the playbook uses what SQL cannot express.
 */
export async function simulateOnDuckDb(graph: RuleGraph, playbookFile: string, dataDir: string, options: Omit<SimulateOptions, 'trace'> = {}, source?: string): Promise<Simulation> {
  const { dataset, input, rejectedRows } = loadData(graph, dataDir, options);
  const evaluation = await evaluateOnDuckDb(graph, dataset.tables, { source });
  evaluation.warnings.unshift(...dataset.warnings, ...stageValueWarnings(graph, dataset.tables.get('deals')), ...unmatchedLiteralWarnings(graph, dataset.tables));
  return { graph, playbookFile, input, rejectedRows, evaluation, tables: dataset.tables };
}
