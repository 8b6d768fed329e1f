/**
 * The accepted rows of one table kept as columns (issue 10, scale): no object per row.
 *
 * - text → codes into a dictionary of the distinct strings (each distinct value held once), in
 *   Int8, Int16 or Int32 as the dictionary's size needs;
 * - a text key → its entry among the table's seen keys, kept as a count while rows follow them;
 * - date → day numbers (a date value is local midnight, a whole number of days), Int16 while
 *   they fit (1880 to 2059), else Int32;
 * - timestamp → Float64 milliseconds;
 * - money, number, percent → the exact value as an integer of units (Int32 while every value
 *   fits, else Float64) and an Int8 scale
 *   (value = units ÷ 10^scale; a value needing more than 15 digits is kept as its Decimal aside);
 * - boolean → Int8;
 * - the source line of each row → Int32, kept as a count while lines follow one another.
 * Missing values are sentinels (code −1, scale −1, NaN, {@link NO_DAY} or {@link NO_DAY_16}). A `Value` is made only
 * when asked for ({@link ColumnStore.value}); a Decimal only for a number field's value.
 * Ten million activities of eight fields take about 19 bytes a row (45 when every column was
 * Int32 or Float64 and the ids were kept as bytes), plus their distinct strings.
 */
import type { FieldType, TableSchema } from '../graph/tables.js';
import { Decimal, ZERO } from '../graph/decimal.js';
import { NUMBER_ASIDE, NUMBER_MISSING, type NumberParts, decimalOfUnits } from '../graph/decimal-units.js';
import { ByteIndex } from './byte-index.js';
import { CountingInts } from './counting-ints.js';
import type { KeySet } from './key-set.js';
import type { SentClass } from './transfer.js';
import { MAX_FRACTION_DIGITS } from './numbers.js';
import type { Row, Value } from './types.js';

const DAY_MS = 86_400_000;
/** A missing date in a day column (no real date is 5.8 million years before 1970). */
const NO_DAY = -2_147_483_648;
/** A missing date while days are kept in Int16 (see `DayColumn`). */
const NO_DAY_16 = -32_768;
/** Scale of a missing number; of a number kept as a Decimal aside (see {@link ColumnStore.numberParts}). */
const NO_NUMBER = NUMBER_MISSING;
const ASIDE = NUMBER_ASIDE;
/** Distinct strings a text column shares through its dictionary before it stops looking values up. */
const MAX_DICTIONARY = 1_000_000;
const INITIAL = 1024;
/** Significant digits a plain cell may have to be read without a Decimal (any 15-digit integer is exact in a Float64). */
const MAX_PLAIN_DIGITS = 15;
/** Integers up to 2^53 are exact in a Float64. */
const SAFE = Number.MAX_SAFE_INTEGER;

/**
 * The bytes a text is found by in a dictionary: its UTF-8 — what a cell read from its bytes is
 * found by too. A string with a lone surrogate (not from a decoded file: UTF-8 cannot hold one)
 * has no UTF-8 of its own (Buffer.from would make it U+FFFD), so it is found by its UTF-16 after
 * a 0xFF byte, which no UTF-8 text holds: it can equal only itself.
 */
function textBytes(text: string): Buffer {
  return (text as unknown as { isWellFormed(): boolean }).isWellFormed() ? Buffer.from(text, 'utf8') : Buffer.concat([LONE_SURROGATE_MARK, Buffer.from(text, 'utf16le')]);
}
const LONE_SURROGATE_MARK = Buffer.from([0xff]);

type Typed = Int32Array | Int16Array | Int8Array | Float64Array;
/** Dictionary codes: as narrow as the dictionary allows (a column of four roles takes a byte a row), widened as it grows. */
type Codes = Int8Array | Int16Array | Int32Array;

