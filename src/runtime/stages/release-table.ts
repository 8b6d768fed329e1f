/**
 * The stage releases of one `pay … in stages` section held as columns (issue 10: at 1,000,000
 * deals there are about 2.2 million releases, and as objects — a record, a Decimal amount, a
 * sentence source, a ratio — they were the largest single item of the run's memory, +1.4 GB).
 *
 * What is the same for every stage of a deal's part of a commission line (rep, component, kind,
 * period, deal, day earned, the part in words) is kept once, in a {@link StagedPart}. Each release
 * is a row of typed arrays: its part, its stage, its amount in integer minor units (cents; an
 * amount that is not a whole number of them or lies beyond ±2^53 is kept as a Decimal aside), its
 * trigger and pay days, and what its "why" words are made of (a kind, a day, the cash collected so
 * far in minor units). A {@link ReleaseView} (two fields) is the `Release` the rest of the engine
 * reads: every field is read from the columns, the amount made a Decimal and the sentence written
 * only when read, and both are the same every read — the same values and words as the records the
 * section made before (stages.ts, release.ts).
 *
 * Views are read-only: a clawback copies the releases of a reversed deal to records first
 * (`release-record.ts`), and only those are changed.
 */
import { Decimal } from '../decimal.js';
import { minorUnitsText, percentOfUnits } from '../money-text.js';
import { dateText } from '../periods.js';
import { dayText } from '../day-text.js';
import { fromMinorUnits, toMinorUnits } from '../minor-units.js';
import type { ComponentKind } from '../result.js';
import type { Release } from '../nodes/stages.js';
import { SettledRecord, type WordSource, type Words, wordsText } from './release-record.js';
import { BookedWords, CompletedWords, ReachedWords, reachedText, type StageTrigger } from './release.js';
import { CHUNK_MASK, Column, type ColumnArray } from './chunked-column.js';

/**
 * The money text of the last amount written, kept: the parts of one commission line share its
 * amount and its credited total (the same Decimal), and are read one after another (a rep's).
 */
class LastMoneyText {
  private amount: Decimal | null = null;
  private money: ((d: Decimal) => string) | null = null;
  private text = '';
  of(amount: Decimal, money: (d: Decimal) => string): string {
    if (amount !== this.amount || money !== this.money) {
      this.text = money(amount);
      this.amount = amount;
      this.money = money;
    }
    return this.text;
  }
}
const lineText = new LastMoneyText();
const totalText = new LastMoneyText();

/**
 * A deal's part of a commission line (or a line no credited deal is behind), shared by the
 * releases of its stages; it writes its own words (`deal D1's part 1,000.00 of the 2026 line
 * 5,000.00 (50,000.00 of 250,000.00 credited)`) when read. The part and the reps' credit on the
 * deal are its own amounts (the line's and the deal's are shared): kept in whole minor units, a
 * Decimal only when they are not whole minor units (about 530,000 parts at 1,000,000 deals).
 */
export class StagedPart implements WordSource {
  /** The part and the reps' credit on the deal in minor units (NaN: see the Decimals), or NaN for no deal. */
  private readonly amountUnits: number;
  private readonly creditedUnits: number;
  private readonly amountExact: Decimal | null;
  private readonly creditedExact: Decimal | null;
  private readonly total: Decimal | null;
  /** The deal's whole credited amount in minor units, or NaN when it is not held so (then read `whole`). */
  readonly wholeUnits: number;
  private readonly wholeExact: Decimal | null;

