/**
 * Issue 10: reports written as they are produced. `writeJson` with lazy arrays must give the
 * bytes `JSON.stringify(value, null, 2)` gives for the plain value, and the chunked sink the
 * same text as one string — checked against JSON.stringify itself on arbitrary values.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/runtime/decimal.js';
import { ChunkedSink, LazyArray, LazyRecords, type RecordField, StringSink, materialize, writeJson } from '../../src/simulate/text-sink.js';

const lazyDocument = fc.dictionary(
  fc.string({ maxLength: 8 }),
  fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 5 }).map((items) => new LazyArray(() => items))),
  { maxKeys: 6 },
);

describe('writeJson', () => {
  it('writes JSON.stringify(…, null, 2) of the value with its lazy arrays made arrays (property)', () => {
    fc.assert(
      fc.property(lazyDocument, (doc) => {
        const sink = new StringSink();
        writeJson(doc, sink);
        expect(sink.text()).toBe(JSON.stringify(materialize(doc), null, 2));
      }),
      { numRuns: 300 },
    );
  });

  it('writes what JSON.stringify(…, null, 2) writes for any value: escapes, lone surrogates, NaN and -0, undefined, functions, toJSON, class instances (property)', () => {
    class Point {
      constructor(
        readonly x: number,
        readonly label: string,
      ) {}
    }
    // Characters JSON escapes or might: quote, backslash, controls, lone and paired surrogates (🙂 is d83d de42), U+2028, DEL.
    const tricky = fc.string({ unit: fc.constantFrom('\ud83d', '\ude42', '"', '\\', '\n', '\u0000', '\u001f', '\u2028', '\u007f', 'é', 'a'), maxLength: 6 });
    const odd = fc.oneof(
      tricky,
      fc.string({ unit: 'binary', maxLength: 6 }),
      fc.constantFrom(Number.NaN, -0, Infinity, -Infinity, 1e21, 5e-7, 0.1, undefined, () => 1, Symbol('s'), null, true),
      fc.double(),
      fc.integer(),
      fc.constant(new Decimal('-1234.50')),
      fc.constant(new Date(Date.UTC(2017, 2, 31))),
      fc.constant(new Point(1.5, 'a"b')),
    );
    const value = fc.letrec((tie) => ({
      any: fc.oneof({ depthSize: 'small' }, odd, tie('array'), tie('object'), tie('bare')),
      array: fc.array(tie('any'), { maxLength: 4 }),
      object: fc.dictionary(fc.oneof(tricky, fc.string({ unit: 'binary', maxLength: 4 })), tie('any'), { maxKeys: 4 }),
      // An object without a prototype: JSON.stringify writes its keys as a plain object's.
      bare: fc.dictionary(fc.constantFrom('a', '1', 'b'), tie('any'), { maxKeys: 3 }).map((o) => Object.assign(Object.create(null) as object, o)),
    })).any;
    fc.assert(
      fc.property(value, (v) => {
        const sink = new StringSink();
        writeJson(v, sink);
        expect(sink.text()).toBe(JSON.stringify(v, null, 2) ?? 'null');
        // Nested one level down in a lazy array (an item) and in an object (a value).
        const inLazy = new StringSink();
        writeJson({ items: new LazyArray(() => [v, v]) }, inLazy);
        expect(inLazy.text()).toBe(JSON.stringify({ items: [v, v] }, null, 2));
      }),
      { numRuns: 500 },
    );
  });

  it('a lazy array alone, empty or not, and an item that is undefined (null, as in JSON.stringify)', () => {
    const write = (v: unknown) => {
      const sink = new StringSink();
      writeJson(v, sink);
      return sink.text();
    };
    expect(write(new LazyArray(() => []))).toBe('[]');
    expect(write(new LazyArray(() => [1, { a: [2, 'x\ny'] }, undefined]))).toBe('[\n  1,\n  {\n    "a": [\n      2,\n      "x\\ny"\n    ]\n  },\n  null\n]');
    expect(write({ rows: new LazyArray(() => []), skipped: undefined })).toBe('{\n  "rows": []\n}');
  });

  it('a lazy array inside a nested object (the payments section\'s releases) is written as the plain array, and materialize makes it one', () => {
    const doc = { totals: { paid: '1.00' }, payments: { as_of: '2026-12-31', releases: new LazyArray(() => [{ deal: 'D1', amount: '0.50' }, { deal: 'D2', amount: '0.50' }]) } };
    const plain = { totals: { paid: '1.00' }, payments: { as_of: '2026-12-31', releases: [{ deal: 'D1', amount: '0.50' }, { deal: 'D2', amount: '0.50' }] } };
    const sink = new StringSink();
    writeJson(doc, sink);
    expect(sink.text()).toBe(JSON.stringify(plain, null, 2));
    expect(materialize(doc)).toEqual(plain);
  });

  it('items are produced one at a time, while the text is written', () => {
    const chunks: Buffer[] = [];
    let produced = 0;
    const items = function* () {
      for (let i = 0; i < 5; i++) {
        produced++;
        yield { i };
      }
    };
    const sink = new ChunkedSink((c) => chunks.push(Buffer.from(c)));
    const seen: number[] = [];
    writeJson({ deals: new LazyArray(() => (function* () { for (const x of items()) { seen.push(produced); yield x; } })()) }, sink);
    sink.end();
    // When the item i was handed over, only i + 1 items had been produced.
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(JSON.stringify({ deals: [0, 1, 2, 3, 4].map((i) => ({ i })) }, null, 2));
  });

  it('calls a lazy array\'s `written` once it is written, before what follows it, and counts its items as rows unless `rows` is false', () => {
    const events: string[] = [];
    const sink = new ChunkedSink(() => {}, (rows) => events.push(`rows ${rows}`));
    const many = (n: number) => Array.from({ length: n }, (_, i) => i);
    const doc = {
      counted: new LazyArray(() => many(10_000), { written: () => events.push('counted written') }),
      uncounted: new LazyArray(() => many(10_000), { rows: false, written: () => events.push('uncounted written') }),
      records: new LazyRecords(() => many(10_000), [{ key: 'i', value: (i: number) => i }], () => events.push('records written')),
      last: new LazyArray(() => (events.push('last read'), [1])),
    };
    writeJson(doc, sink);
    sink.end();
    // 10,000 rows at the first array's end, none for the second, 20,000 at the records' end, 20,001 in all.
    expect(events).toEqual(['rows 10000', 'counted written', 'uncounted written', 'rows 20000', 'records written', 'last read', 'rows 20001']);
  });
});

describe('LazyRecords', () => {
  type Item = { name: string; amount: number | null; day: string | null; flag: boolean };
  const fields: RecordField<Item>[] = [
    { key: 'name', value: (x) => x.name },
    { key: 'amount', value: (x) => x.amount },
    { key: 'day', value: (x) => x.day, plain: true },
    { key: 'we"ird key', value: (x) => x.flag },
  ];
  const item = fc.record({
    name: fc.string({ unit: fc.constantFrom('\ud83d', '"', '\\', '\n', 'é', 'a', ' '), maxLength: 5 }),
    amount: fc.oneof(fc.constant(null), fc.double(), fc.integer()),
    day: fc.oneof(fc.constant(null), fc.constantFrom('2026-02-09', '2027-06-30')),
    flag: fc.boolean(),
  });

  it('writes each entry from its fields as JSON.stringify writes the entry object, at any depth (property)', () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 4 }), fc.integer({ min: 0, max: 3 }), (items, depth) => {
        let doc: unknown = { releases: new LazyRecords(() => items, fields), after: 1 };
        for (let i = 0; i < depth; i++) doc = { payments: doc };
        const sink = new StringSink();
        writeJson(doc, sink);
        expect(sink.text()).toBe(JSON.stringify(materialize(doc), null, 2));
      }),
      { numRuns: 300 },
    );
  });

  it('leaves out a group of keys for the items its `when` is false of, and undefined values as JSON.stringify does (property)', () => {
    type Deal = { id: string; scored: { score: number | null; tier?: string } | null; splits?: string[] };
    const dealFields: RecordField<Deal>[] = [
      { key: 'id', value: (d) => d.id, when: (d) => d.id !== '' },
      { key: 'score', value: (d) => d.scored!.score, when: (d) => Boolean(d.scored) },
      { key: 'tier', value: (d) => d.scored!.tier, when: (d) => Boolean(d.scored) },
      { key: 'splits', value: (d) => d.splits, when: (d) => Boolean(d.splits) },
    ];
    const deal = fc.record({
      id: fc.constantFrom('', 'D1', 'D"2'),
      scored: fc.oneof(fc.constant(null), fc.record({ score: fc.oneof(fc.constant(null), fc.integer()), tier: fc.option(fc.constantFrom('gold', 'é'), { nil: undefined }) })),
      splits: fc.option(fc.array(fc.constantFrom('R1', 'R\\2'), { maxLength: 2 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(deal, { maxLength: 4 }), fc.integer({ min: 0, max: 2 }), (items, depth) => {
        // The reference: the object each entry was made as before, with the groups spread in.
        const objects = items.map((d) => ({ ...(d.id !== '' ? { id: d.id } : {}), ...(d.scored ? { score: d.scored.score, tier: d.scored.tier } : {}), ...(d.splits ? { splits: d.splits } : {}) }));
        let doc: unknown = { deals: new LazyRecords(() => items, dealFields) };
        let expected: unknown = { deals: objects };
        for (let i = 0; i < depth; i++) {
          doc = { run: doc };
          expected = { run: expected };
        }
        const sink = new StringSink();
        writeJson(doc, sink);
        expect(sink.text()).toBe(JSON.stringify(expected, null, 2));
        expect(materialize(doc)).toStrictEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('a field whose values repeat (kept texts) or whose text is made directly writes what JSON.stringify writes, however many values and whatever characters (property)', () => {
    // Values from a small pool (so kept texts are met again) with characters JSON escapes or
    // that are not ASCII, numbers whose texts are alike (0 and -0, NaN and null), and a text hook.
    type Row = { who: unknown; day: unknown; n: number; group: boolean };
    const pool = ['R1', 'R1', 'a"b', 'back\\slash', 'tab\there', '\u0000', 'Zoë', '€', '🙂', '\ud83d', '\ude42', '', 'R2'];
    const value = fc.oneof(fc.constantFrom<unknown>(...pool, null, true, false, 0, -0, NaN, Infinity, 1.5, -2), fc.constant([1, 'x']), fc.constant({ k: 'v' }));
    const rowsFields: RecordField<Row>[] = [
      { key: 'who', value: (r) => r.who, repeats: 'few' },
      { key: 'day', value: (r) => r.day, repeats: 'runs', plain: (r) => typeof r.day === 'string' && /^[0-9-]*$/.test(r.day) },
      { key: 'n', value: (r) => r.n, text: (r) => JSON.stringify(r.n) ?? 'null', when: (r) => r.group },
      { key: 'n2', value: (r) => r.who, repeats: 'few', when: (r) => r.group },
      { key: 'last', value: (r) => r.day, repeats: 'few' },
    ];
    const row = fc.record({ who: value, day: fc.oneof(value, fc.constantFrom('2026-02-09', '2026-02-10')), n: fc.integer({ min: -3, max: 3 }), group: fc.boolean() });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), fc.integer({ min: 0, max: 2 }), (items, depth) => {
        // The same records written twice (the second time from kept texts), at two depths.
        const records = new LazyRecords(() => items, rowsFields);
        for (const d of [depth, depth + 1, depth]) {
          let doc: unknown = { rows: records };
          for (let i = 0; i < d; i++) doc = { run: doc };
          const sink = new StringSink();
          writeJson(doc, sink);
          expect(sink.text()).toBe(JSON.stringify(materialize(doc), null, 2));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a field that repeats writes every value right past the texts it keeps (10,000 values, 8,192 kept)', () => {
    const items = Array.from({ length: 10_000 }, (_, i) => ({ id: `D${i % 3 === 0 ? '"' : ''}${i}` }));
    const records = new LazyRecords(() => [...items, ...items], [{ key: 'id', value: (x: { id: string }) => x.id, repeats: 'few' }]);
    const sink = new StringSink();
    writeJson(records, sink);
    expect(sink.text()).toBe(JSON.stringify([...items, ...items], null, 2));
  });

  it('its items are the objects, keys in field order (worked by hand)', () => {
    const records = new LazyRecords(() => [{ name: 'Ann', amount: 2.5, day: null, flag: true }], fields);
    expect(materialize(records)).toEqual([{ name: 'Ann', amount: 2.5, day: null, 'we"ird key': true }]);
    const sink = new StringSink();
    writeJson(records, sink);
    expect(sink.text()).toBe('[\n  {\n    "name": "Ann",\n    "amount": 2.5,\n    "day": null,\n    "we\\"ird key": true\n  }\n]');
  });
});

describe('ChunkedSink', () => {
  it('hands on chunks of about a megabyte that add up to the text, and counts rows', () => {
    // Each chunk is copied: the sink writes over its buffer once the call returns.
    const chunks: Buffer[] = [];
    const counts: number[] = [];
    const sink = new ChunkedSink((c) => chunks.push(Buffer.from(c)), (n) => counts.push(n));
    const piece = 'x'.repeat(999);
    for (let i = 0; i < 25_000; i++) {
      sink.write(`${piece}\n`);
      sink.row();
    }
    sink.end();
    // 25,000,000 bytes; small pieces are encoded some 16k characters at a time (here 17 pieces,
    // 17,000 bytes), and a chunk is handed on when the next such group does not fit in 1,048,576:
    // 61 groups (1,037,000 bytes) a chunk; 1,470 groups and 10 pieces = 24 chunks and a last one.
    expect(chunks.length).toBe(25);
    expect(chunks.slice(0, -1).every((c) => c.length === 1_037_000)).toBe(true);
    expect(chunks[24].length).toBe(6 * 17_000 + 10 * 1000);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(`${piece}\n`.repeat(25_000));
    expect(counts).toEqual([10_000, 20_000, 25_000]);
  });

  it('hands on the UTF-8 of the pieces joined, for pieces of any length and characters of any width (property)', () => {
    const piece = fc.oneof(
      { weight: 8, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
      { weight: 1, arbitrary: fc.tuple(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 3 }), fc.integer({ min: 1, max: 400_000 })).map(([s, n]) => s.repeat(n)) },
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 300 }), (pieces) => {
        const chunks: Buffer[] = [];
        const sink = new ChunkedSink((c) => chunks.push(Buffer.from(c)));
        for (const p of pieces) sink.write(p);
        sink.end();
        expect(Buffer.concat(chunks).equals(Buffer.from(pieces.join(''), 'utf8'))).toBe(true);
        expect(chunks.every((c) => c.length > 0 && (c.length <= 1 << 20 || pieces.some((p) => Buffer.byteLength(p) === c.length)))).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('encodes characters of two, three and four bytes whole across chunks, and a piece larger than a chunk', () => {
    const chunks: Buffer[] = [];
    const sink = new ChunkedSink((c) => chunks.push(Buffer.from(c)));
    // é is 2 bytes, € 3, 🙂 4 (two UTF-16 units): 400,000 of each pass several chunk boundaries.
    const pieces = ['é€🙂', 'Zoë Müller,€1.000,00\n', '🙂'.repeat(300_000), 'end'];
    let text = '';
    for (let i = 0; i < 40_000; i++) {
      const piece = pieces[i % 2];
      sink.write(piece);
      text += piece;
    }
    sink.write(pieces[2]);
    sink.write(pieces[3]);
    sink.end();
    text += pieces[2] + pieces[3];
    expect(chunks.every((c) => c.length <= 1 << 20 || c.length === Buffer.byteLength(pieces[2]))).toBe(true);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(text);
  });
});

describe('a streamed report file', () => {
  it('is written whole or not at all: a failure half-way leaves the old file and no temporary file', async () => {
    const { mkdtempSync, readdirSync, readFileSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { writeOutputWith, reportPlace } = await import('../../src/simulate/files/index.js');
    const dir = mkdtempSync(join(tmpdir(), 'playbook-sink-'));
    const out = join(dir, 'report.csv');
    writeFileSync(out, 'old report\n');
    const failure = new Error('evaluation failed half-way');
    expect(() =>
      writeOutputWith(
        out,
        (write) => {
          write('rep,amount\n');
          throw failure;
        },
        [],
        reportPlace(out),
      ),
    ).toThrow(failure);
    expect(readFileSync(out, 'utf8')).toBe('old report\n');
    expect(readdirSync(dir)).toEqual(['report.csv']);
    writeOutputWith(out, (write) => ['rep,amount\n', 'ann,1.00\n'].forEach(write), [], reportPlace(out));
    expect(readFileSync(out, 'utf8')).toBe('rep,amount\nann,1.00\n');
  });
});