/** `codes` in an array wide enough for code `code` (the same array when it already is). */
function wideEnough(codes: Codes, code: number): Codes {
  if (code <= 127 || codes instanceof Int32Array || (code <= 32_767 && codes instanceof Int16Array)) return codes;
  const wider = code <= 32_767 ? new Int16Array(codes.length) : new Int32Array(codes.length);
  wider.set(codes);
  return wider;
}

/** `array` with room for at least `need` elements (the contents kept; half as long again as it grows, to keep the spare room of ten million rows small). */
function room<T extends Typed>(array: T, need: number): T {
  if (need <= array.length) return array;
  const bigger = new (array.constructor as new (n: number) => T)(Math.max(need, Math.ceil(array.length * 1.5)));
  bigger.set(array);
  return bigger;
}

/** Moves the kept elements of `array[0, n)` to the front, in order; returns how many were kept. */
function compactArray(array: Typed, keep: Uint8Array, n: number): number {
  let k = 0;
  for (let i = 0; i < n; i++) if (keep[i]) array[k++] = array[i];
  return k;
}

/** One column of the store. */
interface Column {
  /** Makes room for rows `[0, capacity)` (called by the store before a row past the room is appended). */
  reserve(capacity: number): void;
  append(row: number, value: Value): void;
  get(row: number): Value;
  compact(keep: Uint8Array, n: number): void;
  /** Gives back the spare room of the arrays past row `n` (the file is read: no row is appended any more). */
  fit(n: number): void;
}

/**
 * `array` cut to its first `n` elements: a view when at most an eighth of it is spare room (a
 * table whose size the first block foretold keeps about 3%: pages never written are never mapped,
 * and a copy would allocate the whole column again — issue 10, ext: on the main thread every
 * 64 MB of new array buffers starts a full collection of the heap); else a copy, so that the
 * spare room is freed.
 */
function fitted<T extends Typed>(array: T, n: number): T {
  if (n === array.length) return array;
  return (n * 8 >= array.length * 7 ? array.subarray(0, n) : array.slice(0, n)) as T;
}

class TextColumn implements Column {
  codes: Codes = new Int8Array(INITIAL);
  readonly strings: string[] = [];
  /**
   * Distinct value → code, found by the value's UTF-8 bytes: entry k of the index is code k (no
   * string made for a value seen before, no `Map` of strings). Null for a column of distinct
   * values (a key) or once it grew too big (then each value gets a new code).
   * One index, not a `Map` beside it: at ten million activities each extra table a lookup
   * reads is one more cache miss per cell (issue 10, scale).
   */
  private bytesIndex: ByteIndex | null;

  constructor(distinct: boolean) {
    this.bytesIndex = distinct ? null : new ByteIndex();
  }

  reserve(capacity: number): void {
    this.codes = room(this.codes, capacity);
  }

  append(row: number, value: Value): void {
    // The code first: finding it may widen `codes` (a new array).
    const code = value === null ? -1 : this.codeOf(value as string);
    this.codes[row] = code;
  }

  /** The code of `text`, added to the dictionary when new. */
  private codeOf(text: string): number {
    const index = this.bytesIndex;
    if (index === null) {
      const code = this.strings.push(text) - 1;
      this.codes = wideEnough(this.codes, code);
      return code;
    }
    const bytes = textBytes(text);
    const code = index.add(bytes, 0, bytes.length);
    if (index.added) this.added(text);
    return code;
  }

  /** Keeps the string of the code just added; past {@link MAX_DICTIONARY} the column stops looking values up. */
  private added(text: string): void {
    this.codes = wideEnough(this.codes, this.strings.push(text) - 1);
    if (this.strings.length >= MAX_DICTIONARY) this.bytesIndex = null;
  }

