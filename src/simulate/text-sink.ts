/**
 * Reports written as they are produced: a report that can be large (one line per deal or per
 * payout line) is written piece by piece to a {@link TextSink} instead of being built as one
 * string, so a run over a million deals never holds its whole report. The pieces put together
 * are byte for byte the text the `format…` functions return.
 */

import { isPlain, jsonText, keyText, leftOut, pad } from './json-text.js';

/** Where report text goes, piece by piece, in order. */
export interface TextSink {
  write(text: string): void;
}

/** A sink that gathers everything into one string (`text()`): the `format…` functions use it. */
export class StringSink implements TextSink {
  private readonly parts: string[] = [];
  write(text: string): void {
    this.parts.push(text);
  }
  text(): string {
    return this.parts.join('');
  }
}

/** Bytes gathered before {@link ChunkedSink} hands them on (one megabyte: few system calls, little memory). */
const CHUNK_BYTES = 1 << 20;
/** Characters of small pieces joined before they are encoded (see `ChunkedSink.pending`). */
const PENDING_CHARS = 16 * 1024;

/**
 * A sink that encodes the pieces as UTF-8 into one reused buffer of a megabyte and hands the
 * filled part to `out` (a file or standard output) whenever the next piece might not fit;
 * `end()` hands on the rest. The bytes handed on are only valid during the call (the buffer is
 * then written over): `out` writes them at once or copies them. No string is kept once encoded,
 * so a report of any size takes a megabyte here. `onRow`, when given, is called every 10,000
 * rows counted with `row()`, and at the end, with the rows so far (progress).
 */
export class ChunkedSink implements TextSink {
  private readonly buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;
  private rows = 0;
  /**
   * Pieces not yet encoded, joined: encoding costs a call into the runtime per string, so a few
   * kilobytes of small pieces (keys, amounts, one entry) are encoded at once (issue 10, scale).
   */
  private pending = '';
  constructor(
    private readonly out: (chunk: Uint8Array) => void,
    private readonly onRow?: (rows: number) => void,
  ) {}
  write(text: string): void {
    if (text.length >= PENDING_CHARS) {
      // A long piece is encoded on its own (handed on whole when longer than a chunk).
      this.encode(this.pending);
      this.pending = '';
      this.encode(text);
      return;
    }
    const pending = this.pending + text;
    if (pending.length < PENDING_CHARS) this.pending = pending;
    else {
      this.pending = '';
      this.encode(pending);
    }
  }
  /** Counts one row of the report written (for progress). */
  row(): void {
    if (this.onRow !== undefined && ++this.rows % 10_000 === 0) this.onRow(this.rows);
  }
  end(): void {
    this.encode(this.pending);
    this.pending = '';
    this.flush();
    this.onRow?.(this.rows);
  }
  /** Encodes `text` as UTF-8 after what the buffer holds, handing the buffer on first when it might not fit. */
  private encode(text: string): void {
    // A UTF-16 code unit is at most 3 bytes of UTF-8, so a piece within this bound always fits;
    // near the end of the buffer its exact length says (once a chunk: chunks stay nearly full).
    const room = CHUNK_BYTES - this.used;
    if (text.length * 3 > room && (text.length > room || Buffer.byteLength(text, 'utf8') > room)) {
      this.flush();
      if (text.length * 3 > CHUNK_BYTES) {
        this.out(Buffer.from(text, 'utf8'));
        return;
      }
    }
    this.used += this.buffer.write(text, this.used);
  }
  private flush(): void {
    if (this.used === 0) return;
    const chunk = this.buffer.subarray(0, this.used);
    this.used = 0;
    this.out(chunk);
  }
}

/** Counts a row on `sink` when it counts rows (a {@link ChunkedSink}). */
export function countRow(sink: TextSink): void {
  if (sink instanceof ChunkedSink) sink.row();
}

/** A JSON array whose items are produced one at a time while it is written (see {@link writeJson}). */
export class LazyArray<T = unknown> {
  constructor(
    readonly items: () => Iterable<T>,
    /**
     * `rows`: each item counts as a row of the report (progress; default true). `written`: called
     * once the array is written, so that a writer that is the last reader of the items can let
     * them go (issue 10: a million deals need not stay live while the releases are written).
     */
    readonly options: { rows?: boolean; written?: () => void } = {},
  ) {}
}