  constructor(
    readonly rep: string,
    readonly repIndex: number,
    readonly component: string,
    readonly kind: ComponentKind,
    /** The commission line's period key (`2026`, `2026-Q1`). */
    readonly period: string,
    /** The deal's id and index in the deals table, or null and -1 for a line no credited deal is behind. */
    readonly deal: string | null,
    readonly dealIndex: number,
    /** Date value of the day the part is earned (the deal's credit day, or the period's last day). */
    readonly earnedOn: number,
    /** Money in words: `groupedText` with `digits` digits (the run's `money`); whole minor units are written by `minorUnitsText`, the same text. */
    readonly money: (d: Decimal) => string,
    readonly digits: number,
    private readonly lineAmount: Decimal,
    /** The part and the reps' credit on the deal (each a Decimal, or whole minor units) and the line's credited total (currency); null for no deal. */
    share: { amount: Decimal | number; credited: Decimal | number; total: Decimal } | null,
    /** The deal's whole credited amount (what cash and invoices are measured against; a Decimal, or whole minor units), or null. */
    whole: Decimal | number | null,
    /** The part's amount after a cap, when a cap changed it (said in its stages' words), or null. */
    readonly capped: Decimal | null,
  ) {
    this.amountUnits = share ? (typeof share.amount === 'number' ? share.amount : toMinorUnits(share.amount, digits)) : NaN;
    this.creditedUnits = share ? (typeof share.credited === 'number' ? share.credited : toMinorUnits(share.credited, digits)) : NaN;
    this.amountExact = share && Number.isNaN(this.amountUnits) ? (share.amount as Decimal) : null;
    this.creditedExact = share && Number.isNaN(this.creditedUnits) ? (share.credited as Decimal) : null;
    this.total = share ? share.total : null;
    // The whole amount in minor units where that holds it (a −0 keeps its sign only as a Decimal).
    const wholeUnits = whole === null ? NaN : typeof whole === 'number' ? whole : toMinorUnits(whole, digits);
    this.wholeUnits = Number.isNaN(wholeUnits) || (wholeUnits === 0 && typeof whole !== 'number' && whole!.isNegative()) ? NaN : wholeUnits;
    this.wholeExact = Number.isNaN(this.wholeUnits) && typeof whole !== 'number' ? whole : null;
  }

  /** The deal's whole credited amount (currency; a new Decimal each read when held in minor units), or null for no deal. */
  get whole(): Decimal | null {
    return Number.isNaN(this.wholeUnits) ? this.wholeExact : fromMinorUnits(this.wholeUnits, this.digits);
  }

  private unitsText(units: number, exact: Decimal | null): string {
    return exact === null ? minorUnitsText(units, this.digits, true) : this.money(exact);
  }

  text(): string {
    const line = lineText.of(this.lineAmount, this.money);
    return this.total !== null ? `deal ${this.deal}'s part ${this.unitsText(this.amountUnits, this.amountExact)} of the ${this.period} line ${line} (${this.unitsText(this.creditedUnits, this.creditedExact)} of ${totalText.of(this.total, this.money)} credited)` : `the ${this.period} line ${line}, which no credited deal is behind (released at the period's end)`;
  }
}

/** What a row's "why" words are made of. */
const WHY_OTHER = 0; // a Words value kept aside (rare: revenue, a total past 2^53, a forfeited held part)
const WHY_BOOKED = 1; // `booked on <earnedOn>`
const WHY_REACHED = 2; // `<reached> of <whole> collected|invoiced by <day>`, reached = min(total ÷ whole, 1)
const WHY_COMPLETED = 3; // `reported 100% complete on <day>`
const WHY_HELD = 4; // the held reason itself (a part not triggered, not forfeited)


/** The stage releases of one section, as columns (see the file's comment). */
export class ReleaseTable {
  length = 0;
  readonly parts: StagedPart[] = [];
  /** Each release's part (an index of `parts`). */
  readonly part = new Column(Int32Array);
  readonly stage = new Column(Uint8Array);
  /** Amount in minor units, NaN when kept in `bigAmounts`. */
  readonly minor = new Column(Float64Array);
  /** Trigger and payable days (date values), NaN for none. */
  readonly triggered = new Column(Float64Array);
  readonly payable = new Column(Float64Array);
  readonly whyKind = new Column(Uint8Array);
  /** The day the why words name (the collection or completion reported), NaN when none. */
  readonly whyDay = new Column(Float64Array);
  /** Cash collected (or invoiced) by then, in minor units (WHY_REACHED). */
  readonly whyTotal = new Column(Float64Array);
  /** Why it is held, or null (a plain array: most are null or one shared forfeit sentence). */
  readonly held: (string | null)[] = [];
  readonly bigAmounts = new Map<number, Decimal>();
  readonly otherWhy = new Map<number, Words>();

  constructor(
    /** Digits of the currency's minor unit. */
    readonly digits: number,
    /** Per stage of the section: its name as written, its trigger, and the start of its words (`40% cash collected`). */
    readonly stageNames: string[],
    readonly triggers: StageTrigger[],
    readonly heads: string[],
    /** The pay calendar in words (`paid on the next business day after the trigger`). */
    readonly calendar: string,
  ) {}

  /** Adds a part and returns its index (for {@link add}). */
  addPart(p: StagedPart): number {
    this.parts.push(p);
    return this.parts.length - 1;
  }

