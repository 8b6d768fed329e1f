/**
 * Findings in words for the top of a backtest report: the judgements a reader
 * would otherwise have to make from the tables.
 */
import { type ScoreGroupRow, wilsonInterval } from '../stats/index.js';
import type { FeatureRow, Measured, TierRow } from './measure.js';

/** Fewer won (or lost) deals than this in a tier and its interval is too wide to judge it. */
export const MIN_TIER_OUTCOMES = 10;
/** Commercial scoring tools ask for about this many won and this many lost deals before trusting a model. */
export const MIN_TOTAL_OUTCOMES = 200;

export type FindingKind =
  | 'overstated'
  | 'understated'
  | 'tiers-consistent'
  | 'not-monotone'
  | 'monotone'
  | 'never-fires'
  | 'always-fires'
  | 'no-lift'
  | 'few-tier-outcomes'
  | 'small-backtest'
  | 'small-segment'
  | 'skill';

export interface Finding {
  kind: FindingKind;
  /** True for a problem the reader should act on, false for reassurance or context. */
  warning: boolean;
  message: string;
  /** For a finding about one segment (`--by`): the segment's name. */
  segment?: string;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const tierName = (t: { tier: string; label: string | null }) => (t.label ? `${t.tier} (${t.label})` : t.tier);

/** A finding for a tier whose stated probability lies outside its interval, or null. */
export function tierVerdictFinding(t: TierRow, states: string, where = ''): Finding | null {
  if (t.verdict !== 'overstated' && t.verdict !== 'understated') return null;
  const word = t.verdict === 'overstated' ? 'promises more than it delivered' : 'delivered more than it promises';
  return { kind: t.verdict, warning: true, message: `${where}${where ? ', t' : 'T'}ier ${tierName(t)} ${word}: it ${states} ${pct(t.stated)}, but ${t.wins} of ${t.deals} deals were won (${pct(t.actual!)}, 95% interval ${pct(t.low)} – ${pct(t.high)}).` };
}

function tierFindings(tiers: readonly TierRow[], states: string): Finding[] {
  const out: Finding[] = [];
  for (const t of tiers) {
    const f = tierVerdictFinding(t, states);
    if (f) out.push(f);
  }
  if (out.length === 0 && tiers.some((t) => t.deals > 0)) {
    out.push({ kind: 'tiers-consistent', warning: false, message: 'Every tier with deals states a probability inside its 95% interval.' });
  }
  for (const t of tiers) {
    const lost = t.deals - t.wins;
    if (t.deals > 0 && (t.wins < MIN_TIER_OUTCOMES || lost < MIN_TIER_OUTCOMES)) {
      out.push({ kind: 'few-tier-outcomes', warning: true, message: `Tier ${tierName(t)} has only ${t.wins} won and ${lost} lost deals (fewer than ${MIN_TIER_OUTCOMES} of either): its interval, ${pct(t.low)} – ${pct(t.high)}, is too wide to say much.` });
    }
  }
  return out;
}

function monotoneFinding(groups: readonly ScoreGroupRow[]): Finding[] {
  if (groups.length < 2) return [];
  const drops: string[] = [];
  let clear = 0;
  for (let i = 1; i < groups.length; i++) {
    const [a, b] = [groups[i - 1], groups[i]];
    if (b.winRate >= a.winRate) continue;
    // A drop is beyond chance when the two groups' 95% intervals do not overlap.
    const beyond = wilsonInterval(b.wins, b.n).high < wilsonInterval(a.wins, a.n).low;
    if (beyond) clear++;
    drops.push(`group ${a.group} → ${b.group}: ${pct(a.winRate)} → ${pct(b.winRate)}${beyond ? ' (beyond chance)' : ''}`);
  }
  if (drops.length === 0) return [{ kind: 'monotone', warning: false, message: `The win rate never falls as the score rises, across ${groups.length} score groups.` }];
  const verdict = clear === 0
    ? 'No drop is larger than chance would explain (the two groups\' 95% intervals overlap), but the score does not order these deals reliably there.'
    : `${clear} of these drops ${clear === 1 ? 'is' : 'are'} larger than chance would explain: a higher score there means a lower win rate.`;
  return [{ kind: 'not-monotone', warning: true, message: `The win rate is not monotone in the score: it falls in ${drops.length} of ${groups.length - 1} steps between score groups (see the reliability table) — ${drops.join('; ')}. ${verdict}` }];
}

/** "1 deal", "5 deals". */
const dealCount = (n: number) => `${n} deal${n === 1 ? '' : 's'}`;

/**
 * What the backtest says about each action or indicator of the scoring section: one that never or
 * always fired cannot be judged; one whose deals won no more often than the others does not raise
 * the win rate (its points are not earned by winning). Exported for its tests.
 */
export function featureFindings(rows: readonly FeatureRow[], what: 'action' | 'indicator'): Finding[] {
  const out: Finding[] = [];
  for (const r of rows) {
    const name = r.label ? `${r.name} (${r.label})` : r.name;
    const Name = `${what === 'action' ? 'Action' : 'Indicator'} ${name}`;
    if (r.with.n === 0) out.push({ kind: 'never-fires', warning: true, message: `${Name} never ${what === 'action' ? 'happened before' : 'held on'} the decision day of any deal: the backtest cannot tell whether it matters.` });
    else if (r.without.n === 0) out.push({ kind: 'always-fires', warning: true, message: `${Name} ${what === 'action' ? 'happened before' : 'held on'} the decision day of every deal: it cannot tell won from lost.` });
    else if (r.with.rate! <= r.without.rate!) out.push({ kind: 'no-lift', warning: true, message: `${Name} does not raise the win rate: deals with it won ${pct(r.with.rate!)} (${dealCount(r.with.n)}), deals without it ${pct(r.without.rate!)} (${dealCount(r.without.n)}).` });
  }
  return out;
}

function sizeFindings(m: Measured): Finding[] {
  const lost = m.deals - m.wins;
  if (m.wins >= MIN_TOTAL_OUTCOMES && lost >= MIN_TOTAL_OUTCOMES) return [];
  return [{ kind: 'small-backtest', warning: true, message: `Only ${m.wins} won and ${lost} lost deals: commercial scoring tools ask for about ${MIN_TOTAL_OUTCOMES} of each before trusting a model, so read every figure here as a rough guide.` }];
}

function skillFinding(m: Measured): Finding[] {
  const c = m.calibration;
  if (!c || c.skillVsBaseRate === null) return [];
  const better = c.skillVsBaseRate >= 0;
  return [{
    kind: 'skill',
    warning: !better,
    message: better
      ? `The tiers' probabilities are ${pct(c.skillVsBaseRate)} better (Brier skill score) than always saying the base rate of ${pct(c.baseRate)}, and ${pct(c.skillVsHalf)} better than always saying 50%.`
      : `The tiers' probabilities do worse than always saying the base rate of ${pct(c.baseRate)} (Brier skill score ${pct(c.skillVsBaseRate)}).`,
  }];
}

/**
 * Findings for a measured sample, problems first within each theme.
 * @param states how a tier's probability came about, e.g. "states" or "claims (from the training deals)"
 */
export function findings(m: Measured, states = 'states'): Finding[] {
  if (m.deals === 0) return [{ kind: 'small-backtest', warning: true, message: 'No closed deal has a tier: there is nothing to test.' }];
  return [...sizeFindings(m), ...tierFindings(m.tiers, states), ...skillFinding(m), ...monotoneFinding(m.groups), ...featureFindings(m.actions, 'action'), ...featureFindings(m.indicators, 'indicator')];
}
