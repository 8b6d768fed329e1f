/**
 * Pipeline forecast: each open deal's amount × its tier's stated win
 * probability, summed per rep and month. Money stays exact; the weighted sum
 * is not rounded here (reports round it to the currency's minor unit).
 */
import { Decimal } from './decimal.js';
import type { DealResult, ForecastLine } from './result.js';

/** Forecast lines sorted by rep, then month. Deals without a rep or amount are left out. */
export function pipelineForecast(deals: DealResult[]): ForecastLine[] {
  const lines = new Map<string, ForecastLine>();
  for (const d of deals) {
    if (d.stage !== 'open' || d.rep === null || d.amount === null || !d.relationship) continue;
    const month = (d.date ?? d.relationship.asOf)?.slice(0, 7);
    if (!month) continue;
    const key = `${d.rep}\u0000${month}`;
    const line = lines.get(key) ?? { rep: d.rep, period: month, deals: 0, amount: new Decimal(0), weighted: new Decimal(0), unscored: 0 };
    line.deals++;
    line.amount = line.amount.plus(d.amount);
    if (d.relationship.probability === null) line.unscored++;
    else line.weighted = line.weighted.plus(d.amount.mul(d.relationship.probability));
    lines.set(key, line);
  }
  return [...lines.values()].sort((a, b) => (a.rep < b.rep ? -1 : a.rep > b.rep ? 1 : a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
}