/** One field of a {@link LazyRecords} entry: its key, and its value from the source item. */
export interface RecordField<T> {
  key: string;
  /** The value (any JSON value; `undefined` is left out of the text, as JSON.stringify leaves it out). */
  value: (item: T) => unknown;
  /**
   * The text never has a character JSON escapes (a date or an amount written by the engine): it is
   * quoted as it is. A function says it per item (read after `value`); false: the text is checked.
   */
  plain?: boolean | ((item: T) => boolean);
  /** When given, the key is in the entry only for the items it is true of (a group of keys some entries have; consecutive fields with the same function ask it once per entry: it must depend on the item alone). */
  when?: (item: T) => boolean;
  /**
   * The values repeat, so the field's text (`,⏎  "key": "value"`) of a value that is a string,
   * number, boolean or null is made once and kept (see {@link FieldPieces}): `few` — the values
   * are a short list (a rep, a stage, a date): up to {@link PIECES_KEPT} texts are kept; `runs` —
   * the same value comes in runs (a deal's releases one after another): only the last is kept.
   * For the report's speed only: the text is the one written without it.
   */
  repeats?: 'few' | 'runs';
  /**
   * The value's JSON text made directly — exactly what `jsonText` writes for `value(item)` —
   * when that is cheaper than the value and its text (a score's number from its rounded units).
   * `value` is still the value (what {@link materialize} gives); the value must not be `undefined`.
   */
  text?: (item: T) => string;
}

/** Texts kept per {@link RecordField} with `repeats: 'few'` (a bound on memory whatever the values). */
const PIECES_KEPT = 8192;

/** A value that {@link FieldPieces} keeps a text of: its JSON text depends on the value alone. */
type Primitive = string | number | boolean | null;
const isPrimitive = (v: unknown): v is Primitive => v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/**
 * The texts of one field of a {@link LazyRecords} entry, key and value (`prefix` + the value's
 * JSON text), kept per value: the longest lists of the JSON report name the same few hundred reps,
 * stages, days and reasons millions of times, and each was quoted (a check of its characters)
 * and joined to its key anew. A value is looked up with SameValueZero (`0` and `-0`, whose texts
 * are the same "0", share a text; so do NaNs, "null").
 */
class FieldPieces {
  private last: Primitive | undefined = undefined;
  private lastText = '';
  private readonly kept: Map<Primitive, string> | null;
  constructor(
    private readonly prefix: string,
    few: boolean,
  ) {
    this.kept = few ? new Map() : null;
  }
  text(v: Primitive): string {
    if (v === this.last && this.last !== undefined) return this.lastText;
    let text = this.kept?.get(v);
    if (text === undefined) {
      text = this.prefix + jsonText(v, 0);
      if (this.kept !== null && this.kept.size < PIECES_KEPT) this.kept.set(v, text);
    }
    this.last = v;
    this.lastText = text;
    return text;
  }
}

/**
 * A {@link LazyArray} of flat records, one per source item, each with the same `fields` in
 * order (the value `undefined` is not allowed: every key is written). Its items are the plain
 * objects (for {@link materialize}); {@link writeJson} writes each entry's text from the fields
 * directly, with the keys and indentation made once: the longest list of the JSON report
 * (every release of every deal) is written without an object, a key lookup or a scan of an
 * amount or date per entry. The text is what JSON.stringify writes for the object.
 */
export class LazyRecords<T> extends LazyArray<Record<string, unknown>> {
  constructor(
    readonly source: () => readonly T[],
    readonly fields: readonly RecordField<T>[],
    /** Called once the entries are written (see {@link LazyArray}'s `written`). */
    written?: () => void,
  ) {
    super(() => mapped(source(), (item) => recordOf(item, fields)), written ? { written } : {});
  }

  /**
   * The JSON text of one entry for nesting at `depth`, as {@link jsonText} of its object,
   * after `lead` (what comes before the entry in its array: `[⏎  ` or `,⏎  `).
   */
  entryText(item: T, depth: number, lead = ''): string {
    const at = this.prefixesAt(depth);
    const fields = this.fields;
    let text = lead;
    let first = true;
    // A group of keys shares one `when`: it is asked once per entry.
    let when: ((item: T) => boolean) | undefined;
    let holds = true;
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i];
      if (field.when !== undefined) {
        if (field.when !== when) {
          when = field.when;
          holds = when(item);
        }
        if (!holds) continue;
      }
      if (field.text !== undefined) {
        text += `${first ? at.open[i] : at.comma[i]}${field.text(item)}`;
        first = false;
        continue;
      }
      const v = field.value(item);
      if (leftOut(v)) continue;
      const pieces = first ? at.openPieces[i] : at.commaPieces[i];
      if (pieces !== null && isPrimitive(v)) text += pieces.text(v);
      else {
        const plain = typeof v === 'string' && (field.plain === true || (typeof field.plain === 'function' && field.plain(item)));
        text += `${first ? at.open[i] : at.comma[i]}${plain ? `"${v}"` : jsonText(v, depth + 1)}`;
      }
      first = false;
    }
    return first ? `${text}{}` : text + at.close;
  }

  private prefixes: Prefixes | null = null;
  /** `{⏎  "key": ` (the first key written) and `,⏎  "key": ` (the others) for each field, at `depth`, and their kept texts. */
  private prefixesAt(depth: number): Prefixes {
    if (this.prefixes?.depth !== depth) {
      const inner = `\n${pad(depth + 1)}`;
      const open = this.fields.map((f) => `{${inner}${keyText(f.key)}`);
      const comma = this.fields.map((f) => `,${inner}${keyText(f.key)}`);
      const pieces = (prefixes: string[]) => this.fields.map((f, i) => (f.repeats === undefined ? null : new FieldPieces(prefixes[i], f.repeats === 'few')));
      this.prefixes = { depth, open, comma, openPieces: pieces(open), commaPieces: pieces(comma), close: `\n${pad(depth)}}` };
    }
    return this.prefixes;
  }
}

