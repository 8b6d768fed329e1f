/**
 * Plain-text tables for the terminal, aligned by display width (Chinese
 * characters take two columns), numbers right-aligned.
 */
import stringWidth from 'string-width';

export interface Column {
  title: string;
  align: 'left' | 'right';
}

/** Printable ASCII only: one column per character. */
const PLAIN = /^[\x20-\x7e]*$/;

/**
 * Display width of a cell: its length when it is printable ASCII (nearly every cell: amounts,
 * dates, ids), else string-width's count. The shortcut matters in tables of tens of thousands
 * of rows (the audit's by rep and month), where string-width was most of the time.
 */
function cellWidth(text: string): number {
  return PLAIN.test(text) ? text.length : stringWidth(text);
}

function pad(text: string, width: number, align: 'left' | 'right'): string {
  const gap = ' '.repeat(Math.max(0, width - cellWidth(text)));
  return align === 'left' ? text + gap : gap + text;
}

/** Renders rows under a header; a `null` row draws a rule (e.g. before a totals row). */
export function renderTable(columns: Column[], rows: (string[] | null)[]): string {
  // A loop, not Math.max(...rows): a spread of a million rows would pass the engine's argument limit.
  const widths = columns.map((c, i) => {
    let width = cellWidth(c.title);
    for (const r of rows) if (r) width = Math.max(width, cellWidth(r[i] ?? ''));
    return width;
  });
  const line = (cells: string[]) => cells.map((cell, i) => pad(cell, widths[i], columns[i].align)).join('  ').trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  return [line(columns.map((c) => c.title)), rule, ...rows.map((r) => (r ? line(r) : rule))].join('\n');
}

/** `text` cut to `width` display columns, ending in `…` when cut. */
export function truncate(text: string, width: number): string {
  if (stringWidth(text) <= width) return text;
  let out = '';
  for (const ch of text) {
    if (stringWidth(out + ch) > width - 1) break;
    out += ch;
  }
  return `${out}…`;
}

/** A column that may be left out (right to left) when the table would be wider than the terminal. */
export interface OptionalColumn extends Column {
  optional?: boolean;
}

/**
 * {@link renderTable} within `maxWidth` display columns: optional columns are dropped from
 * the right, then the first column is cut (with `…`), until the table fits.
 * Returns the table and whether anything was left out or cut (to point at `--wide`).
 */
export function renderFitted(columns: OptionalColumn[], rows: (string[] | null)[], maxWidth: number): { text: string; shortened: boolean } {
  let keep = columns.map((_, i) => i);
  const render = (firstWidth: number) =>
    renderTable(
      keep.map((i) => columns[i]),
      rows.map((r) => (r ? keep.map((i, k) => (k === 0 ? truncate(r[i] ?? '', firstWidth) : (r[i] ?? ''))) : null)),
    );
  const width = (text: string) => Math.max(...text.split('\n').map((l) => stringWidth(l)));
  let text = render(Number.MAX_SAFE_INTEGER);
  let shortened = false;
  for (let i = columns.length - 1; i >= 0 && width(text) > maxWidth; i--) {
    if (!columns[i].optional) continue;
    keep = keep.filter((k) => k !== i);
    text = render(Number.MAX_SAFE_INTEGER);
    shortened = true;
  }
  for (let first = 24; width(text) > maxWidth && first >= 8; first -= 4) {
    text = render(first);
    shortened = true;
  }
  return { text, shortened };
}

/** Wraps `text` at spaces to `width` display columns, keeping its leading spaces; continuation lines start with `indent`. */
export function wrap(text: string, width: number, indent = '    '): string {
  const lead = /^ */.exec(text)![0];
  const out: string[] = [];
  let line = lead;
  for (const word of text.slice(lead.length).split(' ')) {
    const next = line.trim() === '' ? `${line}${word}` : `${line} ${word}`;
    if (line.trim() !== '' && stringWidth(next) > width) {
      out.push(line);
      line = `${lead}${indent}${word}`;
    } else line = next;
  }
  out.push(line);
  return out.join('\n');
}
