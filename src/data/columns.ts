/**
 * Matching a table's declared columns to the header row of its file.
 */
import type { TableSchema } from '../graph/tables.js';
import { closest } from '../language/closest.js';
import { DataError } from './errors.js';
import { nfc } from './fields.js';
import { showValue } from './show-value.js';

/** Header names listed in a "not found" message before `… and N more`. */
const LISTED = 30;

/** The file's named columns, each quoted and escaped, at most {@link LISTED} of them. */
function listColumns(header: string[]): string {
  const has = header.filter((h) => h !== '');
  if (has.length === 0) return '(no named columns)';
  const shown = has.slice(0, LISTED).map((h) => showValue(h)).join(', ');
  return has.length > LISTED ? `${shown}, … and ${has.length - LISTED} more` : shown;
}

/** A hint when the header is one cell holding another common delimiter (the file uses `;` or tabs). */
function delimiterHint(schema: TableSchema, header: string[]): string {
  const named = header.filter((h) => h !== '');
  if (named.length !== 1) return '';
  for (const [d, name] of [[';', '";"'], ['\t', '"\\t" (a tab)'], ['|', '"|"'], [',', '","']] as const) {
    if (d !== schema.delimiter && named[0].includes(d)) {
      return `. The header seems to separate its columns with ${name}: declare it on the table (table ${schema.name} from "${schema.file}" delimiter ${d === '\t' ? '"\\t"' : `"${d}"`})`;
    }
  }
  return '';
}

/**
 * A hint when the first line looks like a report title rather than column names (`Sales pipeline
 * report`, then the date it was run, then the header): none of the declared columns is there and the
 * line has at most two named cells, fewer than the table declares. Exports of CRM reports start so.
 */
function titleHint(schema: TableSchema, header: string[], missing: readonly string[]): string {
  const named = header.filter((h) => h !== '');
  const declared = new Set(schema.fields.map((f) => nfc(f.column.trim())));
  if (named.length === 0 || named.length > 2 || named.length >= declared.size || missing.length < declared.size) return '';
  return `. The first line looks like a title, not column names: if the export starts with a title or notes above the column names, delete those lines so that the column names are on the first line`;
}

/** A header name written as `name` is, but for capitals, spaces, `_` or `-` (`Close_Value`, `close value` for `close_value`). */
const loosely = (name: string) => name.toLowerCase().replace(/[\s_-]+/g, '');

/**
 * `. Did you mean "Close_Value"?` for each missing column that a header name is near (other
 * capitals or separators, or a slip of one or two letters); empty when none is. Names are compared
 * exactly, so the fix is to write the file's spelling in the field's `column "…"`.
 */
function nearHint(missing: readonly string[], header: readonly string[]): string {
  const pairs: string[] = [];
  for (const m of missing) {
    // At most a third of the name's letters (two at most) may differ: "x" is near no "c1".
    const near = header.find((h) => loosely(h) === loosely(m)) ?? closest(m, header, Math.min(2, Math.floor(m.length / 3)));
    if (near !== null && near !== undefined) pairs.push(missing.length === 1 ? `did you mean ${showValue(near)}?` : `${showValue(m)}: did you mean ${showValue(near)}?`);
  }
  if (pairs.length === 0) return '';
  return `. ${pairs.join('; ')} (column names are compared exactly: write the file's spelling in the field's column "…")`.replace('. did', '. Did');
}

/**
 * For each declared field of `schema`, the index of its column in `header`.
 * Names are compared trimmed and in Unicode NFC (a header written with combining
 * accents matches the playbook's `Région`).
 * @throws DataError listing the file's columns when a declared column is absent,
 *   or naming a column that appears twice.
 */
export function matchColumns(schema: TableSchema, header: string[]): number[] {
  const file = schema.file;
  const first = new Map<string, number>();
  const twice = new Set<string>();
  header.forEach((h, i) => {
    if (h === '') return;
    const name = nfc(h);
    if (first.has(name)) twice.add(name);
    else first.set(name, i);
  });
  const missing: string[] = [];
  const cells = schema.fields.map((f) => {
    const name = nfc(f.column.trim());
    const i = first.get(name);
    if (i === undefined) missing.push(name);
    else if (twice.has(name)) {
      throw new DataError(`${file}: column ${showValue(name)} appears more than once in the header; rename one of them`, { file, column: name });
    }
    return i ?? -1;
  });
  if (missing.length) {
    const unique = [...new Set(missing)];
    const what = unique.length === 1 ? `column ${showValue(unique[0])} not found` : `columns ${unique.map((m) => showValue(m)).join(', ')} not found`;
    const delimiter = delimiterHint(schema, header);
    const title = delimiter === '' ? titleHint(schema, header, unique) : '';
    throw new DataError(`${file}: ${what}; the file has: ${listColumns(header)}${delimiter}${title}${nearHint(unique, [...first.keys()])}`, { file, column: unique[0] });
  }
  return cells;
}