  /**
   * The code of the text whose UTF-8 bytes are `[start, end)` of `bytes`, added when new; -1 when
   * the column keeps no dictionary (then the caller appends the string).
   */
  codeOfBytes(bytes: Uint8Array, start: number, end: number): number {
    const index = this.bytesIndex;
    if (index === null) return -1;
    const code = index.add(bytes, start, end);
    if (index.added) this.added(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8', start, end));
    return code;
  }

  appendCode(row: number, code: number): void {
    this.codes[row] = code;
  }

  fit(n: number): void {
    this.codes = fitted(this.codes, n);
    // Finding a value by its bytes is only for reading the file.
    this.bytesIndex = null;
  }

  get(row: number): string | null {
    const code = this.codes[row];
    return code < 0 ? null : this.strings[code];
  }

  compact(keep: Uint8Array, n: number): void {
    compactArray(this.codes, keep, n);
  }
}

/**
 * A text key column: each row's key held once, as bytes, in the table's {@link KeySet} (which
 * also holds the keys of rejected rows); a row keeps the key's entry. A string is made per read.
 */
class KeyColumn implements Column {
  /** Row i's key entry: i itself (kept as a count) while no row was rejected — ten million activity ids keep no array of entries. */
  readonly entryOf = new CountingInts();

  constructor(private readonly keys: KeySet) {
    this.entryOf.reserve(INITIAL);
  }

  /** Number of key entries (the keys of every row read, accepted or not). */
  get entries(): number {
    return this.keys.keys.size;
  }

  reserve(capacity: number): void {
    this.entryOf.reserve(capacity);
  }

  append(row: number, value: Value): void {
    this.appendCode(row, value === null ? -1 : this.keys.keys.addText(value as string));
  }

  appendCode(row: number, code: number): void {
    this.entryOf.append(row, code);
  }

  code(row: number): number {
    return this.entryOf.get(row);
  }

  get(row: number): string | null {
    const code = this.entryOf.get(row);
    return code < 0 ? null : this.keys.keys.text(code);
  }

  fit(n: number): void {
    this.entryOf.fit(n);
  }

  compact(keep: Uint8Array, n: number): void {
    this.entryOf.compact(keep, n);
  }
}

/**
 * Day numbers in Int16 while every day is within 32,767 days of 1970 (1880 to 2059), then in
 * Int32: ten million activities keep 20 MB less. The missing day is the lowest value of either.
 */
class DayColumn implements Column {
  days: Int16Array | Int32Array = new Int16Array(INITIAL);
  private none = NO_DAY_16;
  reserve(capacity: number): void {
    this.days = room(this.days, capacity);
  }
  append(row: number, value: Value): void {
    if (value === null) {
      this.days[row] = this.none;
      return;
    }
    const day = (value as number) / DAY_MS;
    if ((day > 32_767 || day < -32_767) && this.none === NO_DAY_16) this.widen();
    this.days[row] = day;
  }
  /** Day numbers in Int32 from now on (the missing day too). */
  private widen(): void {
    const wide = new Int32Array(this.days.length);
    const days = this.days;
    for (let i = 0; i < days.length; i++) wide[i] = days[i] === NO_DAY_16 ? NO_DAY : days[i];
    this.days = wide;
    this.none = NO_DAY;
  }
  fit(n: number): void {
    this.days = fitted(this.days, n);
  }
  get(row: number): number | null {
    const d = this.days[row];
    return d === this.none ? null : d * DAY_MS;
  }
  compact(keep: Uint8Array, n: number): void {
    compactArray(this.days, keep, n);
  }
}

class TimeColumn implements Column {
  ms = new Float64Array(INITIAL);
  reserve(capacity: number): void {
    this.ms = room(this.ms, capacity);
  }
  append(row: number, value: Value): void {
    this.ms[row] = value === null ? NaN : (value as number);
  }
  fit(n: number): void {
    this.ms = fitted(this.ms, n);
  }
  get(row: number): number | null {
    const v = this.ms[row];
    return Number.isNaN(v) ? null : v;
  }
  compact(keep: Uint8Array, n: number): void {
    compactArray(this.ms, keep, n);
  }
}

class BooleanColumn implements Column {
  flags = new Int8Array(INITIAL);
  reserve(capacity: number): void {
    this.flags = room(this.flags, capacity);
  }
  append(row: number, value: Value): void {
    this.flags[row] = value === null ? -1 : value ? 1 : 0;
  }
  fit(n: number): void {
    this.flags = fitted(this.flags, n);
  }
  get(row: number): boolean | null {
    const f = this.flags[row];
    return f < 0 ? null : f === 1;
  }
  compact(keep: Uint8Array, n: number): void {
    compactArray(this.flags, keep, n);
  }
}

/**
 * Units and scale of the plain decimal text `text` (`-?digits(.digits)?`), or false when it is
 * not one or has more than 15 digits (then it is not exact as a Float64 integer in every case).
 * Written to {@link plain} to make no object per cell.
 */
export function plainDecimal(text: string): boolean {
  const n = text.length;
  let i = 0;
  let negative = false;
  if (n > 0 && text.charCodeAt(0) === 45 /* - */) {
    negative = true;
    i = 1;
  }
  let units = 0;
  let digits = 0;
  let scale = 0;
  let point = -1;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (units !== 0 || c !== 48) digits++;
      units = units * 10 + (c - 48);
      if (point >= 0) scale++;
    } else if (c === 46 /* . */ && point < 0) point = i;
    else return false;
  }
  const intDigits = point < 0 ? n - (negative ? 1 : 0) : point - (negative ? 1 : 0);
  // Left to the general reader: `.5`, `5.`, `-`, and what it refuses or reads otherwise (too many digits).
  if (intDigits === 0 || (point >= 0 && scale === 0) || digits > MAX_PLAIN_DIGITS || scale > MAX_FRACTION_DIGITS) return false;
  plain.units = units === 0 ? 0 : negative ? -units : units;
  plain.scale = scale;
  return true;
}