  /**
   * Adds the release of stage `k` of part `p`, returns its row.
   * @param why the piece's words from `releaseStage`; @param triggeredOn, payableOn date values or null;
   * @param held why it is held, or null.
   */
  add(p: number, k: number, amount: Decimal, triggeredOn: number | null, payableOn: number | null, held: string | null, why: Words): number {
    const row = this.nextRow();
    const at = row & CHUNK_MASK;
    const part = this.parts[p];
    this.part.last[at] = p;
    this.stage.last[at] = k;
    const units = toMinorUnits(amount, this.digits);
    this.minor.last[at] = units;
    if (Number.isNaN(units)) this.bigAmounts.set(row, amount);
    this.triggered.last[at] = triggeredOn ?? NaN;
    this.payable.last[at] = payableOn ?? NaN;
    this.held.push(held);
    this.whyDay.last[at] = NaN;
    this.whyTotal.last[at] = NaN;
    let kind = WHY_OTHER;
    if (why instanceof BookedWords && why.day === part.earnedOn) kind = WHY_BOOKED;
    else if (why instanceof CompletedWords) {
      kind = WHY_COMPLETED;
      this.whyDay.last[at] = why.day;
    } else if (why instanceof ReachedWords && why.trigger !== 'revenue' && why.trigger === this.triggers[k] && why.money === part.money && part.whole?.eq(why.dealAmount) === true) {
      const total = toMinorUnits(why.value, this.digits);
      if (!Number.isNaN(total)) {
        kind = WHY_REACHED;
        this.whyDay.last[at] = why.day;
        this.whyTotal.last[at] = total;
      }
    } else if (typeof why === 'string' && held === why) kind = WHY_HELD;
    this.whyKind.last[at] = kind;
    if (kind === WHY_OTHER) this.otherWhy.set(row, why);
    return row;
  }

  /**
   * Adds the release of stage `k` of part `p` given in whole minor units (a safe integer), as
   * {@link add} would store it: `booked` on the part's credit day (a booking stage), released
   * on `triggeredOn` for the progress reported 100% complete on `completedOn` (a completion stage), or released
   * on `triggeredOn` for a total of `whyTotal` minor units collected (or invoiced) by `whyDay` (a
   * cash or invoice stage of a deal; the part's deal amount is the `whole` the words name). No
   * Decimal is made (stages/release-units.ts).
   */
  addUnits(p: number, k: number, units: number, triggeredOn: number, payableOn: number | null, held: string | null, why: 'booked' | { day: number; total: number } | { completedOn: number }): number {
    const row = this.nextRow();
    const at = row & CHUNK_MASK;
    this.part.last[at] = p;
    this.stage.last[at] = k;
    this.minor.last[at] = units;
    this.triggered.last[at] = triggeredOn;
    this.payable.last[at] = payableOn ?? NaN;
    this.held.push(held);
    if (why === 'booked') {
      this.whyKind.last[at] = WHY_BOOKED;
      this.whyDay.last[at] = NaN;
      this.whyTotal.last[at] = NaN;
    } else if ('completedOn' in why) {
      // `reported 100% complete on <day>`, as add stores a CompletedWords.
      this.whyKind.last[at] = WHY_COMPLETED;
      this.whyDay.last[at] = why.completedOn;
      this.whyTotal.last[at] = NaN;
    } else {
      this.whyKind.last[at] = WHY_REACHED;
      this.whyDay.last[at] = why.day;
      this.whyTotal.last[at] = why.total;
    }
    return row;
  }

  /** The next row's number, with a new chunk in every column when the last one is full. */
  private nextRow(): number {
    if (this.trimmed) throw new Error('internal error: a release was added to a stage table after it was closed');
    const row = this.length++;
    if ((row & CHUNK_MASK) === 0) for (const c of this.columns) c.addChunk();
    return row;
  }
  private readonly columns: Column<ColumnArray>[] = [this.part, this.stage, this.minor, this.triggered, this.payable, this.whyKind, this.whyDay, this.whyTotal];

  private trimmed = false;

  /** Drops the room left for more rows in the last chunk of each column; no row may be added after. */
  trim(): void {
    for (const c of this.columns) c.trim(this.length);
    this.trimmed = true;
  }

  /** The amount of a row (currency). */
  amount(row: number): Decimal {
    const units = this.minor.at(row);
    return Number.isNaN(units) ? this.bigAmounts.get(row)! : fromMinorUnits(units, this.digits);
  }

