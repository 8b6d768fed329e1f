// The playbook engine as a library: compile a playbook, run it over a CRM export,
// and print each rep's payout with the first line of its explanation.
//   node examples/api/payouts.mjs [playbook] [data folder]
import { compilePlaybookFile, explainer, formatDiagnostic, loadData, simulate } from 'playbook-engine';

const [file = 'playbooks/key-account.playbook', data = 'examples/key-account'] = process.argv.slice(2);
const compiled = compilePlaybookFile(file);
if (!compiled.graph) {
  for (const d of compiled.diagnostics) console.error(formatDiagnostic(d, file, compiled.source));
  process.exit(1);
}
const sim = simulate(compiled.graph, file, data);
const currency = compiled.graph.playbook.currency;
for (const rep of sim.evaluation.reps) console.log(`${rep.rep}\t${rep.payout.toFixed(2)} ${currency}`);
console.log(`total\t${sim.evaluation.totals.payout.toFixed(2)} ${currency}`);

// Why does the first rep get what they get? The same tree `playbook explain --rep` prints.
const why = explainer(compiled.graph, loadData(compiled.graph, data).dataset.tables).explain({ rep: sim.evaluation.reps[0].rep });
for (const part of why.tree.children.filter((c) => c.adds)) console.log(`  ${part.label}: ${part.amount}`);
