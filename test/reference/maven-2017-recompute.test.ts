/**
 * Sanity checks for the independent Maven 2017 recomputation.
 *
 * Every expected number below was obtained OUTSIDE the recompute: either stated in
 * `../shared/data/maven-crm/README.md`, or computed by hand with shell tools on the
 * raw CSV. The commands are written next to each number. In them, `p.csv` is the
 * pipeline with CRs stripped (`tr -d '\r' < sales_pipeline.csv > p.csv`) and `$LP`
 * is this awk BEGIN block holding the list prices of products.csv (GTXPro aliased):
 *
 *   BEGIN{lp["GTX Basic"]=550;lp["GTXPro"]=4821;lp["MG Special"]=55;lp["MG Advanced"]=3393;
 *         lp["GTX Plus Pro"]=5482;lp["GTX Plus Basic"]=1096;lp["GTK 500"]=26768}
 *
 * The whole suite is skipped when the data folder is absent (it is not part of the repo).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readSimpleCsv, recomputeMaven2017, type MavenExpected } from './maven-2017-recompute.ts';

const DATA_DIR = fileURLToPath(new URL('../../../shared/data/maven-crm', import.meta.url));
const HAVE_DATA = existsSync(join(DATA_DIR, 'sales_pipeline.csv'));

/** Money strings -> integer cents, for summing in the tests. */
const c = (s: string): bigint => {
  const m = /^(-?)(\d+)\.(\d\d)$/.exec(s);
  if (!m) throw new Error(`bad money string ${s}`);
  const v = BigInt(m[2] + m[3]);
  return m[1] ? -v : v;
};

