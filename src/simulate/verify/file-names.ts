/**
 * The file name a counterexample table is written under. A playbook's
 * `table … from "…"` path is the playbook author's text, not the user's choice
 * of where to write: joined onto `--out-dir` as it is, `../../x.csv` or an
 * absolute path would write anywhere. Counterexamples are written inside their
 * folder by plain base name only.
 */

/** True for a name that stays inside its folder: no separators, not `.` or `..`, no control characters. */
function isPlainName(name: string): boolean {
  // eslint-disable-next-line no-control-regex
  return name !== '' && name !== '.' && name !== '..' && !/[/\\\u0000-\u001f\u007f]/.test(name);
}

/** A file name made from a table name, for a table whose own name cannot be used. */
function fromTableName(table: string): string {
  return `${table.replace(/[^\p{L}\p{N}_-]+/gu, '_') || 'table'}.csv`;
}

/**
 * The plain base name to write table `table`'s file `declared` under, unique among `taken`
 * (which it is added to): the last part of the declared path, or `<table>.csv`
 * when that is not a plain name or is already used by another table.
 */
export function counterexampleFileName(declared: string, table: string, taken: Set<string>): string {
  const last = declared.split(/[/\\]/).pop() ?? '';
  let name = isPlainName(last) && !taken.has(last) ? last : fromTableName(table);
  for (let i = 2; taken.has(name); i++) name = fromTableName(`${table}-${i}`);
  taken.add(name);
  return name;
}
