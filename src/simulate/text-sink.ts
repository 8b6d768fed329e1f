/**
 * Reports written as they are produced: a report that can be large (one line per deal or per
 * payout line) is written piece by piece to a {@link TextSink} instead of being built as one
 * string, so a run over a million deals never holds its whole report. The pieces put together
 * are byte for byte the text the `format…` functions return.
 */

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
  constructor(
    private readonly out: (chunk: Uint8Array) => void,
    private readonly onRow?: (rows: number) => void,
  ) {}
  write(text: string): void {
    // A UTF-16 code unit is at most 3 bytes of UTF-8, so a piece within this bound always fits.
    if (text.length * 3 > CHUNK_BYTES - this.used) {
      this.flush();
      if (text.length * 3 > CHUNK_BYTES) {
        this.out(Buffer.from(text, 'utf8'));
        return;
      }
    }
    this.used += this.buffer.write(text, this.used);
  }
  /** Counts one row of the report written (for progress). */
  row(): void {
    if (this.onRow !== undefined && ++this.rows % 10_000 === 0) this.onRow(this.rows);
  }
  end(): void {
    this.flush();
    this.onRow?.(this.rows);
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
  constructor(readonly items: () => Iterable<T>) {}
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

/** Two spaces per level, made once per depth. */
const pads: string[] = [''];
function pad(depth: number): string {
  while (pads.length <= depth) pads.push(`${pads[pads.length - 1]}  `);
  return pads[depth];
}

/**
 * A string as JSON text, as JSON.stringify writes it. Only a string with a character JSON
 * escapes (quote, backslash, a control character, or a surrogate: a lone one is escaped) goes
 * through JSON.stringify; the rest — nearly every name, date and amount — are quoted as they are.
 * (A loop over the characters: faster than a regular expression on these short strings.)
 */
function quote(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return JSON.stringify(text);
  }
  return `"${text}"`;
}

/** `"key": ` of the keys met so far (report keys are a few dozen names; data-made keys stop being kept past a bound). */
const keyTexts = new Map<string, string>();
function keyText(key: string): string {
  let text = keyTexts.get(key);
  if (text === undefined) {
    text = `${quote(key)}: `;
    if (keyTexts.size < 10_000) keyTexts.set(key, text);
  }
  return text;
}

/** A value JSON.stringify leaves out of an object (and writes as null in an array). */
const leftOut = (value: unknown) => value === undefined || typeof value === 'function' || typeof value === 'symbol';

/** An object JSON.stringify writes from its own keys alone: a plain object without `toJSON`. */
function isPlain(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}

/**
 * `JSON.stringify(value, null, 2)` with its lines indented for nesting at `depth` (and "null"
 * where JSON.stringify gives nothing), built directly: no second pass to indent. Plain objects,
 * arrays, strings, numbers and booleans are written here; anything else (a `toJSON`, a class
 * instance, a bigint) by JSON.stringify itself, so the text is always JSON.stringify's.
 */
function jsonText(value: unknown, depth: number): string {
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      if (Array.isArray(value)) return arrayText(value, depth);
      if (isPlain(value)) return objectText(value as Record<string, unknown>, depth);
      return stringified(value, depth);
    case 'bigint':
      return stringified(value, depth);
    default:
      return 'null';
  }
}

function arrayText(items: unknown[], depth: number): string {
  if (items.length === 0) return '[]';
  const inner = `\n${pad(depth + 1)}`;
  let text = '[';
  for (let i = 0; i < items.length; i++) text += `${i === 0 ? '' : ','}${inner}${jsonText(items[i], depth + 1)}`;
  return `${text}\n${pad(depth)}]`;
}

function objectText(value: Record<string, unknown>, depth: number): string {
  const inner = `\n${pad(depth + 1)}`;
  let text = '';
  for (const key of Object.keys(value)) {
    const v = value[key];
    if (leftOut(v)) continue;
    text += `${text === '' ? '{' : ','}${inner}${keyText(key)}${jsonText(v, depth + 1)}`;
  }
  return text === '' ? '{}' : `${text}\n${pad(depth)}}`;
}

/** JSON.stringify's own text of `value`, its lines indented for nesting at `depth`. */
function stringified(value: unknown, depth: number): string {
  const text = JSON.stringify(value, null, 2) ?? 'null';
  return depth === 0 || !text.includes('\n') ? text : text.replace(/\n/g, `\n${pad(depth)}`);
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
  if (value instanceof LazyArray) {
    writeItems(value.items(), sink, depth, true);
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