/** A {@link LazyRecords}' texts made once for a depth. */
interface Prefixes {
  depth: number;
  open: string[];
  comma: string[];
  openPieces: (FieldPieces | null)[];
  commaPieces: (FieldPieces | null)[];
  close: string;
}

function recordOf<T>(item: T, fields: readonly RecordField<T>[]): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const f of fields) if (f.when === undefined || f.when(item)) record[f.key] = f.value(item);
  return record;
}

/** Each item of `items` through `f`, one at a time (for a {@link LazyArray}). */
export function mapped<T, U>(items: Iterable<T>, f: (item: T) => U): Iterable<U> {
  return new Mapped(items, f);
}

/** {@link mapped}'s iterable: {@link writeJson} walks an array of it by index, without a generator. */
class Mapped<T, U> implements Iterable<U> {
  constructor(
    readonly items: Iterable<T>,
    readonly f: (item: T) => U,
  ) {}
  *[Symbol.iterator](): Generator<U> {
    for (const item of this.items) yield this.f(item);
  }
}

/**
 * Writes `value` to `sink` exactly as `JSON.stringify(value, null, 2)` would write it with every
 * {@link LazyArray} replaced by the array of its items — but one item at a time: the plain
 * objects and arrays around the items are written piece by piece, and each item (an entry of a
 * lazy or plain array) as one text. Lazy arrays may be `value` or stand as values of plain
 * objects at any depth (not inside arrays). Keys whose value is `undefined` are left out, as
 * JSON.stringify leaves them out. Each item of a lazy array counts as a row ({@link countRow}).
 */
export function writeJson(value: unknown, sink: TextSink, depth = 0): void {
  if (value instanceof LazyRecords) {
    writeRecords(value, sink, depth);
    value.options.written?.();
    return;
  }
  if (value instanceof LazyArray) {
    writeItems(value.items(), sink, depth, value.options.rows ?? true);
    value.options.written?.();
    return;
  }
  if (value === null || typeof value !== 'object' || !(Array.isArray(value) || isPlain(value))) {
    sink.write(jsonText(value, depth));
    return;
  }
  if (Array.isArray(value)) {
    writeItems(value, sink, depth, false);
    return;
  }
  const inner = `\n${pad(depth + 1)}`;
  let first = true;
  for (const key of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[key];
    if (leftOut(v)) continue;
    sink.write(`${first ? '{' : ','}${inner}${keyText(key)}`);
    writeJson(v, sink, depth + 1);
    first = false;
  }
  sink.write(first ? '{}' : `\n${pad(depth)}}`);
}

function writeItems(items: Iterable<unknown>, sink: TextSink, depth: number, rows: boolean): void {
  const inner = `\n${pad(depth + 1)}`;
  let first = true;
  const one = (item: unknown) => {
    sink.write(`${first ? '[' : ','}${inner}${jsonText(item, depth + 1)}`);
    if (rows) countRow(sink);
    first = false;
  };
  if (items instanceof Mapped && Array.isArray(items.items)) {
    // The long lists: an array, each entry made into its JSON object just before it is written.
    const source: unknown[] = items.items;
    const f = items.f as (item: unknown) => unknown;
    for (let i = 0; i < source.length; i++) one(f(source[i]));
  } else for (const item of items) one(item);
  sink.write(first ? '[]' : `\n${pad(depth)}]`);
}

/** A {@link LazyRecords}' entries, each written from its fields (and counted as a row). */
function writeRecords<T>(records: LazyRecords<T>, sink: TextSink, depth: number): void {
  const inner = `\n${pad(depth + 1)}`;
  const firstLead = `[${inner}`;
  const lead = `,${inner}`;
  const source = records.source();
  for (let i = 0; i < source.length; i++) {
    sink.write(records.entryText(source[i], depth + 1, i === 0 ? firstLead : lead));
    countRow(sink);
  }
  sink.write(source.length === 0 ? '[]' : `\n${pad(depth)}]`);
}

/** The plain value: every {@link LazyArray} in plain objects at any depth (or `value` itself) made an array. */
export function materialize(value: unknown): unknown {
  if (value instanceof LazyArray) return [...value.items()];
  if (value === null || typeof value !== 'object' || Array.isArray(value) || !hasLazy(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, materialize(v)]));
}

/** True when a plain object holds a {@link LazyArray} at any depth of plain objects. */
function hasLazy(value: object): boolean {
  return Object.values(value).some((v) => v instanceof LazyArray || (v !== null && typeof v === 'object' && !Array.isArray(v) && hasLazy(v)));
}
