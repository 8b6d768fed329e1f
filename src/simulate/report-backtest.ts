/**
 * Backtest report for the terminal: findings in words first, then the
 * suggested probabilities, the tier table, calibration and the detail tables.
 * Ratios are printed with fixed digits so two runs give identical text.
 */
import type { Backtest } from './backtest.js';
import { SHRINK_DEALS } from './backtest/suggest.js';
import type { SegmentReport } from './backtest/segments.js';
import { MIN_SEGMENT_DEALS, MIN_SEGMENT_OUTCOMES } from './backtest/segments.js';
import { calibrationLines, featureTables, groupTable, tierTable } from './report-backtest-parts.js';

function sampleLine(b: Backtest): string {
  if (!b.split) return 'In-sample: the tiers are tested on the same deals they may have been tuned on. For an honest test, use --train-until DATE.';
  const s = b.split;
  return `Out-of-sample: tier probabilities estimated from the ${s.trainDeals} deals (${s.trainWins} won) decided up to ${s.trainUntil}, tested on the ${b.deals} deals decided after it.`;
}

function segmentSections(r: SegmentReport): string[] {
  const out = ['', `By ${r.field}: the same tables per segment (a segment with fewer than ${MIN_SEGMENT_DEALS} deals, or fewer than ${MIN_SEGMENT_OUTCOMES} won or lost, is merged with the other small ones)`];
  for (const s of r.segments) {
    const flag = s.merged ? ` — MERGED: ${s.values.join(', ')}` : '';
    out.push('', `${r.field} = ${s.name}: ${s.measured.deals} deals (${s.measured.wins} won)${flag}${s.small ? ' — TOO SMALL to judge' : ''}`);
    out.push(tierTable(s.measured.tiers, 'Stated'));
    out.push(...calibrationLines(s.measured, false));
  }
  return out;
}

/** Suggestions whose order contradicts the stated probabilities': too few deals to tell the tiers apart. */
function orderNotes(b: Backtest): string[] {
  const stated = new Map(b.tiers.map((t) => [t.tier, t.stated]));
  const notes: string[] = [];
  for (const hi of b.suggestions) {
    for (const lo of b.suggestions) {
      if (hi.probability === null || lo.probability === null || !(stated.get(hi.tier)! > stated.get(lo.tier)!) || !(lo.probability > hi.probability)) continue;
      notes.push(`Tier ${lo.tier}'s suggestion (${Math.round(lo.probability * 100)}%) is above tier ${hi.tier}'s (${Math.round(hi.probability * 100)}%), though it states less: the deals cannot tell these tiers apart yet; keep their order and collect more deals.`);
    }
  }
  return notes;
}

/** Deals shown by id in the line on deals left out; the rest are counted. */
const LEFT_OUT_SHOWN = 5;

/**
 * The closed deals the backtest left out, with how many were won and lost (leaving out the losses
 * raises every win rate) and the first few by id with why: `1 closed deal left out (0 won, 1 lost),
 * so the win rates are over the others: D2 (lost, no close date)`.
 */
export function leftOutLine(b: Backtest): string {
  const won = b.leftOut.filter((d) => d.won).length;
  const shown = b.leftOut.slice(0, LEFT_OUT_SHOWN).map((d) => `${d.id} (${d.won ? 'won' : 'lost'}, ${d.reason})`);
  const more = b.leftOut.length > LEFT_OUT_SHOWN ? `, and ${b.leftOut.length - LEFT_OUT_SHOWN} more` : '';
  return `${b.unscored} closed deal${b.unscored === 1 ? '' : 's'} left out (${won} won, ${b.unscored - won} lost), so the win rates are over the others: ${shown.join(', ')}${more}`;
}

/** The readable backtest report. */
export function formatBacktestTable(b: Backtest): string {
  const out: string[] = [];
  out.push(`${b.playbook} — backtest of relationship tiers on ${b.deals} closed deals (${b.wins} won)`);
  if (b.unscored > 0) out.push(leftOutLine(b));
  out.push(sampleLine(b));
  out.push('', 'Findings');
  for (const f of b.findings) out.push(`  ${f.warning ? '!' : '·'} ${f.message}`);
  out.push('', `Suggested win probability per tier, from all ${b.deals + (b.split?.trainDeals ?? 0)} scored deals — ready to paste into the playbook.`);
  out.push(`(The observed win rate, shrunk toward m, the average win rate of the tier and its neighbouring tiers: (won + ${SHRINK_DEALS}·m) / (deals + ${SHRINK_DEALS}), to a whole percent.)`);
  for (const s of b.suggestions) out.push(s.probability === null ? `  tier ${s.tier} … (no deals: keep what you have)` : `  tier ${s.tier} … win probability ${Math.round(s.probability * 100)}%`);
  for (const note of orderNotes(b)) out.push(`  ! ${note}`);
  if (b.split) {
    out.push('', `Training: deals decided up to ${b.split.trainUntil}, and the probability each tier would have claimed from them`);
    out.push(tierTable(b.split.training, 'Claimed'));
    out.push('', `Test: deals decided after ${b.split.trainUntil}, against the claimed probability`);
  } else {
    out.push('', 'Tiers: stated win probability against the actual win rate, with its 95% Wilson interval');
  }
  out.push(tierTable(b.tiers, b.split ? 'Claimed' : 'Stated'));
  out.push('', ...calibrationLines(b));
  out.push(`Log loss    ${b.logLoss === null ? '—' : b.logLoss.toFixed(4)} (lower is better; always saying 50% scores 0.6931)`);
  out.push(`AUC of the raw score ${b.auc === null ? '— (all deals had the same outcome)' : b.auc.toFixed(4)} (0.5 is a coin toss, 1 separates won from lost perfectly)`);
  if (b.groups.length > 0) {
    out.push('', `Reliability by score group: deals sorted by score and cut into ${b.bins} groups of about equal size, except that deals with the same score always share a group (a cut inside a tie moves to the nearer end of it), so there can be fewer groups of unequal size`);
    out.push(groupTable(b.groups));
  }
  out.push(...featureTables(b));
  if (b.segments) out.push(...segmentSections(b.segments));
  return `${out.join('\n')}\n`;
}

export { formatBacktestJson } from './report-backtest-json.js';
