/**
 * examples/key-account/activities.csv and planted-tiers.csv, checked from the
 * CSV text alone with an implementation of the relationship rules written
 * here (it shares no code with the generator): every closed deal gets its
 * planted tier, the per-tier win rates match the stated probabilities, and the
 * hand-checkable facts the README names hold.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';

const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../examples/key-account');
type Row = Record<string, string>;
const text = (file: string) => readFileSync(path.join(DIR, file), 'utf8');
const rows = (file: string) => parse(text(file), { columns: true, skip_empty_lines: false }) as Row[];

const reps = rows('reps.csv');
const accounts = rows('accounts.csv');
const deals = rows('deals.csv');
const activities = rows('activities.csv');
const planted = rows('planted-tiers.csv');
const readme = text('README.md');

// ---- the rules, as the brief states them ------------------------------------------------

const POINTS: Record<string, number> = {
  office_visit: 0.1, hq_tour: 5, exec_meeting: 4, reference_visit: 4, strategic_agreement: 8,
  requirements_signed: 6, tech_exchange: 5, family_trip: 10, gift: 1,
};
const ONCE = new Set(['strategic_agreement', 'requirements_signed']);
const WEIGHT: Record<string, number> = { 'C-level': 1.5, technical: 1, procurement: 1, assistant: 0.5 };
const STATED: Record<string, number> = { champion: 0.8, supporter: 0.45, neutral: 0.25, opposed: 0.1 };
const OPEN_AS_OF = '2026-12-31';

/** Whole days from a to b (both YYYY-MM-DD). */
function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

