/**
 * Independent recomputation of the "Maven 2017" reference bonus scheme over the
 * real Maven Analytics CRM export (`../shared/data/maven-crm`, read-only).
 *
 * This file is the auditor's copy of the rules. It deliberately uses nothing
 * from `src/`, no decimal library and no floating point for money: every amount
 * is a BigInt number of cents (or of hundredths of a cent where a percentage is
 * applied), and every comparison is exact integer arithmetic.
 *
 * Run directly for a per-rep summary:
 *   npx tsx test/reference/maven-2017-recompute.ts [dataDir]
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// ---------------------------------------------------------------------------
// Result shape
// ---------------------------------------------------------------------------

export type Band = 'top' | 'middle' | 'bottom';

export interface MavenRepExpected {
  rep: string;
  credited: string;
  commission: string;
  accelerator: string;
  strategic: string;
  ranking: string;
  forfeited: string;
  payout: string;
  mustWinLost: boolean;
}

export interface MavenExpected {
  /** Sorted by rep name (code-unit order). */
  reps: MavenRepExpected[];
  /** opportunity_ids of won 2017 deals blocked by deep-discount, sorted. */
  blockedDeals: string[];
  /** Sorted by account. */
  strategicWinners: Array<{ account: string; dealId: string; rep: string }>;
  /** Sorted by period, then rank. */
  ranking: Array<{ period: string; rep: string; rank: number; band: Band; reward: string; credited: string }>;
  totals: { credited: string; payout: string };
}

// ---------------------------------------------------------------------------
// Tiny CSV reader
// ---------------------------------------------------------------------------

/**
 * Reads one of the Maven CSV files. The files are simple: CRLF line endings,
 * a header row, no quoting at all. Instead of handling quotes we *refuse* any
 * file that contains a double quote, so a change in the data cannot silently
 * shift columns. Every row must have exactly as many fields as the header.
 */
export function readSimpleCsv(path: string): Array<Record<string, string>> {
  const text = readFileSync(path, 'utf8');
  if (text.includes('"')) throw new Error(`${path}: contains a double quote; this reader does not handle quoting`);
  if (!text.endsWith('\r\n')) throw new Error(`${path}: expected CRLF line endings with a final CRLF`);
  const lines = text.slice(0, -2).split('\r\n');
  if (lines.some((l) => l.includes('\n') || l.includes('\r'))) throw new Error(`${path}: mixed line endings`);
  const header = lines[0].split(',');
  return lines.slice(1).map((line, i) => {
    const cells = line.split(',');
    if (cells.length !== header.length) {
      throw new Error(`${path}:${i + 2}: ${cells.length} fields, header has ${header.length}`);
    }
    const row: Record<string, string> = {};
    header.forEach((h, j) => (row[h] = cells[j]));
    return row;
  });
}

// ---------------------------------------------------------------------------
// Integer money helpers
// ---------------------------------------------------------------------------

/** Parses a non-negative decimal text ("1054", "2714.9") into an integer scaled by 10^scale. Exact. */
function parseScaled(text: string, scale: number): bigint {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) throw new Error(`not a plain decimal: ${JSON.stringify(text)}`);
  const frac = m[2] ?? '';
  if (frac.length > scale && /[^0]/.test(frac.slice(scale))) {
    throw new Error(`${text}: more than ${scale} decimals`);
  }
  return BigInt(m[1] + frac.slice(0, scale).padEnd(scale, '0'));
}

/** Dollars text -> cents. */
const cents = (text: string): bigint => parseScaled(text, 2);

/**
 * Divides and rounds half-up (half away from zero, the usual money convention;
 * every amount in this scheme is non-negative anyway).
 */
function divRoundHalfUp(num: bigint, den: bigint): bigint {
  if (den <= 0n) throw new Error('denominator must be positive');
  const neg = num < 0n;
  const a = neg ? -num : num;
  const q = (2n * a + den) / (2n * den);
  return neg ? -q : q;
}

/** Cents -> "1234.50" / "-0.05". */
export function formatCents(c: bigint): string {
  const neg = c < 0n;
  const a = neg ? -c : c;
  const whole = a / 100n;
  const frac = (a % 100n).toString().padStart(2, '0');
  return `${neg ? '-' : ''}${whole}.${frac}`;
}

/** Plain code-unit string comparison (no locale). */
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** ceil(n × pct / 100) in integers: ceil(35 × 30%) = ceil(10.5) = 11, ceil(35 × 15%) = ceil(5.25) = 6. */
const ceilPercent = (n: number, pct: number): number => Math.floor((n * pct + 99) / 100);

// ---------------------------------------------------------------------------
// The scheme
// ---------------------------------------------------------------------------

