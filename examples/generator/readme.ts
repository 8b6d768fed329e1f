/** README.md for the dataset: what the files are, and what was planted where (ids computed from the rows). */
import { CHAMPION_BY_CHANNEL, PARTNER_SHARE, channelTruth } from './channel.js';
import { formatDay } from './dates.js';
import type { Facts } from './facts.js';
import type { Dataset, Deal } from './model.js';
import { formatFen } from './money.js';
import { HISTORY_END, HISTORY_START, PLAN_YEAR } from './plan.js';
import { SEED } from './prng.js';
import { ACTIVITY_END, ACTIVITY_START, THRESHOLD_MARGIN } from './activities.js';
import type { RelationshipFacts } from './relationship-facts.js';
import { ACTIONS, CONTACT_ROLES, HALF_LIFE_DAYS, LEADERSHIP_DAYS, LOOK_BACK_DAYS, OPEN_AS_OF, ROLE_WEIGHT, TIER_ORDER, WILSON_Z } from './relationship.js';

export function renderReadme(data: Dataset, facts: Facts, rel: RelationshipFacts): string {
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
    `deal history from ${HISTORY_START} to ${HISTORY_END}, relationship activities from ${ACTIVITY_START}. The organisations are named`,
    'for realism only; every person, deal and number is invented. The reference playbook `playbooks/key-account.playbook` runs over it.',
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
    `| \`deals.csv\` | ${data.deals.length} | an opportunity | \`deal_id\`, \`rep_id\`, \`account_id\`, \`product\`, \`stage\` (Won, Lost, Open), \`created_date\`, \`close_date\` (empty for Open deals), \`amount\` (CNY), \`cost\` (CNY; margin = (amount - cost) / amount), \`channel\` (direct, partner) |`,
    `| \`activities.csv\` | ${data.activities.length} | a logged relationship action | \`activity_id\` (AC00001...), \`date\`, \`rep_id\`, \`account_id\`, \`contact\` (the client-side person), \`contact_role\` (${CONTACT_ROLES.join(', ')}), \`action\` (${ACTIONS.map((a) => a.id).join(', ')}), \`value\` (CNY, for gift and family_trip only; empty otherwise) |`,
    `| \`planted-tiers.csv\` | ${rel.perDeal.length} | a deal's relationship tier | \`deal_id\`, \`as_of\` (close_date; ${OPEN_AS_OF} for Open deals), \`score\` (4 decimals), \`tier\` (${TIER_ORDER.join(', ')}) |`,
    `| \`planted-channels.csv\` | ${TIER_ORDER.length * 2} | a tier in a sales channel | \`tier\`, \`channel\`, \`planted_win_probability\`, \`closed_deals\`, \`won\`, \`realised_win_rate\` (4 decimals) |`,
    '',
    'Format: UTF-8 without BOM, LF line endings, one header row, comma-separated, RFC 4180 quoting only where a',
    'field holds a comma or a double quote. Dates are `YYYY-MM-DD`; money is a plain decimal with two digits',
    `(\`1250000.00\`), no thousands separators. Deal ids follow created date; activities are sorted by date, then id. Deals: ${facts.stageCounts.Won} Won,`,
    `${facts.stageCounts.Lost} Lost, ${facts.stageCounts.Open} Open. Names that need quoting: ${quoted.join(', ')}.`,
    '',
    '## Regenerating',
    '',
    '```',
    'npm run examples        # = tsx examples/generate.ts, rewrites examples/key-account/',
    '```',
    '',
    `Seed: \`${SEED}\` (\`SEED\` in \`examples/generator/prng.ts\`), mulberry32. Each file draws from its own stream`,
    '(`reps`, `deals`, `activities`; accounts and products are fixed lists), derived from the seed and the stream name,',
    'so adding a table (as `activities.csv` was) leaves the other files unchanged. What the deals plant is written as',
    'data in `examples/generator/plan.ts`; the relationship tiers are planted by `examples/generator/tierplan.ts` and',
    '`activities.ts`. The generator refuses to write files that do not hold the plan, and `test/examples/generator.test.ts`',
    'and `test/examples/activities.test.ts` recompute the facts below from the CSV text.',
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
    ...relationshipSection(data, rel, dealLine),
  ];
  return lines.join('\n');
}

const fixed4 = (x: number) => x.toFixed(4);

