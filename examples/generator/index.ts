/**
 * The key-account example dataset: build it (deterministically, from SEED) and
 * write it. Each table has its own `stream(...)` (activities.csv: `activities`)
 * so adding one keeps the existing files' bytes; a table is added to `Dataset`,
 * rendered in render.ts and described in readme.ts.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildActivities } from './activities.js';
import { assignChannels, channelTruth, renderPlantedChannels } from './channel.js';
import { buildDeals } from './deals.js';
import { checkPlan, computeFacts } from './facts.js';
import { buildLifecycle } from './lifecycle.js';
import { renderLifecycleFiles, renderLifecycleReadme } from './lifecycle-render.js';
import type { Dataset } from './model.js';
import { renderReadme } from './readme.js';
import { checkRelationship, computeRelationshipFacts } from './relationship-facts.js';
import { renderCsvFiles, renderPlantedTiers } from './render.js';
import { buildAccounts, buildProducts, buildReps } from './tables.js';

export { SEED } from './prng.js';
export type { Dataset } from './model.js';

/** All rows, checked against the plan. */
export function buildKeyAccount(): Dataset {
  const reps = buildReps();
  const accounts = buildAccounts();
  const products = buildProducts();
  const deals = buildDeals(reps, accounts, products);
  const { activities, plant } = buildActivities(reps, accounts, deals);
  const withoutChannels: Dataset = { reps, accounts, products, deals, activities, relationship: plant, channels: new Map() };
  const relationship = computeRelationshipFacts(withoutChannels);
  const data: Dataset = { ...withoutChannels, channels: assignChannels(deals, relationship.perDeal) };
  checkPlan(data, computeFacts(data));
  checkRelationship(data, relationship);
  return data;
}

/** File name -> exact file text (CSV files and README.md). */
export function renderKeyAccount(data: Dataset = buildKeyAccount()): Record<string, string> {
  const relationship = computeRelationshipFacts(data);
  // After the booking (collections, progress): its own stream, read from the deals, so the files above keep their bytes.
  const lifecycle = buildLifecycle(data.deals);
  return {
    ...renderCsvFiles(data),
    ...renderLifecycleFiles(lifecycle),
    'planted-tiers.csv': renderPlantedTiers(relationship),
    'planted-channels.csv': renderPlantedChannels(channelTruth(relationship.perDeal, data.channels)),
    'README.md': renderReadme(data, computeFacts(data), relationship) + renderLifecycleReadme(lifecycle, data.deals),
  };
}

/** Writes the dataset into outDir (created if missing); same bytes every run. */
export function generateKeyAccount(outDir: string): void {
  mkdirSync(outDir, { recursive: true });
  for (const [name, text] of Object.entries(renderKeyAccount())) {
    writeFileSync(path.join(outDir, name), text, 'utf8');
  }
}
