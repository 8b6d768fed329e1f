/**
 * The file a table reads must be a plain file name inside the data folder
 * (design.md, "Files"): no folder, no `..`, no absolute path or drive letter,
 * no control character. A playbook is shared like a document; a path in it
 * could otherwise make `simulate --data DIR` read any file the user can read.
 */

/** Why `file` is not a plain file name, in words for the message; null when it is one. */
function problem(file: string): string | null {
  if (file === '') return 'is empty';
  if (/[\u0000-\u001f\u007f]/.test(file)) return 'contains a control character';
  if (file.startsWith('/') || file.startsWith('\\') || /^[A-Za-z]:/.test(file)) return 'is an absolute path';
  const parts = file.split(/[/\\]/);
  if (parts.includes('..')) return 'leads out of the data folder (..)';
  if (file === '.') return 'is a folder, not a file';
  if (parts.length > 1) return 'names a folder as well as the file';
  return null;
}

/** The file name a path ends in, when it is itself a plain name. */
function baseName(file: string): string | null {
  const last = file.split(/[/\\]/).pop() ?? '';
  return problem(last) === null && last !== '..' ? last : null;
}

/** Shows a file name in a message: control characters as `\u0000`, cut after 80 characters. */
function shown(file: string): string {
  const visible = file.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return visible.length > 80 ? `${visible.slice(0, 79)}…` : visible;
}

/** PB2114's message and hint for the file of table `table`, or null when the file name is plain. */
export function tableFileProblem(table: string, file: string): { message: string; hint: string } | null {
  const why = problem(file);
  if (why === null) return null;
  const base = baseName(file);
  // A Windows path such as "..\reps.csv" reads \r as a line break: say so rather than "control character".
  const escaped = /[\t\n\r]/.test(file);
  const hint =
    why === 'contains a control character'
      ? escaped
        ? 'a backslash in quoted text starts an escape (\\r, \\n, \\t): do not write a folder path; put the file in the data folder and name it by its file name only'
        : 'put the file in the data folder and name it by its file name, without control characters'
      : `put the file in the data folder and name it by its file name: from "${base ?? `${table}.csv`}"`;
  return { message: `table ${table} reads "${shown(file)}", which ${why}; a playbook reads only files in the data folder`, hint };
}
