/**
 * The planted segment of the key-account example: the champion tier overstates for partner deals.
 * Every expected figure is recounted here from the CSV files (deals.csv's stage and channel, and
 * planted-tiers.csv, which the generator computes with its own implementation of the rules), not
 * taken from the engine: the per-channel truth file, `backtest --by channel`, the Brier scores of
 * designs A and B, and the figures the README quotes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_DATA, KEY_ACCOUNT, TIMEOUT, playbook } from './helpers.js';

const TIERS_B = 'playbooks/key-account-tiers-b.playbook';
const read = (file: string) => parse(readFileSync(join(EXAMPLE_DATA, file), 'utf8'), { columns: true }) as Record<string, string>[];

const tierOf = new Map(read('planted-tiers.csv').map((r) => [r.deal_id, r.tier]));
const closed = read('deals.csv')
  .filter((d) => d.stage === 'Won' || d.stage === 'Lost')
  .map((d) => ({ id: d.deal_id, won: d.stage === 'Won', channel: d.channel, tier: tierOf.get(d.deal_id)! }));
const count = (tier: string, channel: string) => {
  const mine = closed.filter((d) => d.tier === tier && d.channel === channel);
  return { deals: mine.length, won: mine.filter((d) => d.won).length };
};
const STATED_A: Record<string, number> = { champion: 0.8, supporter: 0.45, neutral: 0.25, opposed: 0.1 };
const statedB = (d: (typeof closed)[number]) => (d.tier === 'champion' ? (d.channel === 'direct' ? 0.9 : 0.5) : STATED_A[d.tier]);
const brier = (p: (d: (typeof closed)[number]) => number) => closed.reduce((s, d) => s + (p(d) - (d.won ? 1 : 0)) ** 2, 0) / closed.length;

describe('the planted partner-channel segment', () => {
  it('deals.csv has a channel for every deal; planted-channels.csv is the count of closed deals per tier and channel', () => {
    expect(new Set(read('deals.csv').map((d) => d.channel))).toEqual(new Set(['direct', 'partner']));
    expect(closed).toHaveLength(368);
    for (const row of read('planted-channels.csv')) {
      const c = count(row.tier, row.channel);
      expect([row.tier, row.channel, Number(row.closed_deals), Number(row.won)]).toEqual([row.tier, row.channel, c.deals, c.won]);
    }
    // The plant: champion wins about 50% through partners and about 90% direct, about 80% overall.
    const partner = count('champion', 'partner');
    const direct = count('champion', 'direct');
    expect(partner.won / partner.deals).toBeCloseTo(0.5, 1);
    expect(direct.won / direct.deals).toBeCloseTo(0.9, 1);
    expect((partner.won + direct.won) / (partner.deals + direct.deals)).toBeCloseTo(0.8, 1);
  });

  it(
    'backtest --by channel finds the champion tier overstated for partner deals and understated for direct ones',
    () => {
      const run = playbook('backtest', KEY_ACCOUNT, '--data', EXAMPLE_DATA, '--by', 'channel', '--format', 'json');
      expect(run.status, run.stderr).toBe(0);
      const doc = JSON.parse(run.stdout);
      const champion = (name: string) => doc.segments.segments.find((s: { name: string }) => s.name === name).tiers.find((t: { tier: string }) => t.tier === 'champion');
      const partner = count('champion', 'partner');
      const direct = count('champion', 'direct');
      expect(champion('partner')).toMatchObject({ deals: partner.deals, wins: partner.won, verdict: 'overstated' });
      expect(champion('direct')).toMatchObject({ deals: direct.deals, wins: direct.won, verdict: 'understated' });
      expect(doc.findings.map((f: { message: string }) => f.message).join('\n')).toContain(`In deals.channel = partner, tier champion (铁杆支持者 Champion) promises more than it delivered: it states 80.0%, but ${partner.won} of ${partner.deals} deals were won`);
    },
    TIMEOUT,
  );

  it(
    'backtest A B: the Brier scores are those of the stated probabilities over the closed deals, and B is better',
    () => {
      const run = playbook('backtest', KEY_ACCOUNT, TIERS_B, '--data', EXAMPLE_DATA, '--format', 'json');
      expect(run.status, run.stderr).toBe(0);
      const doc = JSON.parse(run.stdout);
      const [a, b] = [brier((d) => STATED_A[d.tier]), brier(statedB)];
      expect(doc.a.brier).toBe(a.toFixed(4));
      expect(doc.b.brier).toBe(b.toFixed(4));
      expect(Number(doc.brier_difference.a_minus_b)).toBeCloseTo(a - b, 4);
      expect(Number(doc.brier_difference.low)).toBeGreaterThan(0);
      // The README quotes these figures.
      const readme = readFileSync('README.md', 'utf8');
      expect(readme).toContain(`Brier score A ${a.toFixed(4)}, B ${b.toFixed(4)}: A − B = ${(a - b).toFixed(4)}`);
      const partner = count('champion', 'partner');
      const direct = count('champion', 'direct');
      expect(readme).toContain(`but ${partner.won} of ${partner.deals} deals were won (${((100 * partner.won) / partner.deals).toFixed(1)}%`);
      expect(readme).toContain(`but ${direct.won} of ${direct.deals} deals were won (${((100 * direct.won) / direct.deals).toFixed(1)}%`);
    },
    TIMEOUT,
  );
});
