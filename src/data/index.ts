/**
 * Data loader: reads the CSV files a playbook declares (`TableSchema`, see
 * `src/graph/tables.ts`) into typed tables, rejecting bad rows with plain messages.
 * Files are read safely (regular files only) and decoded exactly (`decode.ts`); a CSV file is
 * streamed — read in chunks, decoded block by block (`decode-stream.ts`), parsed record by record
 * (`csv.ts`, `table.ts`) — and has no size limit; JSON Lines and Excel files are read whole (at most
 * 500 MiB). Every value echoed in a message goes through `showValue`.
 *
 * - `loadDataset(schemas, dir, { timeZone })` → `Dataset` (all tables, lookups checked);
 * - `loadTableText(schema, text, { timeZone })` → `LoadedTable` (one table, no lookups);
 * - `DataError` is thrown only for whole-file problems.
 */
export type { Value, Row, RowIssue, RejectedRow, LoadedTable, Dataset, LoadOptions } from './types.js';
export { DataError } from './errors.js';
export { loadDataset, loadDatasetTexts } from './dataset.js';
export { loadTableText } from './table.js';
export { keyString } from './keys.js';
export { escapeValue, showValue } from './show-value.js';