/** {@link plainDecimal} over the UTF-8 bytes `[start, end)` of a cell (no string made); same result, same {@link plain}. */
export function plainDecimalBytes(bytes: Uint8Array, start: number, end: number): boolean {
  let i = start;
  let negative = false;
  if (end > start && bytes[start] === 45 /* - */) {
    negative = true;
    i++;
  }
  let units = 0;
  let digits = 0;
  let scale = 0;
  let point = -1;
  for (; i < end; i++) {
    const c = bytes[i];
    if (c >= 48 && c <= 57) {
      if (units !== 0 || c !== 48) digits++;
      units = units * 10 + (c - 48);
      if (point >= 0) scale++;
    } else if (c === 46 /* . */ && point < 0) point = i;
    else return false;
  }
  const intDigits = (point < 0 ? end : point) - start - (negative ? 1 : 0);
  if (intDigits === 0 || (point >= 0 && scale === 0) || digits > MAX_PLAIN_DIGITS || scale > MAX_FRACTION_DIGITS) return false;
  plain.units = units === 0 ? 0 : negative ? -units : units;
  plain.scale = scale;
  return true;
}

/** The result of the last successful {@link plainDecimal}. */
export const plain = { units: 0, scale: 0 };

const POWERS = Array.from({ length: 40 }, (_, k) => new Decimal(10).pow(k));

class NumberColumn implements Column {
  /**
   * Int32 while every value's units fit (an amount below 21,474,836.48 in cents; an empty cell
   * is 0), then Float64: ten million activities whose value is mostly empty keep 40 MB less.
   */
  units: Int32Array | Float64Array = new Int32Array(INITIAL);
  scales = new Int8Array(INITIAL);
  /** Values of more than 15 digits (or a scale above 39), by row. */
  private aside = new Map<number, Decimal>();

  reserve(capacity: number): void {
    this.units = room(this.units, capacity);
    this.scales = room(this.scales, capacity);
  }

  /** Appends the value read by {@link plainDecimal}. */
  appendPlain(row: number): void {
    const units = plain.units;
    if ((units | 0) !== units) this.wide();
    this.units[row] = units;
    this.scales[row] = plain.scale;
  }

  /** Units in Float64 from now on (any integer up to 2^53 is exact there). */
  private wide(): void {
    if (this.units instanceof Float64Array) return;
    this.units = Float64Array.from(this.units);
  }