function relationshipSection(data: Dataset, rel: RelationshipFacts, dealLine: (d: Deal) => string): string[] {
  const { dayAfter, boundary, capped, visitsOnly, execCap } = rel;
  const actLine = (a: { id: string; date: number; repId: string; action: string; contact: string; role: string }) =>
    `${a.id} (${formatDay(a.date)}, ${a.repId}, ${a.action}, ${a.contact}, ${a.role})`;
  const phases = new Map<string, number>();
  for (const [id, phase] of data.relationship.phases) {
    const key = `${phase} ${data.relationship.targets.get(id)}`;
    phases.set(key, (phases.get(key) ?? 0) + 1);
  }
  const phaseCount = (phase: string, tier: string) => phases.get(`${phase} ${tier}`) ?? 0;
  const closedScores = rel.perDeal.filter((x) => x.deal.stage !== 'Open').map((x) => x.evaluation.score);
  const open = rel.perDeal.filter((x) => x.deal.stage === 'Open');
  const openTiers = TIER_ORDER.map((t) => `${open.filter((x) => x.evaluation.tier === t).length} ${t}`).join(', ');
  const lapsed = rel.lapsed.slice(0, 3);
  return [
    '## Relationship activities and tiers',
    '',
    '`activities.csv` logs the relationship work of domain.md section 1 on every account, by reps who have deals',
    'with that account (mostly the rep of the deal being worked, never before the rep started). It is built so that',
    'the rules below, which `playbooks/key-account.playbook` declares, give every closed deal a tier planted in',
    'advance, and so that each tier\'s realised win rate is close to the win probability it states (domain.md section 2).',
    '',
    '### The rules',
    '',
    '| action | points | repetition |',
    '|---|---|---|',
    ...ACTIONS.map((a) => `| \`${a.id}\` | ${a.points} | ${a.repeat === 'every' ? 'every time' : a.repeat === 'once' ? 'once (only the earliest in the window counts)' : 'at most 2 per calendar month (the first two by date, then activity_id)'} |`),
    '',
    `- Weight by contact role: ${CONTACT_ROLES.map((r) => `\`${r}\` x ${ROLE_WEIGHT[r]}`).join(', ')}.`,
    `- As-of date: a Won or Lost deal's \`close_date\`; ${OPEN_AS_OF} for Open deals. Only activities of the deal's account dated`,
    '  on or before the as-of date count; age = whole days from the activity date to the as-of date.',
    `- Score: the activities with 0 <= age < ${LOOK_BACK_DAYS} (look back ${LOOK_BACK_DAYS} days), after the repetition rules, each contributing`,
    `  points x weight x 0.5^(age / ${HALF_LIFE_DAYS}) (half life ${HALF_LIFE_DAYS} days); score = min(100, sum).`,
    '- Indicators, over all the account\'s activities up to the as-of date (no look-back limit): `requirements_signed`',
    `  (at least one requirements_signed), \`met_leadership\` (an exec_meeting with age <= ${LEADERSHIP_DAYS}), \`tech_exchange_held\``,
    '  (at least one tech_exchange).',
    '- Tiers, first match wins: `champion` when all three indicators hold (stated win probability 80%); `supporter` when',
    '  score >= 30 (45%); `neutral` when score >= 10 (25%); `opposed` otherwise (10%).',
    '',
    '### What the file holds',
    '',
    `- ${data.activities.length} activities from ${formatDay(rel.firstDate)} to ${formatDay(rel.lastDate)}: ${ACTIONS.map((a) => `${rel.byAction[a.id]} ${a.id}`).join(', ')}.`,
    `- Contacts by role: ${CONTACT_ROLES.map((r) => `${rel.byRole[r]} ${r}`).join(', ')}; Chinese names, and English or pinyin names too at the multinationals.`,
    `- ${rel.accountsWithRegularVisits} of ${data.accounts.length} accounts get office visits in at least half of the months; office visits alone never reach 10 points`,
    '  on any deal (a rep who only makes office visits scores under 10).',
    `- Gifts: ${rel.gifts.count} on ${rel.gifts.accounts} accounts, ${formatFen(rel.gifts.min)} to ${formatFen(rel.gifts.max)} CNY, mostly before the Mid-Autumn and Spring festivals.`,
    `  Exactly 2000.00: ${rel.gifts.exactly2000.map((g) => `${g.id} (${g.accountId})`).join(', ') || 'none'}. Above 2000.00 (${rel.gifts.over2000.length}): ${rel.gifts.over2000.map((g) => `${g.id} (${g.accountId}, ${formatFen(g.value!)})`).join(', ')}.`,
    `- Family trips: ${rel.trips.count} on ${rel.trips.accounts.length} accounts (${rel.trips.accounts.join(', ')}), ${formatFen(rel.trips.min)} to ${formatFen(rel.trips.max)} CNY:`,
    '  the heavily rewarded action an anti-bribery red line would forbid.',
    '',
    '### Planted truth: tiers against outcomes',
    '',
    `Every closed deal's tier, computed by the rules as of its close date, is the planted one (\`planted-tiers.csv\` lists`,
    `all ${rel.perDeal.length} deals: the ${closedScores.length} closed deals with their planted tier, and the ${open.length} Open deals as of ${OPEN_AS_OF},`,
    `which are computed, not planted: ${openTiers}). Wilson 95% score interval, z = ${WILSON_Z}:`,
    '',
    '| tier | stated win probability | closed deals | won | lost | realised win rate | 95% Wilson interval | stated inside |',
    '|---|---|---|---|---|---|---|---|',
    ...rel.truth.map((t) => `| ${t.tier} | ${t.probability.toFixed(2)} | ${t.closed} | ${t.wins} | ${t.closed - t.wins} | ${fixed4(t.rate)} | [${fixed4(t.interval[0])}, ${fixed4(t.interval[1])}] | ${t.probability >= t.interval[0] && t.probability <= t.interval[1] ? 'yes' : 'no'} |`),
    '',
    'How the tiers arise on an account, in close-date order: while the relationship is being built (no requirements',
    'signed yet) deals are opposed, neutral or supporter by score; once requirements are signed and a technical',
    'exchange held, a deal is champion whenever an exec meeting took place in its last 180 days, and drops back to a',
    'score tier when none did (leadership contact lapsed):',
    '',
    '| phase | champion | supporter | neutral | opposed |',
    '|---|---|---|---|---|',
    ...(['building', 'champion', 'lapsed'] as const).map((p) => `| ${p} | ${TIER_ORDER.map((t) => phaseCount(p, t)).join(' | ')} |`),
    '',
    `The score of every closed non-champion deal keeps at least ${THRESHOLD_MARGIN} away from 10 and 30, so arithmetic details`,
    '(floating point or decimal, how 0.5^(age/180) is computed) cannot change a tier. Scores are printed with 4 decimals.',
    '',
    '### Planted truth: the champion tier overstates for partner deals',
    '',
    `Every deal has a sales channel. ${PARTNER_SHARE * 100}% of the deals in every tier go through a partner; the champion tier wins`,
    `${CHAMPION_BY_CHANNEL.direct * 100}% of its direct deals but only ${CHAMPION_BY_CHANNEL.partner * 100}% of its partner deals (so its stated 80% holds overall and overstates`,
    'for partner deals); the other tiers win at their stated rate in both channels. The channel was drawn after the',
    'deals and tiers, from its own seeded stream, given each closed deal\'s tier and outcome (Bayes\' rule), so no other',
    'column changed. `planted-channels.csv`:',
    '',
    '| tier | channel | planted win probability | closed deals | won | realised win rate |',
    '|---|---|---|---|---|---|',
    ...channelTruth(rel.perDeal, data.channels).map((t) => `| ${t.tier} | ${t.channel} | ${t.planted.toFixed(2)} | ${t.closed} | ${t.won} | ${t.closed === 0 ? '' : fixed4(t.won / t.closed)} |`),
    '',
    '### Hand-checkable facts',
    '',
    `- **As-of matters**: ${dealLine(dayAfter.deal)} is ${dayAfter.at.tier} (score ${fixed4(dayAfter.at.score)}):`,
    `  a technical exchange was held and an exec meeting took place within 180 days, but requirements were not signed yet.`,
    `  ${actLine(dayAfter.activity)} is dated the day after the close; counting it would make the deal ${dayAfter.nextDay.tier}.`,
    `- **met_leadership boundary**: ${dealLine(boundary.deal)} is ${boundary.at.tier}; its only exec meeting within 180 days is`,
    `  ${actLine(boundary.activity)}, exactly ${LEADERSHIP_DAYS} days before the close (age <= 180 holds). With age < 180 it would be ${boundary.withoutBoundary} (score ${fixed4(boundary.at.score)}).`,
    `- **Capped score**: ${dealLine(capped.deal)} is ${capped.at.tier}; its uncapped sum is ${fixed4(capped.at.raw)}, so its score is ${fixed4(capped.at.score)}.`,
    `- **Office visits only**: ${visitsOnly.repId} makes only office visits on ${visitsOnly.accountId} (${visitsOnly.visits} activities, all \`office_visit\`).`,
    `  As of ${formatDay(visitsOnly.deal.close!)}, the close of ${dealLine(visitsOnly.deal)}, the 365-day window holds nothing but`,
    `  ${visitsOnly.at.counted.length} of these visits: score ${fixed4(visitsOnly.at.score)}, ${visitsOnly.at.tier}.`,
    `- **Exec meetings, two a month**: ${execCap.accountId} has three exec meetings in ${execCap.month}: ${execCap.meetings.map((m) => m.id).join(', ')}; the third does not score.`,
    `  ${dealLine(execCap.deal)} scores ${fixed4(execCap.at.score)} (${fixed4(execCap.ifAllCounted)} if all three counted).`,
    `- **Leadership contact lapsed** (${rel.lapsed.length} such closed deals; the first three by id): ${lapsed.map((x) => `${x.deal.id} (${x.deal.accountId}, closed ${formatDay(x.deal.close!)}, ${x.at.tier}, score ${fixed4(x.at.score)}; champion before it: ${x.previous.id}; last exec meeting ${x.lastExec.id} on ${formatDay(x.lastExec.date)}, ${x.deal.close! - x.lastExec.date} days earlier)`).join('; ')}.`,
    `- **Repetition rules apply inside the window**: ${dealLine(rel.repetitionWindow.deal)} scores ${fixed4(rel.repetitionWindow.at.score)};`,
    `  applying \`once\` and the two-a-month limit over the whole history before the look-back would give ${fixed4(rel.repetitionWindow.overHistory.score)}`,
    '  (an older requirements_signed, strategic_agreement or exec meeting would use up the allowance). No closed deal\'s tier depends on this.',
    '',
    `Activities run to ${ACTIVITY_END}; those after a deal's close date (there are many) must not count for it.`,
    '',
  ];
}