/** "plan period: calendar year 2017, time zone UTC" — close dates are plain YYYY-MM-DD days. */
const PLAN_YEAR = '2017';
const inPlanYear = (date: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(date) && date.startsWith(`${PLAN_YEAR}-`);

/** "the pipeline's `GTXPro` is `GTX Pro`" */
const PRODUCT_ALIASES: Record<string, string> = { GTXPro: 'GTX Pro' };

/** "commission: marginal ... 2% up to 300,000; 4% from 300,000 to 450,000; 6% above 450,000" (bounds in cents). */
const BANDS: Array<{ from: bigint; to: bigint | null; percent: bigint }> = [
  { from: 0n, to: 30_000_000n, percent: 2n },
  { from: 30_000_000n, to: 45_000_000n, percent: 4n },
  { from: 45_000_000n, to: null, percent: 6n },
];
/** "`commission` = 2% of all credited" */
const BASE_PERCENT = 2n;

/** "strategic accounts: accounts.csv `revenue` ≥ 5,000 (USD millions)" — compared at 4 decimals, exactly. */
const STRATEGIC_MIN_REVENUE = parseScaled('5000', 4);
/** "pays a `strategic` bonus of 1,000.00" */
const STRATEGIC_BONUS = 100_000n;

/** "must-win accounts: `Bubba Gump` and `Sonron`" */
const MUST_WIN = new Set(['Bubba Gump', 'Sonron']);

/** "the top ceil(35 × 30%) = 11 get a `ranking` reward of 200.00 each"; "the bottom ceil(35 × 15%) = 6" */
const TOP_PERCENT = 30;
const BOTTOM_PERCENT = 15;
const RANKING_REWARD = 20_000n;

interface Deal {
  id: string;
  rep: string;
  product: string;
  account: string;
  stage: string;
  closeDate: string;
  closeValue: bigint; // cents
}

export function recomputeMaven2017(dataDir: string): MavenExpected {
  const teams = readSimpleCsv(join(dataDir, 'sales_teams.csv'));
  const products = readSimpleCsv(join(dataDir, 'products.csv'));
  const accounts = readSimpleCsv(join(dataDir, 'accounts.csv'));
  const pipeline = readSimpleCsv(join(dataDir, 'sales_pipeline.csv'));

  // --- reps: "the 35 agents of sales_teams.csv; agents with no deals are listed with zero"
  const repNames = teams.map((t) => t.sales_agent).sort(cmp);
  if (new Set(repNames).size !== repNames.length) throw new Error('duplicate sales_agent in sales_teams.csv');
  const isRep = new Set(repNames);

  // --- list price: "products.csv sales_price by product"
  const listPrice = new Map<string, bigint>();
  for (const p of products) listPrice.set(p.product, cents(p.sales_price));

  const deals: Deal[] = pipeline.map((r) => ({
    id: r.opportunity_id,
    rep: r.sales_agent,
    product: PRODUCT_ALIASES[r.product] ?? r.product,
    account: r.account,
    stage: r.deal_stage,
    closeDate: r.close_date,
    closeValue: r.close_value === '' ? 0n : cents(r.close_value),
  }));

  // --- credit: "a deal with deal_stage Won credits its sales_agent with its close_value
  //     on its close_date (only close dates within 2017 count)"
  // --- red line deep-discount: "a won deal with discount > 20% earns no credit (blocked)
  //     — blocked iff 5 × close_value < 4 × list_price"
  const blockedDeals: string[] = [];
  const credited: Deal[] = [];
  for (const d of deals) {
    if (d.stage !== 'Won' || !inPlanYear(d.closeDate)) continue;
    if (!isRep.has(d.rep)) throw new Error(`deal ${d.id}: unknown sales_agent ${d.rep}`);
    const price = listPrice.get(d.product);
    if (price === undefined) throw new Error(`deal ${d.id}: unknown product ${d.product}`);
    if (5n * d.closeValue < 4n * price) blockedDeals.push(d.id);
    else credited.push(d);
  }
  blockedDeals.sort(cmp);

  const creditedByRep = new Map<string, bigint>(repNames.map((r) => [r, 0n]));
  for (const d of credited) creditedByRep.set(d.rep, creditedByRep.get(d.rep)! + d.closeValue);

  // --- commission: "marginal on the rep's credited total for the year ... Reported as two lines:
  //     commission = 2% of all credited, rounded half-up to cents;
  //     accelerator = (marginal total − 2% of credited) rounded half-up to cents"
  // Amounts below are in cents × 100 (percent applied, not yet divided), so they are exact.
  const marginalTimes100 = (total: bigint): bigint => {
    let sum = 0n;
    for (const b of BANDS) {
      const top = b.to === null || total < b.to ? total : b.to;
      if (top > b.from) sum += (top - b.from) * b.percent;
    }
    return sum;
  };

  // --- strategic: "for each strategic account, its first credited won deal (earliest close date,
  //     ties by opportunity_id ascending; blocked deals are not credited, so they do not count)
  //     pays a strategic bonus of 1,000.00 to that deal's rep"
  const strategicAccounts = accounts
    .filter((a) => parseScaled(a.revenue, 4) >= STRATEGIC_MIN_REVENUE)
    .map((a) => a.account)
    .sort(cmp);
  const strategicWinners: MavenExpected['strategicWinners'] = [];
  for (const account of strategicAccounts) {
    const first = credited
      .filter((d) => d.account === account)
      .sort((a, b) => cmp(a.closeDate, b.closeDate) || cmp(a.id, b.id))[0];
    if (first) strategicWinners.push({ account, dealId: first.id, rep: first.rep });
  }
  const strategicByRep = new Map<string, bigint>(repNames.map((r) => [r, 0n]));
  for (const w of strategicWinners) strategicByRep.set(w.rep, strategicByRep.get(w.rep)! + STRATEGIC_BONUS);

  // --- must-win: "a rep with any Lost deal on a must-win account with a close date in 2017
  //     forfeits that year's accelerator and strategic amounts"
  const mustWinLosers = new Set(
    deals.filter((d) => d.stage === 'Lost' && MUST_WIN.has(d.account) && inPlanYear(d.closeDate)).map((d) => d.rep),
  );

  // --- ranking: "for each month (YYYY-MM) that has at least one credited deal, all 35 reps ranked
  //     by credited amount in that month (descending), ties by rep name ascending; the top
  //     ceil(35 × 30%) = 11 get 200.00 each (band top); the bottom ceil(35 × 15%) = 6 are band
  //     bottom (reward 0.00); the rest band middle"
  const topCount = ceilPercent(repNames.length, TOP_PERCENT);
  const bottomCount = ceilPercent(repNames.length, BOTTOM_PERCENT);
  const months = [...new Set(credited.map((d) => d.closeDate.slice(0, 7)))].sort(cmp);
  const ranking: MavenExpected['ranking'] = [];
  const rankingByRep = new Map<string, bigint>(repNames.map((r) => [r, 0n]));
  for (const month of months) {
    const inMonth = new Map<string, bigint>(repNames.map((r) => [r, 0n]));
    for (const d of credited) if (d.closeDate.startsWith(`${month}-`)) inMonth.set(d.rep, inMonth.get(d.rep)! + d.closeValue);
    const ordered = [...repNames].sort((a, b) => {
      const x = inMonth.get(a)!;
      const y = inMonth.get(b)!;
      return x > y ? -1 : x < y ? 1 : cmp(a, b);
    });
    ordered.forEach((rep, i) => {
      const rank = i + 1;
      const band: Band = rank <= topCount ? 'top' : rank > ordered.length - bottomCount ? 'bottom' : 'middle';
      const reward = band === 'top' ? RANKING_REWARD : 0n;
      rankingByRep.set(rep, rankingByRep.get(rep)! + reward);
      ranking.push({ period: month, rep, rank, band, reward: formatCents(reward), credited: formatCents(inMonth.get(rep)!) });
    });
  }

  // --- payout: "commission + accelerator + strategic + ranking − forfeited"
  let totalCredited = 0n;
  let totalPayout = 0n;
  const reps: MavenRepExpected[] = repNames.map((rep) => {
    const c = creditedByRep.get(rep)!;
    const commission = divRoundHalfUp(c * BASE_PERCENT, 100n);
    const accelerator = divRoundHalfUp(marginalTimes100(c) - c * BASE_PERCENT, 100n);
    const strategic = strategicByRep.get(rep)!;
    const rankingReward = rankingByRep.get(rep)!;
    const mustWinLost = mustWinLosers.has(rep);
    const forfeited = mustWinLost ? accelerator + strategic : 0n;
    const payout = commission + accelerator + strategic + rankingReward - forfeited;
    totalCredited += c;
    totalPayout += payout;
    return {
      rep,
      credited: formatCents(c),
      commission: formatCents(commission),
      accelerator: formatCents(accelerator),
      strategic: formatCents(strategic),
      ranking: formatCents(rankingReward),
      forfeited: formatCents(forfeited),
      payout: formatCents(payout),
      mustWinLost,
    };
  });

  return {
    reps,
    blockedDeals,
    strategicWinners,
    ranking,
    totals: { credited: formatCents(totalCredited), payout: formatCents(totalPayout) },
  };
}

// ---------------------------------------------------------------------------
// Direct run: per-rep summary
// ---------------------------------------------------------------------------

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));
  const dataDir = process.argv[2] ?? join(repoRoot, '../shared/data/maven-crm');
  const r = recomputeMaven2017(dataDir);
  const cols = ['rep', 'credited', 'commission', 'accelerator', 'strategic', 'ranking', 'forfeited', 'payout', 'mustWinLost'] as const;
  const rows = r.reps.map((x) => cols.map((k) => String(x[k])));
  const widths = cols.map((k, i) => Math.max(k.length, ...rows.map((row) => row[i].length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(cols));
  for (const row of rows) console.log(line(row));
  console.log();
  console.log(`blocked deals (deep-discount): ${r.blockedDeals.length}`);
  console.log(`strategic winners: ${r.strategicWinners.map((w) => `${w.account} -> ${w.rep} (${w.dealId})`).join('; ')}`);
  console.log(`must-win losers: ${r.reps.filter((x) => x.mustWinLost).map((x) => x.rep).join(', ')}`);
  console.log(`ranking months: ${[...new Set(r.ranking.map((x) => x.period))].join(', ')}`);
  console.log(`total credited ${r.totals.credited}, total payout ${r.totals.payout}`);
}