  append(row: number, value: Value): void {
    if (value === null) {
      this.scales[row] = NO_NUMBER;
      return;
    }
    const d = value as Decimal;
    const dp = d.decimalPlaces();
    const units = dp < POWERS.length ? d.mul(POWERS[dp]) : null;
    if (units !== null && units.abs().lte(SAFE)) {
      const n = units.toNumber();
      if ((n | 0) !== n) this.wide();
      this.units[row] = n;
      this.scales[row] = dp;
    } else {
      this.scales[row] = ASIDE;
      this.aside.set(row, d);
    }
  }

  fit(n: number): void {
    this.units = fitted(this.units, n);
    this.scales = fitted(this.scales, n);
  }

  get(row: number): Decimal | null {
    const scale = this.scales[row];
    if (scale === NO_NUMBER) return null;
    if (scale === ASIDE) return this.aside.get(row)!;
    const units = this.units[row];
    if (units === 0) return ZERO;
    if (scale === 0 && units < 1e7 && units > -1e7) return new Decimal(units);
    // Made from its fields, not parsed from text (graph/decimal-units.ts); its digit words are
    // sized exactly (a Decimal parsed from text keeps room for 17: 248 bytes instead of 128, 120 MB
    // more for a million deals' credit amounts kept).
    return decimalOfUnits(units, scale);
  }

  compact(keep: Uint8Array, n: number): void {
    const moved = new Map<number, Decimal>();
    let k = 0;
    for (let i = 0; i < n; i++) {
      if (!keep[i]) continue;
      this.units[k] = this.units[i];
      this.scales[k] = this.scales[i];
      if (this.scales[i] === ASIDE) moved.set(k, this.aside.get(i)!);
      k++;
    }
    this.aside = moved;
  }
}

/**
 * A field added once the table is read (a derived field computed by the evaluator, issue 10): its
 * values as they were computed, one per row, kept in the caller's array (a missing slot reads as
 * missing). Not appended to while the file is read.
 */
class ValueColumn implements Column {
  constructor(private values: Value[]) {}
  reserve(): void {}
  append(row: number, value: Value): void {
    this.values[row] = value;
  }
  get(row: number): Value {
    return this.values[row] ?? null;
  }
  fit(): void {}
  compact(keep: Uint8Array, n: number): void {
    this.values = this.values.filter((_, i) => i >= n || keep[i] !== 0);
  }
}

/**
 * A field added once the table is read whose value is computed on each read (a derived field
 * whose values would cost more to keep than to compute again, issue 10): `compute(i)` must give
 * the same value every time for row `i`.
 */
class ComputedColumn implements Column {
  constructor(private readonly compute: (row: number) => Value) {}
  reserve(): void {}
  append(): void {
    throw new Error('internal: a computed column is not appended to');
  }
  get(row: number): Value {
    return this.compute(row);
  }
  fit(): void {}
  compact(): void {
    throw new Error('internal: a computed column is added after the rows are kept');
  }
}

function columnFor(type: FieldType, key: boolean, keys: KeySet | undefined): Column {
  switch (type) {
    case 'text':
      return key && keys !== undefined ? new KeyColumn(keys) : new TextColumn(key);
    case 'date':
      return new DayColumn();
    case 'timestamp':
      return new TimeColumn();
    case 'boolean':
      return new BooleanColumn();
    case 'money':
    case 'number':
    case 'percent':
      return new NumberColumn();
  }
}

/**
 * The accepted rows of a table as columns, in file order. Rows are appended while the file is
 * read ({@link append}), possibly dropped afterwards ({@link keepOnly}, for rows a lookup
 * rejects), and read by position: {@link value} for one field, {@link row} for a whole row
 * made on demand (a new object each call), {@link rows} for all of them (the shape every
 * consumer of `LoadedTable.rows` reads).
 */