  /** The why words of a row, as `releaseStage` wrote them. */
  whyText(row: number): string {
    const part = this.parts[this.part.at(row)];
    switch (this.whyKind.at(row)) {
      case WHY_BOOKED:
        return `booked on ${dayText(part.earnedOn)}`;
      case WHY_COMPLETED:
        return new CompletedWords(this.whyDay.at(row)).text();
      case WHY_REACHED: {
        // From whole minor units when the deal's amount is held so (no Decimal: millions of rows at scale).
        const trigger = this.triggers[this.stage.at(row)] as 'cash' | 'invoice';
        const words = this.partWords(this.part.at(row));
        // The part holds the deal's amount in minor units (no Decimal made and read back), or as a Decimal.
        if (words.wholeUnits === undefined) words.wholeUnits = Number.isNaN(part.wholeUnits) ? toMinorUnits(part.whole!, this.digits) : part.wholeUnits;
        const percent = percentOfUnits(this.whyTotal.at(row), words.wholeUnits);
        if (percent === null) return new ReachedWords(trigger, fromMinorUnits(this.whyTotal.at(row), this.digits), part.whole!, this.whyDay.at(row), part.money).text();
        words.wholeText ??= wholeText(part);
        return reachedText(percent, words.wholeText, trigger, this.whyDay.at(row));
      }
      case WHY_HELD:
        return this.held[row]!;
      default:
        return wordsText(this.otherWhy.get(row)!);
    }
  }

  /** The sentence of a row (`40% cash collected of <the part>: <why>; <the pay calendar>`). */
  explain(row: number): string {
    const words = this.partWords(this.part.at(row));
    const part = this.parts[this.part.at(row)];
    words.text ??= part.text();
    const capped = part.capped ? `${part.money(part.capped)} (after the cap) of ` : '';
    const calendar = Number.isNaN(this.triggered.at(row)) ? '' : `; ${this.calendar}`;
    return `${this.heads[this.stage.at(row)]} of ${capped}${words.text}: ${this.whyText(row)}${calendar}`;
  }

  /**
   * True when the sentence of `row` ({@link explain}, read just before) is known to hold no
   * character JSON escapes (a quote, a backslash, a control or a lone surrogate): its fixed pieces
   * (the stage's words, the pay calendar, the part's words, the deal's amount as money) are each
   * checked once, and the why words of a booking, a completion or a cash or invoice reached are
   * the engine's own (dates, a percent, money). False when not known (a held reason, other
   * words, a cap): the JSON report then checks the sentence itself. For the report's speed only.
   */
  explainPlain(row: number): boolean {
    const kind = this.whyKind.at(row);
    if (kind !== WHY_BOOKED && kind !== WHY_COMPLETED && kind !== WHY_REACHED) return false;
    const part = this.parts[this.part.at(row)];
    if (part.capped) return false;
    this.fixedPlain ??= this.heads.every(plainText) && plainText(this.calendar);
    const words = this.partWords(this.part.at(row));
    words.plain ??= plainText((words.text ??= part.text()));
    // The deal's amount is in the words of a cash or invoice reached only (and written by then).
    if (kind === WHY_REACHED) words.wholePlain ??= plainText((words.wholeText ??= wholeText(part)));
    return this.fixedPlain && words.plain && (kind !== WHY_REACHED || words.wholePlain === true);
  }
  private fixedPlain: boolean | undefined;

  /**
   * Pieces of the words of the parts read lately, written once for all a part's rows: its own
   * words, its deal's amount as money and in minor units. The reports read the releases by rep, a
   * rep's parts' stages interleaved by day, so the parts read lately are kept in a table of
   * {@link WORDS_KEPT} entries by part number (a rep's parts, about a hundred at 1,000,000 deals,
   * fit; an entry is replaced by the next part of the same number): the memory is bounded,
   * whatever the rows. The table is kept small on purpose: an entry that outlives a rep's writing
   * by long is moved to V8's old generation and stays there as garbage until a full collection,
   * which the report's writing does not run (4,096 entries: 25 MB promoted while the 100k report
   * is written, 8 MB with 512; the 1M peak 126 MB lower; bench/RESULTS.md).
   */
  private readonly wordsKept: (PartWords | undefined)[] = [];
  private partWords(p: number): PartWords {
    const slot = p & (WORDS_KEPT - 1);
    let words = this.wordsKept[slot];
    if (words === undefined || words.part !== p) {
      words = { part: p };
      this.wordsKept[slot] = words;
    }
    return words;
  }
}

