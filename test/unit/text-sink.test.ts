/**
 * Issue 10: reports written as they are produced. `writeJson` with lazy arrays must give the
 * bytes `JSON.stringify(value, null, 2)` gives for the plain value, and the chunked sink the
 * same text as one string — checked against JSON.stringify itself on arbitrary values.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChunkedSink, LazyArray, StringSink, materialize, writeJson } from '../../src/simulate/text-sink.js';

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
    const chunks: string[] = [];
    let produced = 0;
    const items = function* () {
      for (let i = 0; i < 5; i++) {
        produced++;
        yield { i };
      }
    };
    const sink = new ChunkedSink((c) => chunks.push(c));
    const seen: number[] = [];
    writeJson({ deals: new LazyArray(() => (function* () { for (const x of items()) { seen.push(produced); yield x; } })()) }, sink);
    sink.end();
    // When the item i was handed over, only i + 1 items had been produced.
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(chunks.join('')).toBe(JSON.stringify({ deals: [0, 1, 2, 3, 4].map((i) => ({ i })) }, null, 2));
  });
});

describe('ChunkedSink', () => {
  it('hands on chunks of about a million characters that add up to the text, and counts rows', () => {
    const chunks: string[] = [];
    const counts: number[] = [];
    const sink = new ChunkedSink((c) => chunks.push(c), (n) => counts.push(n));
    const piece = 'x'.repeat(999);
    for (let i = 0; i < 25_000; i++) {
      sink.write(`${piece}\n`);
      sink.row();
    }
    sink.end();
    expect(chunks.length).toBe(24); // 25,000,000 characters in chunks of at least 1,048,576
    expect(chunks.slice(0, -1).every((c) => c.length >= 1 << 20)).toBe(true);
    expect(chunks.join('')).toBe(`${piece}\n`.repeat(25_000));
    expect(counts).toEqual([10_000, 20_000, 25_000]);
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
