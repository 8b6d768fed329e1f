// Run: node bench/rows-made.mjs DATA_DIR   (uses the built dist/; prints each table made into row objects, with its size and where)
// Which tables get made into rows (and where) by simulate, backtest (with --by) and audit through the public API.
import { ColumnStore } from '../dist/src/data/column-store.js';
import { compilePlaybookFile, simulate, backtest, auditSimulation } from '../dist/src/index.js';
const made = [];
const rows = ColumnStore.prototype.rows;
ColumnStore.prototype.rows = function () { made.push(`${this.length} rows: ${new Error().stack.split('\n').slice(2, 6).join(' | ')}`); return rows.call(this); };
const dir = process.argv[2];
const file = 'playbooks/key-account.playbook';
const { graph } = compilePlaybookFile(file);
for (const [name, run] of [
  ['simulate', () => simulate(graph, file, dir)],
  ['backtest', () => backtest(simulate(graph, file, dir), {})],
  ['backtest by channel', () => backtest(simulate(graph, file, dir), { by: 'channel' })],
  ['audit', () => auditSimulation(simulate(graph, file, dir))],
]) {
  made.length = 0;
  try { run(); } catch (e) { console.log(name, 'threw', e.message); }
  console.log(`${name}: ${made.length === 0 ? 'no table made into rows' : made.join('\n   ')}`);
}
