/**
 * The releases of commission paid in stages as records of one fixed shape whose `explain` words
 * are written when they are read. At 100k deals there are about 220,000 releases, each with a
 * sentence of about 200 characters; kept as built (a tree of joined pieces) those sentences took
 * more memory than everything else in the releases, and most runs read them once, one at a time
 * (the JSON report) or never (the table). A record keeps what the sentence is made of instead —
 * a string, or a function that writes it — and every read gives the same text.
 *
 * Copies (a cancelled piece split off a part) go through `withChanges`, and a settled release
 * points at its part (`SettledRecord`), never `{ ...x }`: a spread copy would lose the words (they are a getter) and,
 * with fields added after it, becomes a V8 dictionary-mode object several times the size.
 */
import type { Decimal } from '../decimal.js';
import type { ComponentKind } from '../result.js';
import type { Release } from '../nodes/stages.js';
import type { SettledRelease } from '../nodes/statements.js';
import type { StageTrigger } from './release.js';

/** What writes a release's sentence (on every read: it keeps the pieces, not the sentence). */
export interface WordSource {
  text(): string;
}

/**
 * The words of a release: the sentence itself, or what writes it. A source is a small object of
 * its own fields, not a closure: a closure would keep alive every variable of the scopes it was
 * made in (the rep's parts, their deals), which took more memory than the sentences.
 */
export type Words = string | WordSource;

/** The text of words. */
export function wordsText(w: Words): string {
  return typeof w === 'string' ? w : w.text();
}

/** A release's fields other than its words. */
export type ReleaseFields = Omit<Release, 'explain'>;

/** A release whose `explain` is written from its words when read. */
export class ReleaseRecord implements Release {
  rep: string;
  repIndex: number;
  component: string;
  kind: ComponentKind;
  period: string;
  deal: string | null;
  stage: string;
  trigger: StageTrigger;
  amount: Decimal;
  earnedOn: number;
  triggeredOn: number | null;
  payableOn: number | null;
  held: string | null;
  line?: 'clawback' | 'cancelled' | 'top-up' | 'capped';
  cancelledOn?: number;
  cappedTopUp?: Decimal;
  /** What `explain` is written from. */
  words: Words;

  constructor(f: ReleaseFields, words: Words) {
    this.rep = f.rep;
    this.repIndex = f.repIndex;
    this.component = f.component;
    this.kind = f.kind;
    this.period = f.period;
    this.deal = f.deal;
    this.stage = f.stage;
    this.trigger = f.trigger;
    this.amount = f.amount;
    this.earnedOn = f.earnedOn;
    this.triggeredOn = f.triggeredOn;
    this.payableOn = f.payableOn;
    this.held = f.held;
    this.line = f.line;
    this.cancelledOn = f.cancelledOn;
    this.cappedTopUp = f.cappedTopUp;
    this.words = words;
  }

  /** How the part was computed, in words (written on each read; the same text every time). */
  get explain(): string {
    const w = this.words;
    return typeof w === 'string' ? w : w.text();
  }

  set explain(text: string) {
    this.words = text;
  }

  /** The plain object of the release (`JSON.stringify` and test comparisons see `explain`, not the words). */
  toJSON(): Release {
    const { words: _words, ...fields } = this;
    return { ...fields, explain: this.explain };
  }
}

/** The words of any release: a record's own (unwritten), or a plain release's sentence. */
export function wordsOf(x: Release): Words {
  if (x instanceof ReleaseRecord) return x.words;
  // A release that writes its own words (a view of the release columns, release-table.ts) is kept as their source.
  return typeof (x as Partial<WordSource>).text === 'function' ? (x as unknown as WordSource) : x.explain;
}

/** A copy of `x` with some fields changed, keeping its words unless `changes` gives an `explain`. */
export function withChanges(x: Release, changes: Partial<Release>): Release {
  const { explain, ...fields } = changes;
  return new ReleaseRecord({ ...fieldsOf(x), ...fields }, explain ?? wordsOf(x));
}

/**
 * A release with its fate at the end of the data (the `statements` node's view of it): the part
 * itself is not copied, only pointed at, so the statements add three fields per release, not a
 * second release (at 100k deals, 220,000 of them).
 */
export class SettledRecord implements SettledRelease {
  /** The day paid: true for the part's payable day, false for none, or another day (a boolean is no allocation; a date value is a boxed number). */
  private readonly paid: boolean | number;

  constructor(
    /** The part as the `stages` node released it (read-only from here on). */
    readonly part: Release,
    paidOn: number | null,
    readonly reason: string | null,
  ) {
    this.paid = paidOn === null ? false : paidOn === part.payableOn ? true : paidOn;
  }

  /** The day it was paid (a date value), or null. */
  get paidOn(): number | null {
    const paid = this.paid;
    return paid === false ? null : paid === true ? this.part.payableOn : paid;
  }

  get rep(): string {
    return this.part.rep;
  }
  get repIndex(): number {
    return this.part.repIndex;
  }
  get component(): string {
    return this.part.component;
  }
  get kind(): ComponentKind {
    return this.part.kind;
  }
  get period(): string {
    return this.part.period;
  }
  get deal(): string | null {
    return this.part.deal;
  }
  get stage(): string {
    return this.part.stage;
  }
  get trigger(): StageTrigger {
    return this.part.trigger;
  }
  get amount(): Decimal {
    return this.part.amount;
  }
  get earnedOn(): number {
    return this.part.earnedOn;
  }
  get triggeredOn(): number | null {
    return this.part.triggeredOn;
  }
  get payableOn(): number | null {
    return this.part.payableOn;
  }
  get held(): string | null {
    return this.part.held;
  }
  get explain(): string {
    return this.part.explain;
  }
  get line(): Release['line'] {
    return this.part.line;
  }
  get cancelledOn(): number | undefined {
    return this.part.cancelledOn;
  }
  get cappedTopUp(): Decimal | undefined {
    return this.part.cappedTopUp;
  }

  /** The plain object of the settled release (what `JSON.stringify` and test comparisons see). */
  toJSON(): SettledRelease {
    const own = this.part as Partial<{ toJSON(): Release }>;
    const part = typeof own.toJSON === 'function' ? own.toJSON() : { ...this.part };
    return { ...part, paidOn: this.paidOn, reason: this.reason };
  }
}

/** The release's fields, read one by one (a record's own fields are class fields, not a spread). */
function fieldsOf(x: Release): ReleaseFields {
  return {
    rep: x.rep,
    repIndex: x.repIndex,
    component: x.component,
    kind: x.kind,
    period: x.period,
    deal: x.deal,
    stage: x.stage,
    trigger: x.trigger,
    amount: x.amount,
    earnedOn: x.earnedOn,
    triggeredOn: x.triggeredOn,
    payableOn: x.payableOn,
    held: x.held,
    line: x.line,
    cancelledOn: x.cancelledOn,
    cappedTopUp: x.cappedTopUp,
  };
}
