/** Writes schema/rule-graph.schema.json from the zod schemas (`npm run schemas`); a test checks it is current. */
import { writeFileSync } from 'node:fs';
import { ruleGraphJsonSchema } from '../src/graph/json-schema.js';

writeFileSync(new URL('./rule-graph.schema.json', import.meta.url), `${JSON.stringify(ruleGraphJsonSchema(), null, 2)}\n`);
