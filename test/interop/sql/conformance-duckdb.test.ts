/**
 * Differential test over the conformance corpus: every folder whose playbook compiles is simulated
 * by the JavaScript engine and by the compiled SQL in DuckDB, and the two `simulate --format json`
 * documents must be byte for byte the same — every payout line, forfeit, blocked deal, ranking entry
 * and warning. Folders using what the SQL back end refuses are listed below with the refusal: the
 * list is checked exactly, so it can only shrink as the back end grows (update it when it does).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqlRefusal, simulateOnDuckDb } from '../../../src/interop/sql/index.js';
import { compilePlaybookSource } from '../../../src/simulate/load-playbook.js';
import { simulationJson } from '../../../src/simulate/report-json.js';
import { BadRowsError, simulate } from '../../../src/simulate/simulate.js';

const ROOT = 'test/conformance';

/** Folder → the refusal's code and the construct it names (the message's words after "it uses"). */
const REFUSED: Record<string, string> = {
  'caps-credit-notes': 'PB6001: commission paid in stages',
  'caps-per-deal-and-year': 'PB6001: commission paid in stages',
  'caps-reversal-released': 'PB6001: commission paid in stages',
  'clawback-earlier-period-tier': 'PB6001: commission paid in stages',
  'clawback-partial': 'PB6001: commission paid in stages',
  'clawback-repeated-row': 'PB6001: commission paid in stages',
  'clawback-reversal-dated-early': 'PB6001: commission paid in stages',
  'clawback-staged-unpaid': 'PB6001: commission paid in stages',
  'clawback-window': 'PB6001: commission paid in stages',
  'draw-non-recoverable-three-periods': 'PB6001: a draw',
  'draw-recoverable-three-periods': 'PB6001: a draw',
  'draw-with-stage-cap-and-clawback': 'PB6001: a draw',
  'draw-yearly-line-in-last-period': 'PB6001: a draw',
  'joiner-bonus-and-draw': 'PB6001: a quota prorated for reps who join during the year',
  'joiner-ranking': 'PB6001: a quota prorated for reps who join during the year',
  'joiner-ranking-credited-periods': 'PB6001: a quota prorated for reps who join during the year',
  'minimum-clawed-back-with-deal': 'PB6001: commission paid in stages',
  'minimum-then-reversal': 'PB6001: commission paid in stages',
  'splits-manager-overlay': 'PB6001: a split table (credit … split by)',
  'splits-red-lines': 'PB6001: a split table (credit … split by)',
  'splits-three-way-uneven': 'PB6001: a split table (credit … split by)',
  'stages-cash-half-collected': 'PB6001: commission paid in stages',
  'stages-credit-note-in-line': 'PB6001: commission paid in stages',
  'stages-held-and-completion': 'PB6001: commission paid in stages',
  'stages-pay-calendars': 'PB6001: commission paid in stages',
  'stages-rounding-remainder': 'PB6001: commission paid in stages',
  'stages-split-and-overlay': 'PB6001: a split table (credit … split by)',
  'stages-ytd-increments': 'PB6001: a year-to-date basis',
  'validation-budget-and-assertions': 'PB6001: a cost budget or assertions',
  'vendor-centify-clawback': 'PB6001: commission paid in stages',
  'vendor-oracle-draw': 'PB6001: a draw',
  'vendor-spiff-ytd-tiers': 'PB6001: a year-to-date basis',
  'vendor-xactly-draw': 'PB6001: a draw',
  'versions-bonus-amount': 'PB6001: plan versions (effective dates)',
  'versions-bonus-instalments': 'PB6001: plan versions (effective dates)',
  'versions-marginal-band-after-change': 'PB6001: plan versions (effective dates)',
  'versions-mid-year-rate-change': 'PB6001: plan versions (effective dates)',
  'versions-quota-change': 'PB6001: plan versions (effective dates)',
  'versions-ranking-reward': 'PB6001: plan versions (effective dates)',
  'versions-red-line-threshold': 'PB6001: plan versions (effective dates)',
  'versions-replay-q3-under-q1': 'PB6001: plan versions (effective dates)',
  'versions-retroactive': 'PB6001: plan versions (effective dates)',
  'versions-staged-excess': 'PB6001: plan versions (effective dates)',
  'versions-staged-net-zero': 'PB6001: plan versions (effective dates)',
  'versions-staged-parts': 'PB6001: plan versions (effective dates)',
  'versions-staged-ytd': 'PB6001: plan versions (effective dates)',
  'ytd-marginal-paid-quarterly': 'PB6001: a year-to-date basis',
  'ytd-versions-and-retroactive': 'PB6001: plan versions (effective dates)',
};

const folders = readdirSync(ROOT).filter((f) => existsSync(join(ROOT, f, 'scheme.playbook')));

describe('the JavaScript engine and DuckDB agree on every conformance folder', () => {
  const refused: Record<string, string> = {};
  for (const folder of folders) {
    const dir = join(ROOT, folder);
    const file = join(dir, 'scheme.playbook');
    const compiled = compilePlaybookSource(file, readFileSync(file, 'utf8'));
    if (!compiled.graph) continue;
    const graph = compiled.graph;
    it(folder, async () => {
      let expected: string;
      try {
        expected = JSON.stringify(simulationJson(simulate(graph, file, dir, { skipBadRows: true })), null, 1);
      } catch (e) {
        if (!(e instanceof BadRowsError)) throw e;
        return;
      }
      try {
        const sim = await simulateOnDuckDb(graph, file, dir, { skipBadRows: true }, compiled.source);
        expect(JSON.stringify(simulationJson(sim), null, 1)).toBe(expected);
      } catch (e) {
        if (!(e instanceof SqlRefusal)) throw e;
        refused[folder] = `${e.diagnostic.code}: ${e.diagnostic.message.replace(/^.*it uses /, '').replace(/, which .*$/, '')}`;
      }
    });
  }
  it('refuses exactly the folders listed, each for the reason given', () => {
    expect(refused).toEqual(REFUSED);
  });
  it('docs/sql.md gives the counts of folders that agree and that are refused', () => {
    const compiledCount = folders.filter((f) => compilePlaybookSource(join(ROOT, f, 'scheme.playbook'), readFileSync(join(ROOT, f, 'scheme.playbook'), 'utf8')).graph).length;
    const refusedCount = Object.keys(REFUSED).length;
    const docs = readFileSync('docs/sql.md', 'utf8').replace(/\s+/g, ' ');
    expect(docs).toContain(`Of the ${compiledCount} conformance folders whose playbooks compile, ${compiledCount - refusedCount} run through DuckDB with the same JSON as the JavaScript engine; the other ${refusedCount} are refused`);
  });
});
