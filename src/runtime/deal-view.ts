/**
 * Each deal's fate as the reports read it (`DealResult`), read from the run's columns and node
 * results when a field is read, not copied into an object per deal (issue 10: at 1,000,000 deals
 * the assembled objects — the deal's fields, its relationship, its credit amount as a Decimal —
 * kept about 230 MB alive until the report was written, most of the memory above the 2 GB target).
 *
 * A {@link DealView} holds two fields: what every deal shares ({@link DealFacts}) and its index in
 * the deals table. Every read gives the same value (texts from the day and month caches; the credit
 * amount a new, equal Decimal each read when the credit node keeps amounts in minor units), and
 * `toJSON` gives the plain object, so `JSON.stringify` and test comparisons see the fields.
 */
import type { Decimal } from './decimal.js';
import { dateText, monthOf } from './periods.js';
import { type CreditResult, creditAmountOf } from './nodes/credit.js';
import type { ScoringResult } from './nodes/scoring.js';
import type { DealsView, RunContext } from './context.js';
import type { DealRelationship } from './relationship.js';
import type { DealResult } from './result.js';
import type { RowSource } from './values.js';

/** What the relationship part of each deal is read from (the scoring node's results, the tiers, the indicators). */
export interface RelationshipFacts {
  scoring: ScoringResult;
  /** Per deal: the tier's index in {@link tierNames}, or -1; null without a tiers node. */
  tier: Int32Array | null;
  tierNames: readonly string[];
  probabilities: readonly Decimal[];
  /** The indicators' values of deal `i` (null: the deal is not scored), shared by deals with the same values (read-only). */
  indicators(i: number | null): (boolean | null)[];
}

/** What every deal's view reads: the deals table, the credit node's result, the outcomes, the red lines tripped. */
export interface DealFacts {
  deals: DealsView;
  /** The deals' row source, read once when the views are made (`DealsView.source`). */
  source: RowSource;
  credit: CreditResult;
  /** `outcome:won` and `outcome:lost` flags per deal (absent when the playbook has no such rule). */
  won: ArrayLike<number | boolean> | undefined;
  lost: ArrayLike<number | boolean> | undefined;
  /** The ids of the red lines each deal tripped, in source order; deals not in the map tripped none. */
  redlines: ReadonlyMap<number, string[]>;
  /**
   * Per deal, 1 when it is in {@link redlines}: most deals trip none, and a report reading a million
   * deals in turn then looks up none of them in the map (issue 10, scale).
   */
  tripped: Uint8Array;
  relationship: RelationshipFacts | null;
  /** `credit … split by`: the shares of deal `i`, or undefined for a deal without split rows. */
  splits: RunContext['splits'];
  repKeys: readonly string[];
}

/** Most deals trip no red line: they share one empty, read-only list. */
const NO_REDLINES: string[] = Object.freeze([]) as unknown as string[];

/** The relationship view last made, and the deal view it was made for (views only read: sharing one is safe). */
const lastRelationship: { of: DealView | null; view: RelationshipView | null } = { of: null, view: null };

/** One deal's {@link DealResult}, each field read when asked (see the file's comment). */
export class DealView implements DealResult {
  constructor(
    private readonly facts: DealFacts,
    /** The deal's index in the deals table. */
    readonly index: number,
  ) {}

  get id(): string {
    return this.facts.deals.id(this.index);
  }
  get rep(): string | null {
    const who = this.facts.source.value(this.index, this.facts.deals.rep);
    return who === null ? null : String(who);
  }
  get account(): string | null {
    const at = this.facts.deals.account;
    const acc = at < 0 ? null : this.facts.source.value(this.index, at);
    return acc === null ? null : String(acc);
  }
  get stage(): DealResult['stage'] {
    const { won, lost } = this.facts;
    return won?.[this.index] ? 'won' : lost?.[this.index] ? 'lost' : 'open';
  }
  get amount(): Decimal | null {
    return creditAmountOf(this.facts.credit, this.index);
  }
  get date(): string | null {
    const d = this.facts.source.value(this.index, this.facts.deals.date);
    return typeof d === 'number' ? dateText(d) : null;
  }
  get credited(): boolean {
    return this.facts.credit.credited[this.index] === 1;
  }
  get blockedCredit(): boolean {
    return this.facts.credit.blockedCredit[this.index] === 1;
  }
  get creditPeriod(): string | null {
    if (!this.facts.credit.credited[this.index]) return null;
    return monthOf(this.facts.source.value(this.index, this.facts.deals.date) as number);
  }
  get redlines(): string[] {
    return this.facts.tripped[this.index] === 1 ? this.facts.redlines.get(this.index)! : NO_REDLINES;
  }
  get line(): number {
    return this.facts.source.line(this.index);
  }
  get relationship(): DealRelationship | null {
    // A report reads a deal's relationship fields one after another (as of, score, tier, win
    // probability): they share one view, not one each (issue 10: a million deals).
    if (lastRelationship.of === this) return lastRelationship.view;
    const r = this.facts.relationship;
    const view = r === null ? null : new RelationshipView(r, this.index);
    lastRelationship.of = this;
    lastRelationship.view = view;
    return view;
  }
  get splits(): DealResult['splits'] {
    const shares = this.facts.splits?.get(this.index);
    if (!shares) return undefined;
    const parts = this.facts.credit.splitParts(this.index);
    return shares.map((x, k) => ({ rep: this.facts.repKeys[x.rep], share: x.share, amount: parts ? parts[k] : null }));
  }

  /** The plain object of the deal (what `JSON.stringify` and test comparisons see); `splits` only for a split deal. */
  toJSON(): DealResult {
    const splits = this.splits;
    return {
      id: this.id,
      rep: this.rep,
      account: this.account,
      stage: this.stage,
      amount: this.amount,
      date: this.date,
      credited: this.credited,
      blockedCredit: this.blockedCredit,
      creditPeriod: this.creditPeriod,
      redlines: this.redlines,
      line: this.line,
      relationship: this.relationship,
      ...(splits ? { splits } : {}),
    };
  }
}

/** One deal's relationship as of its as-of date, read from the scoring, tiers and indicators when asked. */
export class RelationshipView implements DealRelationship {
  constructor(
    private readonly facts: RelationshipFacts,
    private readonly index: number,
  ) {}

  get asOf(): string | null {
    const at = this.facts.scoring.asOf(this.index);
    return at === null ? null : dateText(at);
  }
  get score(): Decimal | null {
    return this.facts.scoring.asOf(this.index) === null ? null : this.facts.scoring.score(this.index);
  }
  private tierIndex(): number {
    const t = this.facts.tier;
    return t === null || this.facts.scoring.asOf(this.index) === null ? -1 : t[this.index];
  }
  get tier(): string | null {
    const t = this.tierIndex();
    return t >= 0 ? this.facts.tierNames[t] : null;
  }
  get probability(): Decimal | null {
    const t = this.tierIndex();
    return t >= 0 ? this.facts.probabilities[t] : null;
  }
  get indicators(): (boolean | null)[] {
    return this.facts.indicators(this.facts.scoring.asOf(this.index) === null ? null : this.index);
  }
  get actions(): Set<string> {
    return this.facts.scoring.asOf(this.index) === null ? new Set() : this.facts.scoring.actions(this.index);
  }

  /** The plain object (what `JSON.stringify` and test comparisons see). */
  toJSON(): DealRelationship {
    return { asOf: this.asOf, score: this.score, tier: this.tier, probability: this.probability, indicators: this.indicators, actions: this.actions };
  }
}
