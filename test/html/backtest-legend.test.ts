/**
 * The calibration chart's size legend counts deals: with tiers of one to three deals it must show
 * whole numbers (it showed 0.0, 0.5, 1.0, 1.5 … before), and no "0" entry, since no plotted tier has
 * no deals. The labels are read from the SVG text of the self-contained page, no browser needed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyOfExampleData, EXAMPLE_DATA, KEY_ACCOUNT, playbook, removeTempDirs, TIMEOUT } from '../cli/helpers.js';

/** The SVG labels between the "Tier" legend's title and the "Deals" legend's title: the size legend's entries. */
function dealLegendLabels(html: string): string[] {
  const texts = [...html.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
  return texts.slice(texts.indexOf('Tier') + 1, texts.indexOf('Deals'));
}

describe('backtest HTML: the Deals legend', () => {
  afterAll(removeTempDirs);
  it('shows whole deal counts for tiers of 2 and 1 deals (the first three closed deals of the example)', () => {
    const data = copyOfExampleData();
    const lines = readFileSync(join(EXAMPLE_DATA, 'deals.csv'), 'utf8').split(/\r?\n/);
    const closed = lines.filter((l) => /,(won|lost),/i.test(l)).slice(0, 3);
    writeFileSync(join(data, 'deals.csv'), [lines[0], ...closed, ''].join('\n'));
    const out = join(data, 'backtest.html');
    const run = playbook('backtest', KEY_ACCOUNT, '--data', data, '--format', 'html', '--out', out, '--skip-bad-rows');
    expect(run.status).toBe(0);
    expect(dealLegendLabels(readFileSync(out, 'utf8'))).toEqual(['1', '2']);
  }, TIMEOUT);
});
