/**
 * `playbook generate` plants the relationship tiers' truth: a closed deal is won with the stated
 * win probability of its account's tier on its close day. Recounted here from the CSV files alone,
 * with the key-account playbook's scoring written out again (not the generator's code): each
 * tier's win rate must be within four standard errors of its stated probability.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/simulate/generate/index.js';

const dir = mkdtempSync(join(tmpdir(), 'playbook-truth-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Data rows of a generated CSV file (no generated cell holds a comma or a quote). */
function rows(file: string): string[][] {
  return readFileSync(join(dir, file), 'utf8').trimEnd().split('\n').slice(1).map((l) => l.split(','));
}

const day = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;

// playbooks/key-account.playbook, scoring "relationship" and its tiers.
const POINTS: Record<string, number> = { office_visit: 0.1, hq_tour: 5, exec_meeting: 4, reference_visit: 4, strategic_agreement: 8, requirements_signed: 6, tech_exchange: 5, family_trip: 10, gift: 1 };
const STATED: Record<string, number> = { champion: 0.8, supporter: 0.45, neutral: 0.25, opposed: 0.1 };

interface Activity {
  day: number;
  action: string;
  role: string;
}

/** The tier of an account with `history` (in file order) on day `asOf`, by the playbook's rules. */
function tierOf(history: Activity[], asOf: number): string {
  const seen = history.filter((a) => a.day <= asOf).sort((x, y) => x.day - y.day); // stable: file order on a tie
  const signed = seen.some((a) => a.action === 'requirements_signed');
  const tech = seen.some((a) => a.action === 'tech_exchange');
  const leadership = seen.some((a) => a.action === 'exec_meeting' && asOf - a.day <= 180);
  if (signed && tech && leadership) return 'champion';
  let score = 0;
  const counted = new Map<string, number>();
  for (const a of seen) {
    const age = asOf - a.day;
    if (age >= 365) continue;
    const d = new Date(a.day * 86_400_000);
    const key = a.action === 'exec_meeting' ? `exec ${d.getUTCFullYear()}-${d.getUTCMonth()}` : a.action;
    const limit = a.action === 'exec_meeting' ? 2 : a.action === 'strategic_agreement' || a.action === 'requirements_signed' ? 1 : Infinity;
    const n = counted.get(key) ?? 0;
    if (n >= limit) continue;
    counted.set(key, n + 1);
    const weight = a.role === 'C-level' ? 1.5 : a.role === 'assistant' ? 0.5 : 1;
    score += POINTS[a.action] * weight * 0.5 ** (age / 180);
  }
  score = Math.min(score, 100);
  return score >= 30 ? 'supporter' : score >= 10 ? 'neutral' : 'opposed';
}

describe('playbook generate: the planted tier truth', () => {
  generate(dir, { reps: 30, accounts: 300, deals: 4000, activities: 40_000, seed: 11 });

  it('wins each tier’s closed deals at its stated rate, recounted from deals.csv and activities.csv', () => {
    const byAccount = new Map<string, Activity[]>();
    for (const [, date, , account, , role, action] of rows('activities.csv')) {
      const list = byAccount.get(account) ?? [];
      list.push({ day: day(date), action, role });
      byAccount.set(account, list);
    }
    const tally = new Map<string, { deals: number; won: number }>();
    let open = 0;
    for (const [, , account, , stage, , close] of rows('deals.csv')) {
      if (stage === 'Open') {
        expect(close).toBe('');
        open++;
        continue;
      }
      expect(['Won', 'Lost']).toContain(stage);
      const tier = tierOf(byAccount.get(account) ?? [], day(close));
      const t = tally.get(tier) ?? { deals: 0, won: 0 };
      t.deals++;
      if (stage === 'Won') t.won++;
      tally.set(tier, t);
    }
    expect(open).toBeGreaterThan(400); // about 15% stay open
    for (const [tier, p] of Object.entries(STATED)) {
      const t = tally.get(tier);
      expect(t, `no closed deal in tier ${tier}`).toBeDefined();
      expect(t!.deals, tier).toBeGreaterThanOrEqual(100);
      const se = Math.sqrt((p * (1 - p)) / t!.deals);
      expect(Math.abs(t!.won / t!.deals - p), `${tier}: ${t!.won} of ${t!.deals} won, stated ${p}`).toBeLessThan(4 * se);
    }
  });
});
