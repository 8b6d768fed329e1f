/** Compiling the rule graph to SQL (DuckDB, Spark) and running it on embedded DuckDB (docs/sql.md). */
export { DIALECTS, DIVISION_SCALE, type Dialect, type DialectName } from './dialect.js';
export { DEFAULT_SCALE, SqlRefusal, compileToSql, type SqlOptions, type SqlProgram, type SqlView } from './compile-sql.js';
export { formatSqlProgram } from './format.js';
export { dataScales, evaluateOnDuckDb } from './duckdb-evaluate.js';
export { simulateOnDuckDb } from './simulate-duckdb.js';