/**
 * The deal's amount of a part as money in words: from its minor units when it holds them
 * (`minorUnitsText` grouped: the text of the part's `money`, `groupedText`, for that amount), else
 * its Decimal through `money`.
 */
function wholeText(part: StagedPart): string {
  return Number.isNaN(part.wholeUnits) ? part.money(part.whole!) : minorUnitsText(part.wholeUnits, part.digits, true);
}

/** Parts whose words are kept at once (a power of two): see `ReleaseTable.partWords`. */
const WORDS_KEPT = 512;

/** See `ReleaseTable.partWords`: each piece is written when first needed. */
interface PartWords {
  part: number;
  text?: string;
  wholeText?: string;
  wholeUnits?: number;
  /** `text`, and `wholeText`, has no character JSON escapes (see `ReleaseTable.explainPlain`). */
  plain?: boolean;
  wholePlain?: boolean;
}

/** Characters JSON escapes: quote, backslash, controls, and surrogates (a lone one is escaped). */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
const plainText = (text: string) => !NEEDS_ESCAPE.test(text);

const orNull = (d: number): number | null => (Number.isNaN(d) ? null : d);

/** One row of a {@link ReleaseTable} read as a `Release` (read-only; see the file's comment). */
export class ReleaseView implements Release, WordSource {
  constructor(
    readonly table: ReleaseTable,
    readonly row: number,
  ) {}

  /** The part the release is a stage of. */
  get staged(): StagedPart {
    return this.table.parts[this.table.part.at(this.row)];
  }
  get rep(): string {
    return this.staged.rep;
  }
  get repIndex(): number {
    return this.staged.repIndex;
  }
  get component(): string {
    return this.staged.component;
  }
  get kind(): ComponentKind {
    return this.staged.kind;
  }
  get period(): string {
    return this.staged.period;
  }
  get deal(): string | null {
    return this.staged.deal;
  }
  get stage(): string {
    return this.table.stageNames[this.table.stage.at(this.row)];
  }
  get trigger(): StageTrigger {
    return this.table.triggers[this.table.stage.at(this.row)];
  }
  get amount(): Decimal {
    return this.table.amount(this.row);
  }
  /** The amount in whole minor units, or NaN when it is not held as such (then read `amount`). */
  get minorUnits(): number {
    return this.table.minor.at(this.row);
  }
  get earnedOn(): number {
    return this.staged.earnedOn;
  }
  get triggeredOn(): number | null {
    return orNull(this.table.triggered.at(this.row));
  }
  get payableOn(): number | null {
    return orNull(this.table.payable.at(this.row));
  }
  get held(): string | null {
    return this.table.held[this.row];
  }
  get explain(): string {
    return this.table.explain(this.row);
  }
  get line(): Release['line'] {
    return undefined;
  }
  get cancelledOn(): number | undefined {
    return undefined;
  }
  get cappedTopUp(): Decimal | undefined {
    return undefined;
  }

  /** The words (a copy of the release keeps them unwritten: `withChanges`). */
  text(): string {
    return this.explain;
  }

  /** The plain release, with the fields in the order a record gives them (`JSON.stringify`, test comparisons). */
  toJSON(): Release {
    return {
      rep: this.rep,
      repIndex: this.repIndex,
      component: this.component,
      kind: this.kind,
      period: this.period,
      deal: this.deal,
      stage: this.stage,
      trigger: this.trigger,
      amount: this.amount,
      earnedOn: this.earnedOn,
      triggeredOn: this.triggeredOn,
      payableOn: this.payableOn,
      held: this.held,
      line: undefined,
      cancelledOn: undefined,
      cappedTopUp: undefined,
      explain: this.explain,
    };
  }
}

/**
 * True when the `explain` of a release is known to hold no character JSON escapes: a view (or a
 * settled release of one) whose sentence is made of checked pieces (`ReleaseTable.explainPlain`).
 */
export function explainPlainOf(x: Release): boolean {
  const part = x instanceof SettledRecord ? x.part : x;
  return part instanceof ReleaseView && part.table.explainPlain(part.row);
}

/**
 * The amount of a release in whole minor units of `digits` digits when it is a view holding it so
 * (or a settled release of one), else NaN (then read `amount`). Lets hot readers skip making a Decimal.
 */
export function minorUnitsOf(x: Release, digits: number): number {
  const part = x instanceof SettledRecord ? x.part : x;
  return part instanceof ReleaseView && part.table.digits === digits ? part.minorUnits : NaN;
}
