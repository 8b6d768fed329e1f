/** The Input section's line per table in the text reports (simulate, backtest, audit). */
import type { InputAccount } from './simulate.js';

/**
 * One table's line of a text report's Input section: rows read, used and rejected, and when a
 * rejected row ran over several lines (a stray quote), which lines went into it — rows read
 * counts such a row once, so without this the file's other lines would seem to be missing.
 */
export function inputText(i: InputAccount): string {
  const counts = `  ${i.table} (${i.file}): ${i.read} ${i.read === 1 ? 'row' : 'rows'} read, ${i.used} used, ${i.rejected} rejected`;
  const o = i.overLines;
  if (o === undefined) return counts;
  const which = o.rows === 1 ? `lines ${o.first}–${o.last} were read as one of them` : `${o.rows} of them took in ${o.lines} lines (the first, lines ${o.first}–${o.last})`;
  return `${counts} — ${which}: a quote (") opened a value and a later one closed it`;
}
