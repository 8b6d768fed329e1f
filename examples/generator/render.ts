/** Dataset rows -> CSV file text, with the exact columns the README documents. */
import { toCsv } from './csv.js';
import { formatDay } from './dates.js';
import type { Dataset } from './model.js';
import { formatFen } from './money.js';
import type { RelationshipFacts } from './relationship-facts.js';

const yesNo = (b: boolean): string => (b ? 'yes' : 'no');

function channelOf(data: Dataset, dealId: string): string {
  const c = data.channels.get(dealId);
  if (!c) throw new Error(`deal ${dealId} has no channel`);
  return c;
}

export function renderCsvFiles(data: Dataset): Record<string, string> {
  return {
    'reps.csv': toCsv(
      ['rep_id', 'name', 'manager', 'region', 'start_date', 'floor_target', 'challenge_target'],
      data.reps.map((r) => [r.id, r.name, r.manager, r.region, r.startDate, String(r.floorTarget), String(r.challengeTarget)]),
    ),
    'accounts.csv': toCsv(
      ['account_id', 'name', 'sector', 'province', 'strategic', 'must_win'],
      data.accounts.map((a) => [a.id, a.name, a.sector, a.province, yesNo(a.strategic), yesNo(a.mustWin)]),
    ),
    'products.csv': toCsv(
      ['product', 'family', 'list_price'],
      data.products.map((p) => [p.product, p.family, formatFen(p.listPrice)]),
    ),
    'deals.csv': toCsv(
      ['deal_id', 'rep_id', 'account_id', 'product', 'stage', 'created_date', 'close_date', 'amount', 'cost', 'channel'],
      data.deals.map((d) => [
        d.id, d.repId, d.accountId, d.product, d.stage, formatDay(d.created),
        d.close === null ? '' : formatDay(d.close), formatFen(d.amount), formatFen(d.cost), channelOf(data, d.id),
      ]),
    ),
    'activities.csv': toCsv(
      ['activity_id', 'date', 'rep_id', 'account_id', 'contact', 'contact_role', 'action', 'value'],
      data.activities.map((a) => [a.id, formatDay(a.date), a.repId, a.accountId, a.contact, a.role, a.action, a.value === null ? '' : formatFen(a.value)]),
    ),
  };
}

/** Every deal's tier as of its date (close date; 2026-12-31 for Open deals), score to 4 decimals. */
export function renderPlantedTiers(facts: RelationshipFacts): string {
  return toCsv(
    ['deal_id', 'as_of', 'score', 'tier'],
    facts.perDeal.map((x) => [x.deal.id, formatDay(x.asOf), x.evaluation.score.toFixed(4), x.evaluation.tier]),
  );
}
