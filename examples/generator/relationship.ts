/**
 * The relationship scoring rules of the reference playbook (domain.md sections
 * 1-2), implemented here on their own so the generator can check the tiers it
 * plants in activities.csv. `playbooks/key-account.playbook` declares the same
 * rules; this file does not use the engine.
 *
 * Dates are day numbers (dates.ts). Ages are whole days.
 */
import { monthOf } from './dates.js';

export type ActionId =
  | 'office_visit' | 'hq_tour' | 'exec_meeting' | 'reference_visit' | 'strategic_agreement'
  | 'requirements_signed' | 'tech_exchange' | 'family_trip' | 'gift';

export type ContactRole = 'C-level' | 'technical' | 'procurement' | 'assistant';

export type Tier = 'champion' | 'supporter' | 'neutral' | 'opposed';

export interface ActionRule {
  id: ActionId;
  points: number;
  /** `every`: each one counts; `once`: only the earliest in the window; `twice-a-month`: the first two per calendar month. */
  repeat: 'every' | 'once' | 'twice-a-month';
  /** Whether the activity carries a CNY value. */
  valued: boolean;
}

export const ACTIONS: readonly ActionRule[] = [
  { id: 'office_visit', points: 0.1, repeat: 'every', valued: false },
  { id: 'hq_tour', points: 5, repeat: 'every', valued: false },
  { id: 'exec_meeting', points: 4, repeat: 'twice-a-month', valued: false },
  { id: 'reference_visit', points: 4, repeat: 'every', valued: false },
  { id: 'strategic_agreement', points: 8, repeat: 'once', valued: false },
  { id: 'requirements_signed', points: 6, repeat: 'once', valued: false },
  { id: 'tech_exchange', points: 5, repeat: 'every', valued: false },
  { id: 'family_trip', points: 10, repeat: 'every', valued: true },
  { id: 'gift', points: 1, repeat: 'every', valued: true },
];

export const ACTION_BY_ID: Record<ActionId, ActionRule> = Object.fromEntries(ACTIONS.map((a) => [a.id, a])) as Record<ActionId, ActionRule>;

export const CONTACT_ROLES: readonly ContactRole[] = ['C-level', 'technical', 'procurement', 'assistant'];

export const ROLE_WEIGHT: Record<ContactRole, number> = { 'C-level': 1.5, technical: 1, procurement: 1, assistant: 0.5 };

/** Activities count while 0 <= age < LOOK_BACK_DAYS. */
export const LOOK_BACK_DAYS = 365;
/** Each counted activity contributes points x weight x 0.5^(age / HALF_LIFE_DAYS). */
export const HALF_LIFE_DAYS = 180;
export const SCORE_CAP = 100;
/** met_leadership: an exec_meeting with age <= this. */
export const LEADERSHIP_DAYS = 180;
/** Open deals are evaluated as of this day. */
export const OPEN_AS_OF = '2026-12-31';

export interface TierRule {
  tier: Tier;
  /** Stated win probability. */
  probability: number;
  /** Score at or above which the tier applies (champion: decided by indicators). */
  minScore: number | null;
}

/** First match wins. */
export const TIER_RULES: readonly TierRule[] = [
  { tier: 'champion', probability: 0.8, minScore: null },
  { tier: 'supporter', probability: 0.45, minScore: 30 },
  { tier: 'neutral', probability: 0.25, minScore: 10 },
  { tier: 'opposed', probability: 0.1, minScore: 0 },
];

export const TIER_ORDER: readonly Tier[] = TIER_RULES.map((t) => t.tier);

/** 0.5^(age/180) for every age the look-back admits. */
export const DECAY: readonly number[] = Array.from({ length: LOOK_BACK_DAYS }, (_, age) => Math.pow(0.5, age / HALF_LIFE_DAYS));

/** One logged action as the rules see it; `order` breaks ties within a day (activity_id order). */
export interface ScoredActivity {
  date: number;
  order: number;
  action: ActionId;
  role: ContactRole;
}

export interface Evaluation {
  asOf: number;
  /** Sum before the cap. */
  raw: number;
  score: number;
  requirementsSigned: boolean;
  metLeadership: boolean;
  techExchangeHeld: boolean;
  tier: Tier;
  /** The activities that contributed, with their contribution. */
  counted: { activity: ScoredActivity; contribution: number }[];
}

export function byDateThenOrder(a: ScoredActivity, b: ScoredActivity): number {
  return a.date - b.date || a.order - b.order;
}

/**
 * Evaluates one account's activities (any order) as of a day. The repetition
 * rules apply to the activities inside the look-back window; the option
 * `repetitionOverHistory` applies them to the whole history first instead (a
 * different reading, used only to show the data tells the two apart).
 */
export function evaluate(activities: readonly ScoredActivity[], asOf: number, opts: { repetitionOverHistory?: boolean } = {}): Evaluation {
  const known = activities.filter((a) => a.date <= asOf).sort(byDateThenOrder);
  const requirementsSigned = known.some((a) => a.action === 'requirements_signed');
  const techExchangeHeld = known.some((a) => a.action === 'tech_exchange');
  const metLeadership = known.some((a) => a.action === 'exec_meeting' && asOf - a.date <= LEADERSHIP_DAYS);

  const seenOnce = new Set<ActionId>();
  const execPerMonth = new Map<string, number>();
  const counted: Evaluation['counted'] = [];
  let raw = 0;
  for (const a of known) {
    const age = asOf - a.date;
    if (age >= LOOK_BACK_DAYS && !opts.repetitionOverHistory) continue;
    const rule = ACTION_BY_ID[a.action];
    if (rule.repeat === 'once') {
      if (seenOnce.has(a.action)) continue;
      seenOnce.add(a.action);
    } else if (rule.repeat === 'twice-a-month') {
      const month = monthOf(a.date);
      const n = execPerMonth.get(month) ?? 0;
      execPerMonth.set(month, n + 1);
      if (n >= 2) continue;
    }
    if (age >= LOOK_BACK_DAYS) continue;
    const contribution = rule.points * ROLE_WEIGHT[a.role] * DECAY[age];
    raw += contribution;
    counted.push({ activity: a, contribution });
  }
  const score = Math.min(SCORE_CAP, raw);
  return { asOf, raw, score, requirementsSigned, metLeadership, techExchangeHeld, tier: tierOf(score, requirementsSigned && metLeadership && techExchangeHeld), counted };
}

export function tierOf(score: number, allIndicators: boolean): Tier {
  if (allIndicators) return 'champion';
  if (score >= 30) return 'supporter';
  if (score >= 10) return 'neutral';
  return 'opposed';
}

export function statedProbability(tier: Tier): number {
  return TIER_RULES.find((t) => t.tier === tier)!.probability;
}

/** z for a two-sided 95% interval. */
export const WILSON_Z = 1.959963984540054;

/** 95% Wilson score interval for `wins` out of `n`. */
export function wilson(wins: number, n: number, z: number = WILSON_Z): [number, number] {
  if (n === 0) return [0, 1];
  const p = wins / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [centre - half, centre + half];
}