export class ColumnStore {
  /** The source line of each row: kept as a count while they follow one another (see `CountingInts`). */
  private readonly lines = new CountingInts();
  /** Rows the columns have room for. */
  private capacity = INITIAL;
  private readonly columns: Column[];
  /** Number of the schema's fields (the columns past them were added by {@link addColumn}). */
  private readonly width: number;
  private count = 0;

  /** @param keys the table's seen keys, where a text key column keeps its values (see `KeyColumn`); without it, as strings. */
  constructor(schema: TableSchema, keys?: KeySet) {
    this.columns = schema.fields.map((f) => columnFor(f.type, f.key === true, keys));
    this.width = this.columns.length;
    this.lines.reserve(INITIAL);
  }

  /**
   * The dictionary code of the text in bytes `[start, end)` for text field `field` (see
   * `TextColumn.codeOfBytes`), -1 when that column keeps no dictionary.
   */
  textCode(field: number, bytes: Uint8Array, start: number, end: number): number {
    const column = this.columns[field];
    return column instanceof TextColumn ? column.codeOfBytes(bytes, start, end) : -1;
  }

  /** The text of dictionary code `code` of text field `field`. */
  textOf(field: number, code: number): string {
    return (this.columns[field] as TextColumn).strings[code];
  }

  /**
   * The dictionary code (text column) or key entry (text key column, see `KeyColumn`) of field
   * `field` in row `i`: -1 for a missing value; undefined for a column of another type. Rows with
   * the same code hold the same text.
   */
  code(i: number, field: number): number | undefined {
    const column = this.columns[field];
    return column instanceof TextColumn ? column.codes[i] : column instanceof KeyColumn ? column.code(i) : undefined;
  }

  /**
   * The dictionary codes (text column) or key entries (text key column) of field `field`, one per
   * row, as {@link code} gives them; null for a column of another type. Valid until rows are
   * dropped ({@link keepOnly}).
   */
  codes(field: number): ArrayLike<number> | null {
    const column = this.columns[field];
    return column instanceof TextColumn ? column.codes.subarray(0, this.count) : column instanceof KeyColumn ? column.entryOf.values(this.count) : null;
  }

  /** How many codes {@link code} may give for text field `field` (0 for a column of another type). */
  codeCount(field: number): number {
    const column = this.columns[field];
    return column instanceof TextColumn ? column.strings.length : column instanceof KeyColumn ? column.entries : 0;
  }

  /**
   * The day numbers (whole days since 1970-01-01: the date is day × 86,400,000 ms) of date field
   * `field`, one per row, in Int16 or Int32 (a missing date is the lowest value of the type);
   * null for a column of another type. Valid until rows are dropped ({@link keepOnly}).
   */
  dayNumbers(field: number): Int16Array | Int32Array | null {
    const column = this.columns[field];
    return column instanceof DayColumn ? column.days.subarray(0, this.count) : null;
  }

  /** The key entries of the rows when `field` is a text key column (see `KeyColumn`), else null. */
  keyEntries(field: number): Int32Array | null {
    const column = this.columns[field];
    return column instanceof KeyColumn ? column.entryOf.values(this.count) : null;
  }

  /**
   * The raw parts of number field `field` (money, number, percent), for a reader that wants the
   * exact values without a Decimal each (compiled decisions' columns, issue 10): row `i` is
   * `units[i] × 10^-scales[i]` (units an integer below 2^53, scale 0–39), or missing when
   * `scales[i]` is {@link NO_NUMBER}, or a Decimal that only {@link value} gives when it is
   * {@link ASIDE}. Null for a column of another type. The arrays may be longer than
   * {@link length}; they are valid until rows are dropped ({@link keepOnly}).
   */
  numberParts(field: number): NumberParts | null {
    const column = this.columns[field];
    return column instanceof NumberColumn ? { units: column.units, scales: column.scales } : null;
  }

  /** Sets text field `field` of the row begun by {@link start} to dictionary code (or key entry) `code`. */
  setCode(field: number, code: number): void {
    (this.columns[field] as TextColumn | KeyColumn).appendCode(this.count, code);
  }

