/**
 * The key-account example dataset (examples/key-account/): it is exactly what
 * the generator writes, its references resolve, and what the README says was
 * planted really is in the CSV text (recomputed here from the files alone,
 * with exact integer money arithmetic).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyAccount } from '../../examples/generate.js';
import { stream } from '../../examples/generator/prng.js';

const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../examples/key-account');
const FILES = ['README.md', 'accounts.csv', 'activities.csv', 'collections.csv', 'deals.csv', 'planted-channels.csv', 'planted-tiers.csv', 'products.csv', 'progress.csv', 'reps.csv'];

const HEADERS: Record<string, string> = {
  'reps.csv': 'rep_id,name,manager,region,start_date,floor_target,challenge_target',
  'accounts.csv': 'account_id,name,sector,province,strategic,must_win',
  'products.csv': 'product,family,list_price',
  'deals.csv': 'deal_id,rep_id,account_id,product,stage,created_date,close_date,amount,cost,channel',
  'activities.csv': 'activity_id,date,rep_id,account_id,contact,contact_role,action,value',
  'planted-tiers.csv': 'deal_id,as_of,score,tier',
  'planted-channels.csv': 'tier,channel,planted_win_probability,closed_deals,won,realised_win_rate',
  'collections.csv': 'collection_id,deal_id,date,amount',
  'progress.csv': 'deal_id,date,percent_complete',
};

type Row = Record<string, string>;

function text(file: string): string {
  return readFileSync(path.join(DIR, file), 'utf8');
}

function rows(file: string): Row[] {
  return parse(text(file), { columns: true, skip_empty_lines: false }) as Row[];
}

/** "1250000.00" -> 125000000n fen; rejects anything else. */
function fen(value: string): bigint {
  const m = /^(\d+)\.(\d{2})$/.exec(value);
  if (!m) throw new Error(`not a money value: ${JSON.stringify(value)}`);
  return BigInt(m[1]) * 100n + BigInt(m[2]);
}

/** Margin in hundredths of a percent when exact, else null. */
function exactMarginBp(deal: Row): bigint | null {
  const amount = fen(deal.amount);
  const scaled = (amount - fen(deal.cost)) * 10_000n;
  return scaled % amount === 0n ? scaled / amount : null;
}

/** Sign of margin - pct%. */
function marginVs(deal: Row, pct: bigint): number {
  const amount = fen(deal.amount);
  const diff = (amount - fen(deal.cost)) * 100n - pct * amount;
  return diff === 0n ? 0 : diff > 0n ? 1 : -1;
}

const reps = rows('reps.csv');
const accounts = rows('accounts.csv');
const products = rows('products.csv');
const deals = rows('deals.csv');
const won = deals.filter((d) => d.stage === 'Won');
const won2026 = won.filter((d) => d.close_date.startsWith('2026'));
const account = new Map(accounts.map((a) => [a.account_id, a]));

function wonTotal2026(repId: string): bigint {
  return won2026.filter((d) => d.rep_id === repId).reduce((sum, d) => sum + fen(d.amount), 0n);
}

describe('regeneration', () => {
  let out: string;
  beforeAll(() => {
    out = mkdtempSync(path.join(tmpdir(), 'key-account-'));
    generateKeyAccount(out);
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('writes exactly the committed files', () => {
    expect(readdirSync(out).sort()).toEqual(FILES);
    expect(readdirSync(DIR).sort()).toEqual(FILES);
  });

  it.each(FILES)('%s is byte-identical to the committed file', (file) => {
    expect(readFileSync(path.join(out, file)).equals(readFileSync(path.join(DIR, file)))).toBe(true);
  });

  it('named streams are independent of each other', () => {
    const first = stream('deals');
    const a = [first.next(), first.next(), first.next()];
    stream('activities').next();
    const again = stream('deals');
    expect([again.next(), again.next(), again.next()]).toEqual(a);
    expect(stream('activities').next()).not.toEqual(a[0]);
  });
});

describe('file format', () => {
  it.each(Object.keys(HEADERS))('%s: UTF-8 without BOM, LF only, header, trailing newline', (file) => {
    const bytes = readFileSync(path.join(DIR, file));
    expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
    const body = bytes.toString('utf8');
    expect(body).not.toContain('\r');
    expect(body.endsWith('\n') && !body.endsWith('\n\n')).toBe(true);
    expect(body.split('\n')[0]).toBe(HEADERS[file]);
  });

  it('quotes only fields that need it', () => {
    for (const file of Object.keys(HEADERS)) {
      for (const line of text(file).split('\n')) {
        for (const quoted of line.match(/"(?:[^"]|"")*"/g) ?? []) expect(quoted).toMatch(/[,"]/);
      }
    }
    expect(reps.find((r) => r.rep_id === 'R09')?.name).toBe('Li, Jessica');
    expect(account.get('A016')?.name).toBe('成都市"智慧蓉城"运行中心');
  });

  it('has the documented sizes and value shapes', () => {
    expect(reps).toHaveLength(24);
    expect(accounts).toHaveLength(40);
    expect(products).toHaveLength(6);
    expect(deals.length).toBeGreaterThanOrEqual(400);
    expect(deals.length).toBeLessThanOrEqual(500);
    expect(accounts.filter((a) => a.strategic === 'yes')).toHaveLength(8);
    expect(accounts.filter((a) => a.must_win === 'yes')).toHaveLength(4);
    for (const r of reps) {
      expect(r.floor_target).toMatch(/^\d+$/);
      const floor = Number(r.floor_target);
      expect(floor).toBeGreaterThanOrEqual(8_000_000);
      expect(floor).toBeLessThanOrEqual(20_000_000);
      expect(Number(r.challenge_target)).toBe(Math.round((floor * 1.5) / 100_000) * 100_000);
    }
    const date = /^\d{4}-\d{2}-\d{2}$/;
    deals.forEach((d, i) => {
      expect(d.deal_id).toBe(`D${String(i + 1).padStart(4, '0')}`);
      expect(['Won', 'Lost', 'Open']).toContain(d.stage);
      expect(d.created_date).toMatch(date);
      expect(d.created_date >= '2025-07-01').toBe(true);
      if (d.stage === 'Open') expect(d.close_date).toBe('');
      else {
        expect(d.close_date).toMatch(date);
        expect(d.created_date < d.close_date && d.close_date <= '2026-12-31').toBe(true);
      }
      expect(fen(d.amount)).toBeGreaterThanOrEqual(20_000_000n);
      expect(fen(d.amount)).toBeLessThanOrEqual(3_100_000_000n);
      expect(fen(d.cost) < fen(d.amount)).toBe(true);
    });
  });
});

