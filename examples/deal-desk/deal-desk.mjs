// The deal desk: does a proposed deal cross a red line? Loads the playbook's rules exported for
// json-rules-engine, computes the deal's facts (its discount from the product's list price,
// exactly) and prints the red lines it trips with their messages, as JSON.
//   node examples/deal-desk/deal-desk.mjs [rules.json] [lookups.json] < deal.json
// Exit status: 0 when no red line trips, 2 when one does, 1 when the deal cannot be read.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Engine } from 'json-rules-engine';
import { factModule, registerOperators } from 'playbook-engine';

const here = (name) => fileURLToPath(new URL(name, import.meta.url));
const [rulesFile = here('rules.json'), lookupsFile = here('products.json')] = process.argv.slice(2);
const exported = JSON.parse(readFileSync(rulesFile, 'utf8'));
const lookups = JSON.parse(readFileSync(lookupsFile, 'utf8'));
const deals = exported.subjects.find((s) => s.table === 'deals');

// A plain json-rules-engine engine: the exported rules plus the exact operators they use.
const engine = new Engine([], { allowUndefinedFacts: true });
registerOperators(engine);
for (const rule of deals.rules) engine.addRule(rule);
const factsOf = factModule(exported, 'deals', lookups);

let deal;
let facts;
try {
  deal = JSON.parse(readFileSync(0, 'utf8'));
  facts = factsOf(deal);
} catch (e) {
  console.error(`deal-desk: ${e.message}`);
  process.exit(1);
}
const { events } = await engine.run(facts);
const redLines = events.filter((e) => e.type === 'red-line').map(({ params: p }) => ({ red_line: p.redline, effect: p.effect, message: p.message }));
console.log(JSON.stringify({ deal: deal.id ?? null, discount: facts.discount ?? null, red_lines: redLines, not_checked_here: exported.notExported.map((n) => n.id) }, null, 2));
process.exit(redLines.length ? 2 : 0);
