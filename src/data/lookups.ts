/**
 * Cross-table lookups: a field declared `lookup: "reps"` must hold a key of table `reps`.
 */
import type { ColumnStore } from './column-store.js';
import { closest } from '../language/closest.js';
import { DataError } from './errors.js';
import { nfc } from './fields.js';
import { keyString } from './keys.js';
import { missingLookup } from './messages.js';
import { tableInternals } from './table.js';
import type { LoadedTable, RowIssue, Value } from './types.js';

interface Check {
  field: number;
  column: string;
  name: string;
  target: LoadedTable;
  /** The field's aliases by the value they make (`"GTX Pro"` → `"GTXPro"`), trimmed as values are; null without aliases. */
  aliasFrom: Map<string, string> | null;
}

function compileChecks(table: LoadedTable, tables: Map<string, LoadedTable>): Check[] {
  const { schema } = table;
  const columns = tableInternals(table).columns;
  const checks: Check[] = [];
  schema.fields.forEach((f, i) => {
    if (f.lookup === undefined) return;
    const target = tables.get(f.lookup);
    const where = { file: schema.file, column: columns[i] };
    if (target === undefined) {
      const known = [...tables.keys()].join(', ');
      throw new DataError(
        `${schema.file}: column "${columns[i]}" looks values up in table "${f.lookup}", but no such table is declared (tables: ${known})`,
        where,
      );
    }
    if (target.keyIndex < 0) {
      throw new DataError(
        `${schema.file}: column "${columns[i]}" looks values up in table "${f.lookup}" (${target.schema.file}), but that table has no key column`,
        where,
      );
    }
    const aliases = f.aliases ?? [];
    const aliasFrom = aliases.length === 0 ? null : new Map(aliases.map(({ from, to }) => [nfc(to.trim()), nfc(from.trim())]));
    checks.push({ field: i, column: columns[i], name: f.name, target, aliasFrom });
  });
  return checks;
}

const lowerKeys = new WeakMap<LoadedTable, Map<string, string>>();

/**
 * Spaces that look like a space (no-break, figure, narrow no-break) and characters that show as
 * nothing (soft hyphen, zero-width space and joiners, direction marks, word joiner, BOM): a key
 * holding one looks like the value that does not find it.
 */
const LOOK_ALIKE_SPACES = /[\u00a0\u2007\u202f]/g;
const SHOWN_AS_NOTHING = /[\u00ad\u061c\u180e\u200b-\u200f\u2060-\u2064\ufeff]/g;

/** `text` as it looks: lower case, look-alike spaces as spaces, runs of spaces as one (two spaces are hard to see), characters shown as nothing removed. */
function asItLooks(text: string): string {
  return text.replace(SHOWN_AS_NOTHING, '').replace(LOOK_ALIKE_SPACES, ' ').replace(/[ \t]+/g, ' ').toLowerCase();
}

/**
 * The key of `target` that looks like `key` but is not it — other capitals (`"d1"` for `"D1"`), two spaces
 * for one (`"Anna  Snelling"`), or an invisible character in one of them (`"Anna\u00a0Snelling"` for
 * `"Anna Snelling"`) — if there is exactly one.
 */
function lookAlikeKey(target: LoadedTable, key: string): string | undefined {
  let index = lowerKeys.get(target);
  if (!index) {
    index = new Map();
    for (const k of target.byKey!.keys()) {
      const looks = asItLooks(k);
      // Two keys that look the same: no single suggestion.
      index.set(looks, index.has(looks) ? '' : k);
    }
    lowerKeys.set(target, index);
  }
  const found = index.get(asItLooks(key));
  // The index is made once; a key rejected since then is no suggestion.
  return found && found !== key && target.byKey!.has(found) ? found : undefined;
}

/** Per target held as columns: which of its seen keys (entries of its `KeySet`) are keys of accepted rows, for its row count then. */
const acceptedEntries = new WeakMap<LoadedTable, { used: number; flags: Uint8Array }>();

/**
 * True when `key` is the key of an accepted row of `target`. A target still held as columns with
 * a text key is asked through its seen keys (no row made, no second index of its keys: a million
 * deals stay columns); any other through `byKey`.
 */
function hasKey(target: LoadedTable, key: string): boolean {
  const columns = target.columns ?? null;
  const seen = tableInternals(target).seenKeys;
  const entries = columns === null || seen === null ? null : columns.keyEntries(target.keyIndex);
  if (entries === null) return target.byKey!.has(key);
  let accepted = acceptedEntries.get(target);
  // Rows are only ever dropped: a changed count means the flags are out of date.
  if (accepted === undefined || accepted.used !== entries.length) {
    const flags = new Uint8Array(seen!.keys.size);
    for (let i = 0; i < entries.length; i++) flags[entries[i]] = 1;
    accepted = { used: entries.length, flags };
    acceptedEntries.set(target, accepted);
  }
  const entry = seen!.keys.find(key);
  return entry >= 0 && accepted.flags[entry] === 1;
}