describe('references', () => {
  it('every key is unique', () => {
    for (const [table, key] of [[reps, 'rep_id'], [accounts, 'account_id'], [products, 'product'], [deals, 'deal_id']] as const) {
      expect(new Set(table.map((r) => r[key])).size).toBe(table.length);
    }
  });

  it('every deal points at an existing rep, account and product', () => {
    const repIds = new Set(reps.map((r) => r.rep_id));
    const productIds = new Set(products.map((p) => p.product));
    for (const d of deals) {
      expect(repIds.has(d.rep_id), `${d.deal_id} rep ${d.rep_id}`).toBe(true);
      expect(account.has(d.account_id), `${d.deal_id} account ${d.account_id}`).toBe(true);
      expect(productIds.has(d.product), `${d.deal_id} product ${d.product}`).toBe(true);
    }
  });

  it('no deal of a rep is created before the rep started', () => {
    const start = new Map(reps.map((r) => [r.rep_id, r.start_date]));
    for (const d of deals) expect(d.created_date >= start.get(d.rep_id)!, d.deal_id).toBe(true);
  });
});

describe('planted facts', () => {
  it('exact-margin won deals are exactly the documented ones', () => {
    const whole = won.flatMap((d) => {
      const bp = exactMarginBp(d);
      return bp !== null && bp % 100n === 0n ? [`${bp / 100n}% ${d.deal_id}`] : [];
    });
    expect(whole.sort()).toEqual(['20% D0038', '25% D0379', '27% D0079', '30% D0388']);
    const nearMiss = deals.find((d) => d.deal_id === 'D0212')!;
    expect(nearMiss.stage).toBe('Won');
    expect(exactMarginBp(nearMiss)).toBe(1999n);
    // No other deal, whatever its stage, has a whole-percent margin.
    expect(deals.filter((d) => { const bp = exactMarginBp(d); return bp !== null && bp % 100n === 0n; })).toHaveLength(4);
  });

  it('about 8% of won deals are below the 20% red line, and many sit in the 25-30% band', () => {
    const below = won.filter((d) => marginVs(d, 20n) < 0).length;
    expect(below / won.length).toBeGreaterThan(0.07);
    expect(below / won.length).toBeLessThan(0.09);
    const band = won.filter((d) => marginVs(d, 25n) >= 0 && marginVs(d, 30n) <= 0).length;
    expect(band / won.length).toBeGreaterThan(0.2);
    for (const d of deals) {
      const m = Number((fen(d.amount) - fen(d.cost)) * 10_000n / fen(d.amount));
      expect(m).toBeGreaterThanOrEqual(1_000);
      expect(m).toBeLessThanOrEqual(4_500);
    }
  });

  it('R05 lands exactly on its floor target, and is the only rep to', () => {
    const onFloor = reps.filter((r) => wonTotal2026(r.rep_id) === BigInt(r.floor_target) * 100n).map((r) => r.rep_id);
    expect(onFloor).toEqual(['R05']);
    expect(won2026.filter((d) => d.rep_id === 'R05').every((d) => marginVs(d, 20n) >= 0)).toBe(true);
  });

  it('R20 is the worked example: floor 10M, challenge 15M, exactly 15M won', () => {
    const r20 = reps.find((r) => r.rep_id === 'R20')!;
    expect([r20.floor_target, r20.challenge_target]).toEqual(['10000000', '15000000']);
    expect(wonTotal2026('R20')).toBe(1_500_000_000n);
  });

  it('several reps cross the floor and a few cross the challenge', () => {
    const above = (r: Row, target: string) => wonTotal2026(r.rep_id) > BigInt(target) * 100n;
    expect(reps.filter((r) => above(r, r.floor_target)).map((r) => r.rep_id)).toEqual(['R01', 'R04', 'R06', 'R08', 'R10', 'R12', 'R15', 'R20']);
    expect(reps.filter((r) => above(r, r.challenge_target)).map((r) => r.rep_id)).toEqual(['R01', 'R08', 'R12']);
  });

  it('R04 crosses the floor only with its deal closed on 2026-12-31', () => {
    const yearEnd = deals.find((d) => d.close_date === '2026-12-31')!;
    expect([yearEnd.deal_id, yearEnd.rep_id, yearEnd.stage]).toEqual(['D0358', 'R04', 'Won']);
    const floor = BigInt(reps.find((r) => r.rep_id === 'R04')!.floor_target) * 100n;
    expect(wonTotal2026('R04') > floor).toBe(true);
    expect(wonTotal2026('R04') - fen(yearEnd.amount) < floor).toBe(true);
  });

  it('exactly R01 and R14 lost must-win deals in 2026 (R04 lost one in 2025)', () => {
    const lostMustWin = deals.filter((d) => d.stage === 'Lost' && account.get(d.account_id)!.must_win === 'yes');
    const in2026 = lostMustWin.filter((d) => d.close_date.startsWith('2026'));
    expect([...new Set(in2026.map((d) => d.rep_id))].sort()).toEqual(['R01', 'R14']);
    expect(in2026.map((d) => d.deal_id)).toEqual(['D0006', 'D0284', 'D0386']);
    expect(lostMustWin.filter((d) => !d.close_date.startsWith('2026')).map((d) => `${d.deal_id} ${d.rep_id}`)).toEqual(['D0108 R04']);
  });

  it('R21 and R24 have no deals in 2026; R24 has none at all', () => {
    const touches2026 = (d: Row) => d.created_date.startsWith('2026') || d.close_date === '' || d.close_date.startsWith('2026');
    const idle = reps.filter((r) => !deals.some((d) => d.rep_id === r.rep_id && touches2026(d))).map((r) => r.rep_id);
    expect(idle).toEqual(['R21', 'R24']);
    expect(deals.filter((d) => d.rep_id === 'R24')).toHaveLength(0);
    expect(deals.filter((d) => d.rep_id === 'R21').length).toBeGreaterThan(0);
    expect(reps.filter((r) => r.start_date >= '2026-01-01').map((r) => r.rep_id)).toEqual(['R22', 'R23', 'R24']);
  });

  it('strategic accounts: several wins each, first wins as documented', () => {
    const firsts = accounts
      .filter((a) => a.strategic === 'yes')
      .map((a) => {
        const wins = won.filter((d) => d.account_id === a.account_id).sort((x, y) => x.close_date.localeCompare(y.close_date) || x.deal_id.localeCompare(y.deal_id));
        expect(wins.length, a.account_id).toBeGreaterThanOrEqual(3);
        return { id: a.account_id, date: wins[0].close_date, deals: wins.filter((d) => d.close_date === wins[0].close_date).map((d) => d.deal_id) };
      })
      .sort((x, y) => x.date.localeCompare(y.date) || x.deals[0].localeCompare(y.deals[0]));
    expect(firsts.map((f) => `${f.id} ${f.date} ${f.deals.join('+')}`)).toEqual([
      'A001 2025-09-12 D0015',
      'A007 2025-11-20 D0148',
      'A012 2026-03-17 D0262',
      'A003 2026-04-28 D0115',
      'A009 2026-04-28 D0253',
      'A017 2026-07-15 D0311+D0320',
      'A021 2026-10-20 D0345',
      'A013 2026-11-24 D0242',
    ]);
  });

  it('R10 and R15 tie on won total in June 2026', () => {
    const june = (rep: string) => won2026.filter((d) => d.rep_id === rep && d.close_date.startsWith('2026-06')).reduce((s, d) => s + fen(d.amount), 0n);
    expect(june('R10')).toBe(560_000_000n);
    expect(june('R15')).toBe(560_000_000n);
  });

  it('deals closed on a 31st are the three planted ones', () => {
    expect(deals.filter((d) => d.close_date.endsWith('-31')).map((d) => `${d.deal_id} ${d.close_date}`)).toEqual([
      'D0085 2026-03-31',
      'D0165 2025-12-31',
      'D0358 2026-12-31',
    ]);
  });

  it('the README names the planted ids', () => {
    const readme = text('README.md');
    for (const id of ['D0038', 'D0379', 'D0079', 'D0388', 'D0212', 'R05', 'R20', 'D0358', 'D0006', 'D0284', 'D0386', 'D0108', 'D0311', 'D0320']) {
      expect(readme).toContain(id);
    }
  });
});
