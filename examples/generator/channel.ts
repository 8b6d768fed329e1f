/**
 * The sales channel of every deal (`channel` in deals.csv: direct or partner),
 * planted so that one tier overstates in one segment: champion deals sold through
 * a partner win about half the time, direct ones about nine in ten, and the
 * champion tier as a whole still wins at its planted rate (about 80%). Other tiers
 * win at the same rate in both channels.
 *
 * The channel is drawn after the deals and their tiers exist, conditionally on each
 * closed deal's planted tier and outcome (Bayes: P(partner | tier, outcome) =
 * P(partner) × P(outcome | tier, partner) ÷ P(outcome | tier)), from its own seeded
 * stream, so every existing row and outcome stays as it was. Within each tier and
 * outcome the number of partner deals is the expected count, rounded; which deals
 * they are is a seeded shuffle. Open deals are partner deals with P(partner).
 */
import type { Deal } from './model.js';
import { stream } from './prng.js';
import type { DealTier } from './relationship-facts.js';
import { TIER_ORDER, type Tier, statedProbability } from './relationship.js';
import { toCsv } from './csv.js';

export type Channel = 'direct' | 'partner';

/** Share of deals sold through a partner, in every tier. */
export const PARTNER_SHARE = 0.25;

/** Planted win probability of the champion tier per channel (the other tiers: their stated probability in both). */
export const CHAMPION_BY_CHANNEL: Record<Channel, number> = { partner: 0.5, direct: 0.9 };

/** The planted win probability of a tier in a channel. */
export function plantedProbability(tier: Tier, channel: Channel): number {
  return tier === 'champion' ? CHAMPION_BY_CHANNEL[channel] : statedProbability(tier);
}

/** P(partner | tier, outcome) by Bayes' rule over the planted per-channel probabilities. */
export function partnerGiven(tier: Tier, won: boolean): number {
  const p = (c: Channel) => (won ? plantedProbability(tier, c) : 1 - plantedProbability(tier, c));
  const partner = PARTNER_SHARE * p('partner');
  return partner / (partner + (1 - PARTNER_SHARE) * p('direct'));
}

/** Each deal's channel, by deal id. `perDeal`: every deal with its tier as of its date (relationship-facts.ts). */
export function assignChannels(deals: readonly Deal[], perDeal: readonly DealTier[]): Map<string, Channel> {
  const rng = stream('channels');
  const tierOf = new Map(perDeal.map((x) => [x.deal.id, x.evaluation.tier]));
  const out = new Map<string, Channel>();
  const sorted = [...deals].sort((a, b) => a.id.localeCompare(b.id));
  for (const tier of TIER_ORDER) {
    for (const won of [true, false]) {
      const group = sorted.filter((d) => d.stage === (won ? 'Won' : 'Lost') && tierOf.get(d.id) === tier);
      const partners = Math.round(group.length * partnerGiven(tier, won));
      rng.shuffled(group).forEach((d, i) => out.set(d.id, i < partners ? 'partner' : 'direct'));
    }
  }
  for (const d of sorted) if (d.stage === 'Open') out.set(d.id, rng.chance(PARTNER_SHARE) ? 'partner' : 'direct');
  return out;
}

export interface ChannelTruth {
  tier: Tier;
  channel: Channel;
  planted: number;
  closed: number;
  won: number;
}

/** Closed deals per tier and channel, with the planted probability. */
export function channelTruth(perDeal: readonly DealTier[], channels: ReadonlyMap<string, Channel>): ChannelTruth[] {
  return TIER_ORDER.flatMap((tier) =>
    (['direct', 'partner'] as const).map((channel) => {
      const mine = perDeal.filter((x) => x.deal.stage !== 'Open' && x.evaluation.tier === tier && channels.get(x.deal.id) === channel);
      return { tier, channel, planted: plantedProbability(tier, channel), closed: mine.length, won: mine.filter((x) => x.deal.stage === 'Won').length };
    }),
  );
}

/** planted-channels.csv: the planted truth per tier and channel. */
export function renderPlantedChannels(truth: readonly ChannelTruth[]): string {
  return toCsv(
    ['tier', 'channel', 'planted_win_probability', 'closed_deals', 'won', 'realised_win_rate'],
    truth.map((t) => [t.tier, t.channel, t.planted.toFixed(2), String(t.closed), String(t.won), t.closed === 0 ? '' : (t.won / t.closed).toFixed(4)]),
  );
}
