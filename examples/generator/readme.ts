/** README.md for the dataset: what the files are, and what was planted where (ids computed from the rows). */
import { formatDay } from './dates.js';
import type { Facts } from './facts.js';
import type { Dataset, Deal } from './model.js';
import { formatFen } from './money.js';
import { HISTORY_END, HISTORY_START, PLAN_YEAR } from './plan.js';
import { SEED } from './prng.js';

export function renderReadme(data: Dataset, facts: Facts): string {
  const dealLine = (d: Deal): string =>
    `${d.id} (${d.repId}, ${d.accountId}, ${d.stage}, closed ${d.close === null ? '-' : formatDay(d.close)}, amount ${formatFen(d.amount)})`;
  const tagged = (tag: string) => data.deals.filter((d) => d.tags.includes(tag));
  const pct = (n: number, of: number) => `${((n / of) * 100).toFixed(1)}%`;
  const exactFloor = facts.repTotals.find((t) => t.status === 'exactly on floor')!;
  const exactChallenge = facts.repTotals.find((t) => t.status === 'exactly on challenge')!;
  const yearEnd = tagged('close-2026-12-31')[0];
  const yearEndRep = facts.repTotals.find((t) => t.rep.id === yearEnd.repId)!;
  const sameDayPairs = facts.strategicFirsts.filter((s, _, all) => all.filter((o) => o.date === s.date).length > 1);
  const twoOnFirstDay = facts.strategicFirsts.find((s) => s.deals.length > 1)!;
  const lost2026 = facts.mustWinLost.filter((m) => m.year === PLAN_YEAR);
  const lostOther = facts.mustWinLost.filter((m) => m.year !== PLAN_YEAR);
  const quoted = [
    ...data.reps.filter((r) => /[",]/.test(r.name)).map((r) => `${r.id} \`${r.name}\``),
    ...data.accounts.filter((a) => /[",]/.test(a.name)).map((a) => `${a.id} \`${a.name}\``),
  ];

  const lines: string[] = [
    '# Key-account example dataset',
    '',
    `Synthetic CRM history for a key-account (enterprise and government) sales team, made by the`,
    `project's seeded generator (\`examples/generate.ts\`). Currency CNY; plan year ${PLAN_YEAR} (calendar year);`,
    `history from ${HISTORY_START} to ${HISTORY_END}. The organisations are named for realism only; every`,
    'person, deal and number is invented. The reference playbook `playbooks/key-account.playbook` runs over it.',
    '',
    '**Do not edit these files by hand**: they are regenerated, and a test checks they match the generator byte for byte.',
    '',
    '## Files',
    '',
    '| file | rows | one row is | columns |',
    '|---|---|---|---|',
    `| \`reps.csv\` | ${data.reps.length} | an account manager | \`rep_id\`, \`name\`, \`manager\` (regional manager's name), \`region\` (province), \`start_date\`, \`floor_target\` (annual floor target, whole CNY), \`challenge_target\` (1.5 x floor, rounded half-up to 100,000) |`,
    `| \`accounts.csv\` | ${data.accounts.length} | a customer | \`account_id\`, \`name\`, \`sector\` (energy, telecom, government, finance, manufacturing, healthcare), \`province\`, \`strategic\` (yes/no), \`must_win\` (yes/no) |`,
    `| \`products.csv\` | ${data.products.length} | a product | \`product\` (the key deals use), \`family\` (platform, services, hardware), \`list_price\` (CNY) |`,
    `| \`deals.csv\` | ${data.deals.length} | an opportunity | \`deal_id\`, \`rep_id\`, \`account_id\`, \`product\`, \`stage\` (Won, Lost, Open), \`created_date\`, \`close_date\` (empty for Open deals), \`amount\` (CNY), \`cost\` (CNY; margin = (amount - cost) / amount) |`,
    '',
    'Format: UTF-8 without BOM, LF line endings, one header row, comma-separated, RFC 4180 quoting only where a',
    'field holds a comma or a double quote. Dates are `YYYY-MM-DD`; money is a plain decimal with two digits',
    `(\`1250000.00\`), no thousands separators. Deal ids follow created date. Deals: ${facts.stageCounts.Won} Won,`,
    `${facts.stageCounts.Lost} Lost, ${facts.stageCounts.Open} Open. Names that need quoting: ${quoted.join(', ')}.`,
    '',
    '## Regenerating',
    '',
    '```',
    'npm run examples        # = tsx examples/generate.ts, rewrites examples/key-account/',
    '```',
    '',
    `Seed: \`${SEED}\` (\`SEED\` in \`examples/generator/prng.ts\`), mulberry32. Each file draws from its own stream`,
    '(`reps`, `deals`, ...; accounts and products are fixed lists), derived from the seed and the stream name,',
    'so a new table (say `activities.csv` with stream `activities`) leaves these files unchanged. What is planted',
    'is written as data in `examples/generator/plan.ts`; the generator refuses to write files that do not hold',
    'the plan, and `test/examples/generator.test.ts` recomputes the facts below from the CSV text.',
    '',
    `## Planted facts (plan year ${PLAN_YEAR} unless said otherwise)`,
    '',
    '"Won total" below is the sum of `amount` over Won deals whose `close_date` is in 2026.',
    '',
    '### Margins',
    '',
    `- ${facts.belowRedLine.length} of ${facts.wonCount} won deals (${pct(facts.belowRedLine.length, facts.wonCount)}) are below the 20% margin red line;`,
    `  ${facts.inShareBand.length} won deals have a margin from 25% to 30% inclusive (the margin-share band).`,
    '- No margin in the data is a whole percentage except these won deals (exact, checked with integer arithmetic):',
    '',
    '| margin | deal | rep | amount | cost |',
    '|---|---|---|---|---|',
    ...facts.exactMargins.map((m) => `| ${m.margin} | ${m.deal.id} | ${m.deal.repId} | ${formatFen(m.deal.amount)} | ${formatFen(m.deal.cost)} |`),
    '',
    '  (19.99% is the near miss: just under the red line.)',
    '',
    '### Targets',
    '',
    `- **Exactly on the floor**: ${exactFloor.rep.id} (${exactFloor.rep.name}) won total ${formatFen(exactFloor.won)} = floor_target ${exactFloor.rep.floorTarget};`,
    `  challenge_target ${exactFloor.rep.challengeTarget} shows the rounding (1.5 x ${exactFloor.rep.floorTarget} = ${exactFloor.rep.floorTarget * 1.5}). All its deals are at or above 20% margin.`,
    `- **Exactly on the challenge, the domain's worked example**: ${exactChallenge.rep.id} (${exactChallenge.rep.name}) floor ${exactChallenge.rep.floorTarget},`,
    `  challenge ${exactChallenge.rep.challengeTarget}, won total ${formatFen(exactChallenge.won)}; all its deals are at or above 20% margin.`,
    `  At 2% with the increment above the floor paid double, commission is 400000.00 (triple: 500000.00).`,
    `- **Decided on the last day**: ${yearEndRep.rep.id} (${yearEndRep.rep.name}) won total ${formatFen(yearEndRep.won)} against floor ${yearEndRep.rep.floorTarget}, only thanks to`,
    `  ${yearEnd.id} closed 2026-12-31 (amount ${formatFen(yearEnd.amount)}); without it the rep is below the floor.`,
    '',
    '| rep | name | floor | challenge | won deals | won total | won total, margin >= 20% | status |',
    '|---|---|---|---|---|---|---|---|',
    ...facts.repTotals.map(
      (t) => `| ${t.rep.id} | ${t.rep.name} | ${t.rep.floorTarget} | ${t.rep.challengeTarget} | ${t.wonDeals} | ${formatFen(t.won)} | ${formatFen(t.wonAtOrAboveRedLine)} | ${t.status} |`,
    ),
    '',
    '### Reps without 2026 deals',
    '',
    ...facts.noDealReps.map((n) => `- ${n.rep.id} (${n.rep.name}, started ${n.rep.startDate}): ${n.note}.`),
    `- Joined during 2026: ${data.reps.filter((r) => r.startDate.startsWith(PLAN_YEAR)).map((r) => `${r.id} (${r.startDate})`).join(', ')}; their deals start after they joined.`,
    '',
    '### Must-win accounts',
    '',
    `Must-win accounts: ${data.accounts.filter((a) => a.mustWin).map((a) => `${a.id} ${a.name}`).join('; ')}.`,
    `Lost must-win deals in ${PLAN_YEAR}, for exactly ${new Set(lost2026.map((m) => m.deal.repId)).size} reps:`,
    '',
    ...lost2026.map((m) => `- ${dealLine(m.deal)}`),
    '',
    `Outside the plan year (must not zero a ${PLAN_YEAR} bonus): ${lostOther.map((m) => dealLine(m.deal)).join('; ')}.`,
    'No other deal on a must-win account is Lost.',
    '',
    '### Strategic accounts: first won deal',
    '',
    'Ordered by first-won date, ties by deal_id. Earlier Lost and Open deals on these accounts do not count.',
    '',
    '| account | name | won deals | first won | first won deal(s) |',
    '|---|---|---|---|---|',
    ...facts.strategicFirsts.map(
      (s) => `| ${s.account.id} | ${s.account.name} | ${s.wonCount} | ${formatDay(s.date)} | ${s.deals.map((d) => `${d.id} (${d.repId}, ${formatFen(d.amount)})`).join(', ')} |`,
    ),
    '',
    `- Same first-won date on two accounts: ${sameDayPairs.map((s) => `${s.account.id} (${s.deals[0].id})`).join(' and ')}, both ${formatDay(sameDayPairs[0].date)}.`,
    `- Two won deals on one account's first-won date: ${twoOnFirstDay.account.id} on ${formatDay(twoOnFirstDay.date)}, ${twoOnFirstDay.deals.map((d) => `${d.id} (${d.repId})`).join(' and ')};`,
    `  by deal_id the first is ${twoOnFirstDay.deals[0].id}.`,
    `- First won before the plan year (no 0-to-1 in ${PLAN_YEAR}): ${facts.strategicFirsts.filter((s) => !formatDay(s.date).startsWith(PLAN_YEAR)).map((s) => s.account.id).join(', ')}.`,
    `- The largest deal: ${dealLine([...data.deals].sort((a, b) => b.amount - a.amount)[0])}, a strategic first win.`,
    '',
    '### Monthly ranking',
    '',
    'Equal monthly won totals (all of them, as generated):',
    '',
    ...facts.monthlyTies.map((t) => `- ${t.month}: ${t.reps.join(' and ')} each ${formatFen(t.total)} (${t.reps.map((r) => data.deals.filter((d) => d.repId === r && d.stage === 'Won' && d.close !== null && formatDay(d.close).startsWith(t.month)).map((d) => d.id).join(' + ')).join(' vs ')}).`),
    '',
    'Seasonality: February is slow, June and December are busy; reps have months with no wins.',
    '',
    '### Dates',
    '',
    'Ordinary close dates are weekdays and never the 31st; the deals closed on a 31st are planted:',
    '',
    ...facts.closedOn31st.map((d) => `- ${dealLine(d)}`),
    '',
  ];
  return lines.join('\n');
}