function shiftDate(d: string, days: number): string {
  return new Date(Date.parse(`${d}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

const byAccount = new Map<string, Row[]>();
for (const a of activities) byAccount.set(a.account_id, [...(byAccount.get(a.account_id) ?? []), a]);
for (const list of byAccount.values()) list.sort((x, y) => x.date.localeCompare(y.date) || x.activity_id.localeCompare(y.activity_id));

interface Result {
  raw: number;
  score: number;
  requirementsSigned: boolean;
  metLeadership: boolean;
  techExchange: boolean;
  tier: string;
  counted: Row[];
}

/** The rules applied to one account as of a date; `leadershipDays` and `cap` vary only to show a fact matters. */
function relationship(accountId: string, asOf: string, opts: { leadershipStrict?: boolean; noExecCap?: boolean; overHistory?: boolean } = {}): Result {
  const known = (byAccount.get(accountId) ?? []).filter((a) => a.date <= asOf);
  const age = (a: Row) => daysBetween(a.date, asOf);
  const requirementsSigned = known.some((a) => a.action === 'requirements_signed');
  const techExchange = known.some((a) => a.action === 'tech_exchange');
  const metLeadership = known.some((a) => a.action === 'exec_meeting' && (opts.leadershipStrict ? age(a) < 180 : age(a) <= 180));
  const inWindow = (a: Row) => age(a) >= 0 && age(a) < 365;
  const window = opts.overHistory ? known : known.filter(inWindow);
  const counted: Row[] = [];
  const onceSeen = new Set<string>();
  const execs = new Map<string, number>();
  for (const a of window) {
    if (ONCE.has(a.action)) {
      if (onceSeen.has(a.action)) continue;
      onceSeen.add(a.action);
    }
    if (a.action === 'exec_meeting' && !opts.noExecCap) {
      const month = a.date.slice(0, 7);
      execs.set(month, (execs.get(month) ?? 0) + 1);
      if (execs.get(month)! > 2) continue;
    }
    if (inWindow(a)) counted.push(a);
  }
  const raw = counted.reduce((s, a) => s + POINTS[a.action] * WEIGHT[a.contact_role] * Math.exp((-age(a) * Math.LN2) / 180), 0);
  const score = raw > 100 ? 100 : raw;
  const tier = requirementsSigned && metLeadership && techExchange ? 'champion' : score >= 30 ? 'supporter' : score >= 10 ? 'neutral' : 'opposed';
  return { raw, score, requirementsSigned, metLeadership, techExchange, tier, counted };
}

const asOfOf = (d: Row) => (d.stage === 'Open' ? OPEN_AS_OF : d.close_date);
const deal = (id: string) => deals.find((d) => d.deal_id === id)!;
const activity = (id: string) => activities.find((a) => a.activity_id === id)!;
const results = new Map(deals.map((d) => [d.deal_id, relationship(d.account_id, asOfOf(d))]));
const closed = deals.filter((d) => d.stage !== 'Open');

/** 95% Wilson score interval, textbook form. */
function wilsonInterval(wins: number, n: number): [number, number] {
  const z = 1.959963984540054;
  const p = wins / n;
  const root = z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return [(p + (z * z) / (2 * n) - root) / (1 + (z * z) / n), (p + (z * z) / (2 * n) + root) / (1 + (z * z) / n)];
}

// ---- the file -----------------------------------------------------------------------------

describe('activities.csv: format and references', () => {
  it('has the documented header, ids in order, sorted by date then id, within 2024-07-01..2026-12-31', () => {
    expect(text('activities.csv').split('\n')[0]).toBe('activity_id,date,rep_id,account_id,contact,contact_role,action,value');
    expect(activities.length).toBeGreaterThan(2000);
    activities.forEach((a, i) => {
      expect(a.activity_id).toBe(`AC${String(i + 1).padStart(5, '0')}`);
      expect(a.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(shiftDate(a.date, 0)).toBe(a.date);
      expect(a.date >= '2024-07-01' && a.date <= '2026-12-31').toBe(true);
      if (i > 0) expect(activities[i - 1].date <= a.date).toBe(true);
    });
    expect(activities[0].date).toBe('2024-07-01');
    expect(activities[activities.length - 1].date <= '2026-12-31').toBe(true);
  });

  it('uses only the documented actions and roles, all of them', () => {
    expect([...new Set(activities.map((a) => a.action))].sort()).toEqual(Object.keys(POINTS).sort());
    expect([...new Set(activities.map((a) => a.contact_role))].sort()).toEqual(['C-level', 'assistant', 'procurement', 'technical']);
  });

  it('values: CNY with 2 decimals for gift and family_trip only, in the documented ranges', () => {
    for (const a of activities) {
      if (a.action === 'gift' || a.action === 'family_trip') {
        expect(a.value, a.activity_id).toMatch(/^\d+\.\d{2}$/);
        const v = Number(a.value);
        if (a.action === 'gift') expect(v >= 200 && v <= 5000, a.activity_id).toBe(true);
        else expect(v >= 20_000 && v <= 80_000, a.activity_id).toBe(true);
      } else expect(a.value, a.activity_id).toBe('');
    }
    const gifts = activities.filter((a) => a.action === 'gift');
    expect(gifts.filter((g) => Number(g.value) > 2000).map((g) => g.activity_id)).toEqual(['AC00203', 'AC01567', 'AC02594']);
    expect(gifts.filter((g) => g.value === '2000.00').map((g) => g.activity_id)).toEqual(['AC00175', 'AC01241', 'AC02562', 'AC02948']);
    expect(new Set(activities.filter((a) => a.action === 'family_trip').map((a) => a.account_id)).size).toBeGreaterThanOrEqual(5);
  });

  it('contacts: a named person, one role each, Chinese and English names', () => {
    const roleOf = new Map<string, string>();
    for (const a of activities) {
      expect(a.contact.trim()).not.toBe('');
      const key = `${a.account_id}/${a.contact}`;
      expect(roleOf.get(key) ?? a.contact_role, key).toBe(a.contact_role);
      roleOf.set(key, a.contact_role);
    }
    expect(activities.some((a) => /^\p{Script=Han}+$/u.test(a.contact))).toBe(true);
    expect(activities.some((a) => /^[A-Z][a-z]+ [A-Z][a-z]+$/.test(a.contact))).toBe(true);
  });

  it('every activity is by a rep who has a deal with the account and had started', () => {
    const start = new Map(reps.map((r) => [r.rep_id, r.start_date]));
    const pairs = new Set(deals.map((d) => `${d.rep_id}/${d.account_id}`));
    const accountIds = new Set(accounts.map((a) => a.account_id));
    for (const a of activities) {
      expect(accountIds.has(a.account_id), a.activity_id).toBe(true);
      expect(pairs.has(`${a.rep_id}/${a.account_id}`), `${a.activity_id} ${a.rep_id} ${a.account_id}`).toBe(true);
      expect(start.get(a.rep_id)! <= a.date, a.activity_id).toBe(true);
    }
  });

  it('most accounts get regular office visits, and office visits alone never reach 10 points on a deal', () => {
    const regular = accounts.filter((acc) => {
      const months = new Set((byAccount.get(acc.account_id) ?? []).filter((a) => a.action === 'office_visit').map((a) => a.date.slice(0, 7)));
      return months.size >= 15; // of the 30 months
    });
    expect(regular.length).toBeGreaterThanOrEqual(30);
    for (const d of deals) {
      const asOf = asOfOf(d);
      const visits = results.get(d.deal_id)!.counted.filter((a) => a.action === 'office_visit');
      const points = visits.reduce((s, a) => s + 0.1 * WEIGHT[a.contact_role] * Math.exp((-daysBetween(a.date, asOf) * Math.LN2) / 180), 0);
      expect(points, d.deal_id).toBeLessThan(10);
    }
  });
});

// ---- planted tiers ----------------------------------------------------------------------

describe('planted tiers', () => {
  it('planted-tiers.csv: one row per deal, as-of dates, scores and tiers as recomputed here', () => {
    expect(text('planted-tiers.csv').split('\n')[0]).toBe('deal_id,as_of,score,tier');
    expect(planted.map((p) => p.deal_id)).toEqual(deals.map((d) => d.deal_id));
    for (const p of planted) {
      const d = deal(p.deal_id);
      const r = results.get(p.deal_id)!;
      expect(p.as_of, p.deal_id).toBe(asOfOf(d));
      expect(p.score, p.deal_id).toMatch(/^\d+\.\d{4}$/);
      expect(Math.abs(Number(p.score) - r.score), p.deal_id).toBeLessThanOrEqual(0.00005 + 1e-9);
      expect(p.tier, p.deal_id).toBe(r.tier);
    }
  });

  it('every closed non-champion deal keeps its score at least 0.05 from the 10 and 30 thresholds', () => {
    for (const d of closed) {
      const r = results.get(d.deal_id)!;
      if (r.tier === 'champion') continue;
      expect(Math.abs(r.score - 10), d.deal_id).toBeGreaterThanOrEqual(0.05);
      expect(Math.abs(r.score - 30), d.deal_id).toBeGreaterThanOrEqual(0.05);
    }
  });

  const truth = Object.keys(STATED).map((tier) => {
    const mine = closed.filter((d) => results.get(d.deal_id)!.tier === tier);
    const wins = mine.filter((d) => d.stage === 'Won').length;
    return { tier, n: mine.length, wins, rate: wins / mine.length, interval: wilsonInterval(wins, mine.length) };
  });

  it('per tier: closed deals, wins and realised rate as planted', () => {
    expect(truth.map((t) => `${t.tier} ${t.n} ${t.wins}`)).toEqual(['champion 266 213', 'supporter 40 18', 'neutral 32 8', 'opposed 30 3']);
    for (const t of truth) {
      expect(t.n, t.tier).toBeGreaterThanOrEqual(20);
      expect(Math.abs(t.rate - STATED[t.tier]), t.tier).toBeLessThanOrEqual(0.01);
    }
  });

  it('each stated probability lies inside the 95% Wilson interval of its tier', () => {
    for (const t of truth) {
      expect(t.interval[0], t.tier).toBeLessThanOrEqual(STATED[t.tier]);
      expect(t.interval[1], t.tier).toBeGreaterThanOrEqual(STATED[t.tier]);
    }
    expect(truth.map((t) => `${t.tier} [${t.interval[0].toFixed(4)}, ${t.interval[1].toFixed(4)}]`)).toEqual([
      'champion [0.7486, 0.8443]',
      'supporter [0.3071, 0.6017]',
      'neutral [0.1325, 0.4211]',
      'opposed [0.0346, 0.2562]',
    ]);
  });

  it('the README table states the same truth', () => {
    for (const t of truth) {
      expect(readme).toContain(
        `| ${t.tier} | ${STATED[t.tier].toFixed(2)} | ${t.n} | ${t.wins} | ${t.n - t.wins} | ${t.rate.toFixed(4)} | [${t.interval[0].toFixed(4)}, ${t.interval[1].toFixed(4)}] | yes |`,
      );
    }
  });

  it('later deals on an account can drop out of champion when leadership contact lapses', () => {
    const lapsed = closed.filter((d) => {
      const r = results.get(d.deal_id)!;
      return r.tier !== 'champion' && r.requirementsSigned && r.techExchange && !r.metLeadership;
    });
    expect(lapsed.length).toBeGreaterThanOrEqual(10);
    const d = deal('D0019');
    expect(results.get('D0019')!.tier).toBe('supporter');
    expect(results.get('D0058')!.tier).toBe('champion');
    expect(deal('D0058').account_id).toBe(d.account_id);
    expect(deal('D0058').close_date < d.close_date).toBe(true);
  });
});

// ---- hand-checkable facts named in the README ------------------------------------------------

describe('hand-checkable facts', () => {
  it('as-of matters: A017 signs requirements (AC01344) the day after D0137 closed', () => {
    const d = deal('D0137');
    expect([d.account_id, d.stage, d.close_date]).toEqual(['A017', 'Lost', '2025-10-08']);
    const rs = activity('AC01344');
    expect([rs.account_id, rs.action, rs.date]).toEqual(['A017', 'requirements_signed', '2025-10-09']);
    const at = results.get('D0137')!;
    expect(at).toMatchObject({ tier: 'neutral', requirementsSigned: false, metLeadership: true, techExchange: true });
    expect(relationship('A017', '2025-10-09').tier).toBe('champion');
  });

  it('met_leadership boundary: D0128 is champion through an exec meeting exactly 180 days old (AC01492)', () => {
    const d = deal('D0128');
    expect([d.account_id, d.close_date]).toEqual(['A002', '2026-05-19']);
    const e = activity('AC01492');
    expect([e.account_id, e.action, daysBetween(e.date, d.close_date)]).toEqual(['A002', 'exec_meeting', 180]);
    const execsWithin = (byAccount.get('A002') ?? []).filter((a) => a.action === 'exec_meeting' && a.date <= d.close_date && daysBetween(a.date, d.close_date) <= 180);
    expect(execsWithin.map((a) => a.activity_id)).toEqual(['AC01492']);
    expect(results.get('D0128')!.tier).toBe('champion');
    expect(relationship('A002', d.close_date, { leadershipStrict: true }).tier).toBe('neutral');
  });

  it('capped score: D0325 sums to more than 100 and scores exactly 100', () => {
    const r = results.get('D0325')!;
    expect(r.raw).toBeGreaterThan(105);
    expect(r.score).toBe(100);
    expect(planted.find((p) => p.deal_id === 'D0325')!.score).toBe('100.0000');
  });

  it('office visits only: R20 on A013, and the window of D0068 holds nothing else', () => {
    const mine = activities.filter((a) => a.account_id === 'A013' && a.rep_id === 'R20');
    expect(mine).toHaveLength(29);
    expect(mine.every((a) => a.action === 'office_visit')).toBe(true);
    const d = deal('D0068');
    expect([d.rep_id, d.account_id, d.stage, d.close_date]).toEqual(['R20', 'A013', 'Lost', '2026-03-05']);
    const r = results.get('D0068')!;
    expect(r.counted.length).toBe(24);
    expect(r.counted.every((a) => a.rep_id === 'R20' && a.action === 'office_visit')).toBe(true);
    expect(r.tier).toBe('opposed');
    expect(r.score).toBeLessThan(10);
  });

  it('two exec meetings a month: A018 has three in 2026-02 and the third does not score for D0157', () => {
    const feb = (byAccount.get('A018') ?? []).filter((a) => a.action === 'exec_meeting' && a.date.startsWith('2026-02'));
    expect(feb.map((a) => a.activity_id)).toEqual(['AC01800', 'AC01813', 'AC01848']);
    const capped = results.get('D0157')!;
    expect(capped.counted.map((a) => a.activity_id)).not.toContain('AC01848');
    expect(relationship('A018', deal('D0157').close_date, { noExecCap: true }).score).toBeGreaterThan(capped.score);
  });

  it('repetition rules apply inside the window: D0288, and no closed tier depends on it', () => {
    expect(planted.find((p) => p.deal_id === 'D0288')!.score).toBe('36.1290');
    expect(relationship('A022', '2026-05-01', { overHistory: true }).score.toFixed(4)).toBe('29.0949');
    for (const d of closed) expect(relationship(d.account_id, d.close_date, { overHistory: true }).tier, d.deal_id).toBe(results.get(d.deal_id)!.tier);
  });

  it('activities after a close date exist and are ignored', () => {
    const later = closed.filter((d) => (byAccount.get(d.account_id) ?? []).some((a) => a.date > d.close_date));
    expect(later.length).toBeGreaterThan(closed.length / 2);
  });

  it('the README names the facts', () => {
    for (const id of ['D0137', 'AC01344', 'D0128', 'AC01492', 'D0325', 'R20', 'A013', 'D0068', 'A018', 'AC01800', 'AC01813', 'AC01848', 'D0157', 'D0019', 'D0288']) {
      expect(readme).toContain(id);
    }
  });
});
