/**
 * The key-account example dataset: build it (deterministically, from SEED) and
 * write it. To add a table (e.g. activities.csv), give it its own `stream(...)`
 * so the existing files keep their bytes, add it to `Dataset`, render it in
 * render.ts and describe it in readme.ts.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildDeals } from './deals.js';
import { checkPlan, computeFacts } from './facts.js';
import type { Dataset } from './model.js';
import { renderReadme } from './readme.js';
import { renderCsvFiles } from './render.js';
import { buildAccounts, buildProducts, buildReps } from './tables.js';

export { SEED } from './prng.js';
export type { Dataset } from './model.js';

/** All rows, checked against the plan. */
export function buildKeyAccount(): Dataset {
  const reps = buildReps();
  const accounts = buildAccounts();
  const products = buildProducts();
  const deals = buildDeals(reps, accounts, products);
  const data: Dataset = { reps, accounts, products, deals };
  checkPlan(data, computeFacts(data));
  return data;
}

/** File name -> exact file text (CSV files and README.md). */
export function renderKeyAccount(data: Dataset = buildKeyAccount()): Record<string, string> {
  return { ...renderCsvFiles(data), 'README.md': renderReadme(data, computeFacts(data)) };
}

/** Writes the dataset into outDir (created if missing); same bytes every run. */
export function generateKeyAccount(outDir: string): void {
  mkdirSync(outDir, { recursive: true });
  for (const [name, text] of Object.entries(renderKeyAccount())) {
    writeFileSync(path.join(outDir, name), text, 'utf8');
  }
}
