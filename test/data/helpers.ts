/** Schema builders shared by the data-loader tests. */
import type { SourceField, TableSchema } from '../../src/graph/tables.js';
import type { LoadedTable } from '../../src/data/index.js';
import { expect } from 'vitest';

/** A field reading column `name` (required, not key, no aliases) unless `extra` says otherwise. */
export function field(name: string, type: SourceField['type'], extra: Partial<SourceField> = {}): SourceField {
  return { name, type, column: name, optional: false, key: false, aliases: [], ...extra };
}

/** A comma-separated `en` table unless `extra` says otherwise. */
export function table(name: string, file: string, fields: SourceField[], extra: Partial<TableSchema> = {}): TableSchema {
  return { name, file, delimiter: ',', locale: 'en', fields, ...extra };
}

/** Asserts read = used + rejected and used = rows.length. */
export function expectCounts(t: LoadedTable, read: number, used: number): void {
  expect(t.read).toBe(read);
  expect(t.used).toBe(used);
  expect(t.rows.length).toBe(used);
  expect(t.rejected.length).toBe(read - used);
  expect(t.read).toBe(t.used + t.rejected.length);
}

/** All issue messages of a table, in line order. */
export function messages(t: LoadedTable): string[] {
  return t.rejected.flatMap((r) => r.issues.map((i) => i.message));
}
