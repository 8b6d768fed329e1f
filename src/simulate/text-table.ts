/**
 * Plain-text tables for the terminal, aligned by display width (Chinese
 * characters take two columns), numbers right-aligned.
 */
import stringWidth from 'string-width';

export interface Column {
  title: string;
  align: 'left' | 'right';
}

function pad(text: string, width: number, align: 'left' | 'right'): string {
  const gap = ' '.repeat(Math.max(0, width - stringWidth(text)));
  return align === 'left' ? text + gap : gap + text;
}

/** Renders rows under a header; a `null` row draws a rule (e.g. before a totals row). */
export function renderTable(columns: Column[], rows: (string[] | null)[]): string {
  const widths = columns.map((c, i) => Math.max(stringWidth(c.title), ...rows.map((r) => (r ? stringWidth(r[i] ?? '') : 0))));
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
