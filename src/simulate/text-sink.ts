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

/** Characters gathered before {@link ChunkedSink} hands them on. */
const CHUNK_CHARS = 1 << 20;

/**
 * A sink that gathers small pieces into chunks of about a million characters and hands each to
 * `out` (a file or standard output); `end()` hands on the rest. `onRow`, when given, is called
 * every 10,000 rows counted with `row()`, and at the end, with the rows so far (progress).
 */
export class ChunkedSink implements TextSink {
  private parts: string[] = [];
  private size = 0;
  private rows = 0;
  constructor(
    private readonly out: (chunk: string) => void,
    private readonly onRow?: (rows: number) => void,
  ) {}
  write(text: string): void {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= CHUNK_CHARS) this.flush();
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
    if (this.size === 0) return;
    const chunk = this.parts.join('');
    this.parts = [];
    this.size = 0;
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

/** Each item of `items` through `f`, one at a time. */
export function* mapped<T, U>(items: Iterable<T>, f: (item: T) => U): Generator<U> {
  for (const item of items) yield f(item);
}

const pad = (depth: number) => '  '.repeat(depth);

/** `JSON.stringify(value, null, 2)`, its lines indented for nesting at `depth`. */
function nested(value: unknown, depth: number): string {
  const text = JSON.stringify(value, null, 2) ?? 'null';
  return depth === 0 || !text.includes('\n') ? text : text.replace(/\n/g, `\n${pad(depth)}`);
}

/**
 * Writes `value` to `sink` exactly as `JSON.stringify(value, null, 2)` would write it with every
 * {@link LazyArray} replaced by the array of its items — but one item at a time. Lazy arrays may
 * be `value` or stand as values of plain objects at any depth (not inside arrays).
 * Keys whose value is `undefined` are left out, as JSON.stringify leaves them out.
 */
export function writeJson(value: unknown, sink: TextSink, depth = 0): void {
  if (value instanceof LazyArray) {
    let first = true;
    for (const item of value.items()) {
      sink.write(`${first ? '[' : ','}\n${pad(depth + 1)}${nested(item === undefined ? null : item, depth + 1)}`);
      countRow(sink);
      first = false;
    }
    sink.write(first ? '[]' : `\n${pad(depth)}]`);
    return;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value) || !hasLazy(value)) {
    sink.write(nested(value, depth));
    return;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  if (entries.length === 0) {
    sink.write('{}');
    return;
  }
  entries.forEach(([k, v], i) => {
    sink.write(`${i === 0 ? '{' : ','}\n${pad(depth + 1)}${JSON.stringify(k)}: `);
    writeJson(v, sink, depth + 1);
  });
  sink.write(`\n${pad(depth)}}`);
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