describe.skipIf(!HAVE_DATA)('Maven 2017 reference recompute', () => {
  const r: MavenExpected = HAVE_DATA ? recomputeMaven2017(DATA_DIR) : (undefined as never);
  const rep = (name: string) => {
    const x = r.reps.find((y) => y.rep === name);
    if (!x) throw new Error(`no rep ${name}`);
    return x;
  };

  it('reads the files as the README describes them', () => {
    // README: 8,800 pipeline rows, 85 accounts, 7 products, 35 agents; Won 4,238 summing to 10,005,534.
    const pipeline = readSimpleCsv(join(DATA_DIR, 'sales_pipeline.csv'));
    expect(pipeline).toHaveLength(8800);
    expect(readSimpleCsv(join(DATA_DIR, 'accounts.csv'))).toHaveLength(85);
    expect(readSimpleCsv(join(DATA_DIR, 'products.csv'))).toHaveLength(7);
    expect(readSimpleCsv(join(DATA_DIR, 'sales_teams.csv'))).toHaveLength(35);
    const won = pipeline.filter((d) => d.deal_stage === 'Won');
    expect(won).toHaveLength(4238);
    expect(won.reduce((s, d) => s + BigInt(d.close_value), 0n)).toBe(10_005_534n);
  });

  it('lists all 35 reps sorted by name, the 5 without deals at zero', () => {
    expect(r.reps).toHaveLength(35);
    const names = r.reps.map((x) => x.rep);
    expect(names).toEqual([...names].sort());
    // README: "5 agents in sales_teams.csv have no deals at all". Found with
    //   comm -3 <(cut -d, -f1 sales_teams.csv | tail -n +2 | tr -d '\r' | sort) <(cut -d, -f2 p.csv | tail -n +2 | sort -u)
    for (const n of ['Carl Lin', 'Carol Thompson', 'Elizabeth Anderson', 'Mei-Mei Johns', 'Natalya Ivanova']) {
      expect(rep(n)).toMatchObject({ credited: '0.00', commission: '0.00', ranking: '0.00', payout: '0.00', mustWinLost: false });
    }
  });

  it('blocks the deep-discount deals and credits the rest', () => {
    // awk -F, "$LP NR>1 && \$5==\"Won\" && 5*\$8 < 4*lp[\$3] {n++; v+=\$8} END{print n, v}" p.csv  ->  92 155990
    expect(r.blockedDeals).toHaveLength(92);
    expect(r.blockedDeals).toEqual([...r.blockedDeals].sort());
    const pipeline = readSimpleCsv(join(DATA_DIR, 'sales_pipeline.csv'));
    const blocked = new Set(r.blockedDeals);
    const blockedValue = pipeline.filter((d) => blocked.has(d.opportunity_id)).reduce((s, d) => s + BigInt(d.close_value), 0n);
    expect(blockedValue).toBe(155_990n);
    // credited + blocked = the README's won total: 9,849,544 + 155,990 = 10,005,534
    expect(r.totals.credited).toBe('9849544.00');
    expect(c(r.totals.credited) + blockedValue * 100n).toBe(1_000_553_400n);
    // Credited deal count: same awk with ">=" and n++ -> 4146 = 4238 won - 92 blocked.
    const credited = pipeline.filter((d) => d.deal_stage === 'Won' && !blocked.has(d.opportunity_id));
    expect(credited).toHaveLength(4238 - 92);
  });

  it('matches the per-rep credited totals computed with awk', () => {
    // awk -F, "$LP NR>1 && \$5==\"Won\" && 5*\$8 >= 4*lp[\$3] {c[\$2]+=\$8} END{for(r in c) print r, c[r]}" p.csv
    expect(rep('Darcel Schlecht').credited).toBe('1123956.00');
    expect(rep('Cassey Cress').credited).toBe('436359.00');
    expect(rep('Vicki Laflamme').credited).toBe('464396.00');
    expect(rep('Anna Snelling').credited).toBe('271290.00');
    expect(rep('Violet Mclelland').credited).toBe('123393.00');
    expect(r.reps.reduce((s, x) => s + c(x.credited), 0n)).toBe(c(r.totals.credited));
  });

  it('computes commission and accelerator by hand for reps in each band', () => {
    // Darcel Schlecht, 1,123,956 (all three bands):
    //   commission  = 2% × 1,123,956 = 22,479.12
    //   marginal    = 2% × 300,000 + 4% × 150,000 + 6% × 673,956 = 6,000 + 6,000 + 40,437.36 = 52,437.36
    //   accelerator = 52,437.36 − 22,479.12 = 29,958.24
    //   ranking     = top 11 in all 10 months (per-month awk below) = 10 × 200 = 2,000
    //   payout      = 22,479.12 + 29,958.24 + 2,000 = 54,437.36 (not a must-win loser, no strategic win)
    expect(rep('Darcel Schlecht')).toEqual({
      rep: 'Darcel Schlecht', credited: '1123956.00', commission: '22479.12', accelerator: '29958.24',
      strategic: '0.00', ranking: '2000.00', forfeited: '0.00', payout: '54437.36', mustWinLost: false,
    });
    // Vicki Laflamme, 464,396 (just into the 6% band): accelerator = 2% × 150,000 + 4% × 14,396 = 3,000 + 575.84
    expect(rep('Vicki Laflamme').accelerator).toBe('3575.84');
    expect(rep('Vicki Laflamme').commission).toBe('9287.92');
    // Anna Snelling, 271,290 (2% band only): commission 5,425.80, no accelerator;
    // strategic 2 × 1,000 (Hottechi and Treequote); ranking 1 × 200; payout 7,625.80
    expect(rep('Anna Snelling')).toMatchObject({ commission: '5425.80', accelerator: '0.00', strategic: '2000.00', ranking: '200.00', payout: '7625.80' });
  });

  it('forfeits accelerator and strategic for reps who lost a must-win deal', () => {
    // awk -F, '$5=="Lost" && ($4=="Bubba Gump"||$4=="Sonron") && substr($7,1,4)=="2017"{print $2}' p.csv | sort -u
    expect(r.reps.filter((x) => x.mustWinLost).map((x) => x.rep)).toEqual([
      'Cassey Cress', 'Daniell Hammack', 'Donn Cantrell', 'Elease Gluck', 'Garret Kinder', 'Hayden Neloms',
      'James Ascencio', 'Kami Bicknell', 'Kary Hendrixson', 'Markita Hansen', 'Maureen Marcano', 'Reed Clapper',
      'Rosalina Dieter', 'Rosie Papadopoulos', 'Vicki Laflamme', 'Zane Levy',
    ]);
    // Cassey Cress, 436,359: commission 8,727.18; accelerator 2% × 136,359 = 2,727.18;
    // strategic 1,000 (Kan-code); ranking 9 months in the top 11 = 1,800;
    // forfeited 2,727.18 + 1,000 = 3,727.18; payout 8,727.18 + 1,800 = 10,527.18
    expect(rep('Cassey Cress')).toEqual({
      rep: 'Cassey Cress', credited: '436359.00', commission: '8727.18', accelerator: '2727.18',
      strategic: '1000.00', ranking: '1800.00', forfeited: '3727.18', payout: '10527.18', mustWinLost: true,
    });
    for (const x of r.reps) {
      expect(c(x.forfeited)).toBe(x.mustWinLost ? c(x.accelerator) + c(x.strategic) : 0n);
    }
  });

  it('picks the first credited deal of each strategic account', () => {
    // Strategic accounts (revenue >= 5000): awk -F, 'NR>1 && $4+0>=5000{print $1}' accounts.csv -> 8 accounts.
    // First credited deal of each:
    //   awk -F, "$LP NR>1 && \$5==\"Won\" && 5*\$8 >= 4*lp[\$3] && \$4 ~ /^(Ganjaflex|Hottechi|...)\$/ {print \$4\",\"\$7\",\$1\",\"\$2}" p.csv \
    //     | LC_ALL=C sort -t, -k1,1 -k2,2 -k3,3 | awk -F, '!seen[$1]++'
    expect(r.strategicWinners).toEqual([
      { account: 'Ganjaflex', dealId: 'E2NXQUWO', rep: 'Garret Kinder' },
      { account: 'Hottechi', dealId: 'PC1NUL8Q', rep: 'Anna Snelling' },
      { account: 'Initech', dealId: '8KJZJFJ1', rep: 'Reed Clapper' },
      { account: 'Kan-code', dealId: '7R4VL3Q8', rep: 'Cassey Cress' },
      { account: 'Konex', dealId: '3KR50X38', rep: 'Corliss Cosme' },
      { account: 'Scotfind', dealId: 'M6WEJXC0', rep: 'Rosalina Dieter' },
      { account: 'Treequote', dealId: 'TTA9LYBS', rep: 'Anna Snelling' },
      { account: 'Xx-holding', dealId: 'JYKM0B00', rep: 'James Ascencio' },
    ]);
  });

  it('ranks all 35 reps in each of the 10 months', () => {
    // Won close dates cover 2017-03 .. 2017-12 (README), every month has credited deals.
    const months = [...new Set(r.ranking.map((x) => x.period))];
    expect(months).toEqual(['2017-03', '2017-04', '2017-05', '2017-06', '2017-07', '2017-08', '2017-09', '2017-10', '2017-11', '2017-12']);
    for (const m of months) {
      const rows = r.ranking.filter((x) => x.period === m);
      expect(rows.map((x) => x.rank)).toEqual(Array.from({ length: 35 }, (_, i) => i + 1));
      expect(rows.filter((x) => x.band === 'top')).toHaveLength(11);
      expect(rows.filter((x) => x.band === 'bottom').map((x) => x.rank)).toEqual([30, 31, 32, 33, 34, 35]);
      expect(rows.every((x) => x.reward === (x.band === 'top' ? '200.00' : '0.00'))).toBe(true);
    }
    // March by hand:
    //   awk -F, "$LP NR>1 && \$5==\"Won\" && substr(\$7,1,7)==\"2017-03\" && 5*\$8 >= 4*lp[\$3] {m[\$2]+=\$8}
    //            END{for(r in m) print m[r]\",\"r}" p.csv | LC_ALL=C sort -t, -k1,1nr -k2,2
    //   -> 30 reps with credit; top 11 below, 12th Elease Gluck 43,066; 30th Violet Mclelland 7,307;
    //      the 5 reps without deals tie at 0 and take ranks 31..35 by name.
    const march = r.ranking.filter((x) => x.period === '2017-03');
    expect(march.slice(0, 11).map((x) => [x.rep, x.credited])).toEqual([
      ['Darcel Schlecht', '104214.00'], ['Kary Hendrixson', '92218.00'], ['Cassey Cress', '67594.00'],
      ['Vicki Laflamme', '60326.00'], ['Zane Levy', '58248.00'], ['Corliss Cosme', '53926.00'],
      ['Anna Snelling', '46785.00'], ['Donn Cantrell', '46446.00'], ['Maureen Marcano', '45776.00'],
      ['James Ascencio', '44999.00'], ['Gladys Colclough', '44547.00'],
    ]);
    expect(march[11]).toMatchObject({ rep: 'Elease Gluck', rank: 12, band: 'middle', credited: '43066.00' });
    expect(march.slice(29).map((x) => x.rep)).toEqual([
      'Violet Mclelland', 'Carl Lin', 'Carol Thompson', 'Elizabeth Anderson', 'Mei-Mei Johns', 'Natalya Ivanova',
    ]);
    // Each rep's ranking line = 200 × months in the top band.
    for (const x of r.reps) {
      const tops = r.ranking.filter((y) => y.rep === x.rep && y.band === 'top').length;
      expect(c(x.ranking)).toBe(BigInt(tops) * 20_000n);
    }
  });

  it('adds up: payout identity per rep and totals', () => {
    for (const x of r.reps) {
      expect(c(x.payout)).toBe(c(x.commission) + c(x.accelerator) + c(x.strategic) + c(x.ranking) - c(x.forfeited));
    }
    expect(r.reps.reduce((s, x) => s + c(x.payout), 0n)).toBe(c(r.totals.payout));
    // Whole-scheme awk cross-check (all amounts in cents): commission + accelerator + strategic − forfeited
    // summed over reps = 23,322,332 cents, plus ranking 10 months × 11 × 200.00 = 2,200,000 cents
    // -> 25,522,332 cents = 255,223.32
    expect(r.totals.payout).toBe('255223.32');
  });
});