/** Issues for the lookup fields of one row (null when all are fine or missing). */
function checkRow(table: LoadedTable, line: number, values: Value[], checks: Check[]): RowIssue[] | null {
  let issues: RowIssue[] | null = null;
  for (const c of checks) {
    const key = keyString(values[c.field]);
    if (key === null || hasKey(c.target, key)) continue;
    const seen = tableInternals(c.target).seenKeys!.get(key);
    const at = { table: table.schema.name, file: table.schema.file, line };
    const target = { table: c.target.schema.name, file: c.target.schema.file };
    const from = c.aliasFrom?.get(key);
    const alias = from === undefined ? undefined : { from, near: closest(key, c.target.byKey!.keys()) };
    (issues ??= []).push(missingLookup(at, c.column, c.name, key, target, seen, seen === undefined ? lookAlikeKey(c.target, key) : undefined, alias));
  }
  return issues;
}

/**
 * The lookups of a table still held as columns (its rows never made: see `ColumnStore`), checked
 * field by field; rows that fail are rejected and dropped from the columns. Its index by key has
 * not been built (building it makes the rows), so there is nothing to remove from it.
 * @returns whether a row was rejected.
 */
function rejectFromColumns(t: LoadedTable, columns: ColumnStore, checks: Check[]): boolean {
  const n = columns.length;
  const values: Value[] = new Array<Value>(t.schema.fields.length).fill(null);
  // The rows with a value not among the target's keys, found check by check (column by column).
  let failing: Uint8Array | null = null;
  for (const c of checks) {
    const codes = columns.codes(c.field);
    if (codes === null) {
      // Not a text column: each row's value looked up.
      for (let i = 0; i < n; i++) {
        const key = keyString(columns.value(i, c.field));
        if (key !== null && !hasKey(c.target, key)) (failing ??= new Uint8Array(n))[i] = 1;
      }
      continue;
    }
    // Each distinct text looked up once (ten million activities name a few thousand reps):
    // per dictionary code, 0 not asked yet, 1 a key of the target, 2 not one.
    const known = new Uint8Array(columns.codeCount(c.field));
    for (let i = 0; i < n; i++) {
      const code = codes[i];
      if (code < 0) continue;
      let state = known[code];
      if (state === 0) {
        const key = keyString(columns.value(i, c.field));
        state = known[code] = key === null || hasKey(c.target, key) ? 1 : 2;
      }
      if (state === 2) (failing ??= new Uint8Array(n))[i] = 1;
    }
  }
  if (failing === null) return false;
  let keep: Uint8Array | null = null;
  for (let i = 0; i < n; i++) {
    if (failing[i] === 0) continue;
    for (const c of checks) values[c.field] = columns.value(i, c.field);
    const issues = checkRow(t, columns.line(i), values, checks);
    if (issues === null) continue;
    t.rejected.push({ table: t.schema.name, file: t.schema.file, line: columns.line(i), issues });
    (keep ??= new Uint8Array(n).fill(1))[i] = 0;
  }
  if (keep === null) return false;
  columns.keepOnly(keep);
  t.used = columns.length;
  return true;
}

/**
 * Checks every lookup field of every table against the key of its target table
 * and rejects accepted rows whose value is not there (moving them from `rows` to
 * `rejected`, keeping `read === used + rejected.length`). Rejections cascade: a
 * row that looks up a row rejected here is rejected too. Rows already rejected
 * while loading get their lookup problems added to their issues.
 *
 * Mutates the tables. Throws `DataError` when a lookup names an undeclared table
 * or a table without key.
 *
 * `only`: check the lookups of these tables alone (the others' are checked already, and none of
 * them looks up one of these: a table read while the others were checked, see `startDataset`).
 */
export function resolveLookups(tables: Map<string, LoadedTable>, only?: ReadonlySet<string>): void {
  const plan: Array<[LoadedTable, Check[]]> = [];
  for (const t of tables.values()) {
    if (only !== undefined && !only.has(t.schema.name)) continue;
    const checks = compileChecks(t, tables);
    if (checks.length) plan.push([t, checks]);
  }
  let changed = true;
  while (changed) {
    changed = false;
    for (const [t, checks] of plan) {
      // The targets' indexes are built first: a table that looks itself up (a manager among the
      // reps) makes its own rows here, and is then checked row by row.
      // (Another table held as columns is asked without its rows: see `hasKey`.)
      for (const c of checks) if (c.target === t) void c.target.byKey;
      const columns = t.columns ?? null;
      if (columns !== null) {
        if (rejectFromColumns(t, columns, checks)) changed = true;
        continue;
      }
      const keep = [];
      for (const row of t.rows) {
        const issues = checkRow(t, row.line, row.values, checks);
        if (issues === null) {
          keep.push(row);
          continue;
        }
        t.rejected.push({ table: t.schema.name, file: t.schema.file, line: row.line, issues });
        if (t.byKey !== null) {
          const k = keyString(row.values[t.keyIndex]);
          if (k !== null && t.byKey.get(k) === row) t.byKey.delete(k);
        }
        changed = true;
      }
      if (keep.length !== t.rows.length) {
        t.rows = keep;
        t.used = keep.length;
      }
    }
  }
  for (const [t, checks] of plan) {
    for (const [rej, values] of tableInternals(t).rejectedValues) {
      const issues = checkRow(t, rej.line, values, checks);
      if (issues !== null) rej.issues.push(...issues);
    }
  }
  for (const t of tables.values()) if (only === undefined || only.has(t.schema.name)) t.rejected.sort((a, b) => a.line - b.line);
}
