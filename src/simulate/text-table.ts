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
