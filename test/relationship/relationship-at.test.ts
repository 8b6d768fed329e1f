/**
 * Re-evaluating a deal's relationship as of any day (runtime/relationship-at.ts, behind the review list)
 * uses the same rules as the run: as of each deal's own as-of date it must give back, for every deal of
 * the key-account example, the score, indicators and tier the run gave it — and, for closed deals, the
 * tier the generator planted (examples/key-account/planted-tiers.csv, computed by its own code).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDateText } from '../../src/runtime/periods.js';
import { compilePlaybookFile } from '../../src/simulate/load-playbook.js';
import { simulate } from '../../src/simulate/simulate.js';

describe('relationship as of any day', () => {
  const compiled = compilePlaybookFile('playbooks/key-account.playbook');
  const sim = simulate(compiled.graph!, 'playbooks/key-account.playbook', 'examples/key-account');
  const at = sim.evaluation.relationshipAt!;
  const planted = new Map(
    readFileSync('examples/key-account/planted-tiers.csv', 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','))
      .map(([id, asOf, , tier]) => [id, { asOf, tier }]),
  );
  const keyAt = sim.tables.get('deals')!.schema.fields.findIndex((f) => f.key);
  const rows = sim.tables.get('deals')!.rows;

  it('gives back every deal’s own score, indicators and tier', () => {
    const byId = new Map(sim.evaluation.deals.map((d) => [d.id, d]));
    expect(rows).toHaveLength(449);
    rows.forEach((row, i) => {
      const id = String(row.values[keyAt]);
      const own = byId.get(id)!.relationship!;
      const again = at.at(i, parseDateText(own.asOf!));
      expect([id, again.asOf, again.score.toString(), again.indicators, again.tier]).toEqual([id, own.asOf, own.score!.toString(), own.indicators, own.tier]);
      expect([id, again.asOf, again.tier]).toEqual([id, planted.get(id)!.asOf, planted.get(id)!.tier]);
    });
  });

  it('marks the deals of strategic and must-win accounts for review', () => {
    const accounts = readFileSync('examples/key-account/accounts.csv', 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    const important = new Set(accounts.filter((a) => a.at(-2) === 'yes' || a.at(-1) === 'yes').map((a) => a[0]));
    const accountAt = sim.tables.get('deals')!.schema.fields.findIndex((f) => f.name === 'account');
    rows.forEach((row, i) => expect([i, at.review![i] === 1]).toEqual([i, important.has(String(row.values[accountAt]))]));
    expect(important.size).toBe(12);
  });
});
