/**
 * The frame of every HTML report: one self-contained file (inline CSS, a small
 * inline script that sorts tables, SVG charts), a Content Security Policy that
 * forbids every network request, print styles, and UTF-8 throughout.
 */
import { esc } from './escape.js';

/** One table cell: its text, and for numbers the exact value to sort by. */
export interface Cell {
  text: string;
  sort?: string;
  /** Right-aligned (numbers). */
  num?: boolean;
}

/** A sortable table; every header and cell is escaped. */
export function htmlTable(headers: { title: string; num?: boolean }[], rows: Cell[][], footer: Cell[] | null = null): string {
  const th = headers.map((h, i) => `<th scope="col" data-col="${i}"${h.num ? ' class="num"' : ''}><button type="button">${esc(h.title)}</button></th>`).join('');
  const td = (c: Cell) => `<td${c.num ? ' class="num"' : ''}${c.sort !== undefined ? ` data-sort="${esc(c.sort)}"` : ''}>${esc(c.text)}</td>`;
  const body = rows.map((r) => `<tr>${r.map(td).join('')}</tr>`).join('\n');
  const foot = footer ? `<tfoot><tr>${footer.map(td).join('')}</tr></tfoot>` : '';
  return `<table class="sortable"><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody>${foot}</table>`;
}

/** A chart with its caption; `svg` is Vega's output (already escaped by Vega). */
export function figure(svg: string, caption: string): string {
  return `<figure class="chart">${svg}<figcaption>${esc(caption)}</figcaption></figure>`;
}

const CSS = `
:root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --head: #f6f8fa; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; color: var(--ink); margin: 2rem auto; max-width: 1200px; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; } h2 { font-size: 1.15rem; margin: 2rem 0 .5rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
p.sub { color: var(--muted); margin: 0 0 1rem; }
ul.facts { padding-left: 1.2rem; } ul.facts li { margin: .15rem 0; }
.charts { display: flex; flex-wrap: wrap; gap: 1.5rem; }
figure.chart { margin: 0; } figure.chart svg { max-width: 100%; height: auto; } figcaption { color: var(--muted); font-size: .85rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; font-variant-numeric: tabular-nums; }
th, td { border-bottom: 1px solid var(--line); padding: .25rem .6rem; text-align: left; vertical-align: top; }
th { background: var(--head); position: sticky; top: 0; }
th button { all: unset; cursor: pointer; font-weight: 600; } th button::after { content: " ↕"; color: var(--muted); font-weight: 400; }
th[aria-sort="ascending"] button::after { content: " ↑"; } th[aria-sort="descending"] button::after { content: " ↓"; }
.num { text-align: right; } tfoot td { font-weight: 600; border-top: 2px solid var(--ink); }
.pos { color: #1a7f37; } .neg { color: #cf222e; }
h3 { font-size: 1rem; margin: 1.25rem 0 .25rem; } select { font: inherit; }
@media print { body { margin: 0; max-width: none; } th { position: static; } th button::after { content: ""; } h2 { break-after: avoid; } figure, tr { break-inside: avoid; } }
`;

// Sorts a table by a clicked header: numbers by their data-sort value, text by the locale's collation.
// Table rows sorted inside a hidden panel keep their order when it is shown.
const SCRIPT = `
document.querySelectorAll('table.sortable').forEach(function (table) {
  table.querySelectorAll('th').forEach(function (th) {
    th.querySelector('button').addEventListener('click', function () {
      var col = Number(th.dataset.col);
      var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
      table.querySelectorAll('th').forEach(function (x) { x.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      var key = function (row) { var c = row.cells[col]; return c.dataset.sort !== undefined ? c.dataset.sort : c.textContent; };
      rows.sort(function (a, b) {
        var x = key(a), y = key(b);
        var nx = Number(x), ny = Number(y);
        if (x !== '' && y !== '' && !isNaN(nx) && !isNaN(ny)) return dir * (nx - ny);
        return dir * x.localeCompare(y);
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
});
// A list that shows one panel of a group at a time (a rep's statements): the others are hidden.
document.querySelectorAll('select[data-panels]').forEach(function (select) {
  var show = function () {
    document.querySelectorAll('[data-panel-of="' + select.dataset.panels + '"]').forEach(function (p) { p.hidden = p.dataset.panel !== select.value; });
  };
  select.addEventListener('change', show);
  show();
});
`;

/** The whole page: `body` is trusted HTML built by the report modules from escaped parts. */
export function htmlPage(title: string, subtitle: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
<h1>${esc(title)}</h1>
<p class="sub">${esc(subtitle)}</p>
${body}
<script>${SCRIPT}</script>
</body>
</html>
`;
}
