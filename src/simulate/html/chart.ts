/**
 * Charts for the HTML reports: a Vega-Lite specification compiled to Vega and
 * rendered to SVG text in Node when the report is made (no canvas, no browser,
 * nothing fetched: data is inline, and the view's loader refuses every URL).
 * Vega escapes the text it writes into the SVG, so rep names and labels from
 * the data cannot inject markup.
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** The shared look: the report's font, no chart border, readable axis labels. */
const CONFIG = {
  font: 'system-ui, "Noto Sans CJK SC", "Microsoft YaHei", sans-serif',
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 12, labelLimit: 160 },
  legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 200 },
  title: { fontSize: 14, anchor: 'start' },
};

/** A loader that loads nothing: a chart's data is always inline, so any fetch is a bug. */
const noNetwork = {
  ...vega.loader(),
  load: () => Promise.reject(new Error('charts in reports read no files and no network')),
  sanitize: () => Promise.reject(new Error('charts in reports read no files and no network')),
  http: () => Promise.reject(new Error('charts in reports read no network')),
  file: () => Promise.reject(new Error('charts in reports read no files')),
};

/**
 * Renders a Vega-Lite spec (with inline `data.values`) to standalone SVG text.
 * @throws Error when the spec is invalid or would load data from outside.
 */
export async function renderChart(spec: TopLevelSpec): Promise<string> {
  const compiled = compile({ ...spec, config: { ...CONFIG, ...(spec.config ?? {}) } } as TopLevelSpec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', loader: noNetwork as unknown as vega.Loader });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