  /** Number of rows. */
  get length(): number {
    return this.count;
  }

  /**
   * Gives every column room for `rows` rows at once (nothing when it has that room already): a
   * table whose size is foretold grows no more (see `loadTableStream`). {@link fit} gives back
   * what is not used.
   */
  expect(rows: number): void {
    const capacity = Math.ceil(rows);
    if (!(capacity > this.capacity)) return;
    this.capacity = capacity;
    this.lines.reserve(capacity);
    for (const c of this.columns) c.reserve(capacity);
  }

  /** Starts a new row at source `line`; its fields are then set in order with {@link set} / {@link setPlain}. */
  start(line: number): number {
    if (this.count >= this.capacity) {
      // Room for half as many rows again, in every column at once: an append checks nothing.
      const capacity = Math.ceil(this.capacity * 1.5);
      this.capacity = capacity;
      this.lines.reserve(capacity);
      for (const c of this.columns) c.reserve(capacity);
    }
    this.lines.append(this.count, line);
    return this.count;
  }

  /** Sets field `field` of the row begun by {@link start}. */
  set(field: number, value: Value): void {
    this.columns[field].append(this.count, value);
  }

  /** Sets number field `field` to the value last read by {@link plainDecimal} (no Decimal made). */
  setPlain(field: number): void {
    (this.columns[field] as NumberColumn).appendPlain(this.count);
  }

  /** Ends the row begun by {@link start}. */
  end(): void {
    this.count++;
  }

  /** Source line of row `i` (the header is line 1). */
  line(i: number): number {
    return this.lines.get(i);
  }

  /** Value of field `field` of row `i`, as `Row.values` holds it (a new Decimal for a number field). */
  value(i: number, field: number): Value {
    return this.columns[field].get(i);
  }

  /** Row `i` as a `Row` (a new object each call). */
  row(i: number): Row {
    const values: Value[] = new Array(this.columns.length);
    for (let f = 0; f < this.columns.length; f++) values[f] = this.columns[f].get(i);
    return { line: this.lines.get(i), values };
  }

  /** Every row as a `Row`, in order. */
  rows(): Row[] {
    const out = new Array<Row>(this.count);
    for (let i = 0; i < this.count; i++) out[i] = this.row(i);
    return out;
  }

  /**
   * Adds field `field` past the schema's fields (a derived field's slot), holding `values[i]` for
   * row `i` (the array is kept, not copied; a value past its end, or a slot between the schema's
   * fields and `field` not added yet, reads as missing) — or, given a function, `values(i)`
   * computed on each read. Adding the same field again replaces it. {@link value} and {@link row}
   * read it like the others.
   * @throws Error when `field` is one of the schema's fields.
   */
  addColumn(field: number, values: readonly Value[] | ((row: number) => Value)): void {
    if (field < this.width) throw new Error(`internal: field ${field} is a source field of the table, not an added one`);
    while (this.columns.length < field) this.columns.push(new ValueColumn([]));
    this.columns[field] = typeof values === 'function' ? new ComputedColumn(values) : new ValueColumn(values as Value[]);
  }

  /** Gives back the spare room of the growing arrays: called once the file is read (no row is appended after). */
  fit(): void {
    for (const c of this.columns) c.fit(this.count);
    this.lines.fit(this.count);
    this.capacity = this.count;
  }

  /** Keeps only the rows `i` with `keep[i] !== 0`, in order. */
  keepOnly(keep: Uint8Array): void {
    for (const c of this.columns) c.compact(keep, this.count);
    this.count = this.lines.compact(keep, this.count);
  }
}

/**
 * The classes a {@link ColumnStore} is made of (a store read in a worker thread is sent back
 * whole, see `transfer.ts`). Not the columns added after loading (values, computed).
 */
export const STORE_CLASSES: readonly SentClass[] = [ColumnStore, TextColumn, KeyColumn, DayColumn, TimeColumn, BooleanColumn, NumberColumn];
