/**
 * A record split by hand is read from its bytes where a cell allows (a plain amount, a
 * `YYYY-MM-DD` date, printable ASCII text, a text key: issue 10, scale). These tests load the
 * same generated CSV text twice — as one string (every cell read by the general field readers)
 * and as a stream of bytes (the byte readers) — and require the same rows, values, rejected
 * rows, messages, warnings and values kept for rejected rows.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/graph/decimal.js';
import { loadTableStream, loadTableText, tableInternals } from '../../src/data/table.js';
import type { LoadedTable, Value } from '../../src/data/types.js';
import { ByteIndex } from '../../src/data/byte-index.js';
import { daysFromCivil } from '../../src/data/dates.js';
import { ColumnStore, plain, plainDecimal, plainDecimalBytes } from '../../src/data/column-store.js';
import { field, table } from './helpers.js';

const UTC = { timeZone: 'UTC' };

const schema = table('t', 't.csv', [
  field('id', 'text', { key: true }),
  field('name', 'text'),
  field('note', 'text', { optional: true }),
  field('day', 'date'),
  field('due', 'date', { format: 'YYYY-MM-DD', optional: true }),
  field('at', 'timestamp', { optional: true }),
  field('amount', 'money'),
  field('count', 'number', { optional: true }),
  field('share', 'percent', { optional: true }),
  field('kind', 'text', { aliases: [{ from: 'a', to: 'A' }] }),
]);

const KEYS = ['K1', 'K2', 'K3', 'K1 ', ' K2', '', 'k1', 'K\u0001', 'K~', '王', 'K 1'];
const TEXTS = ['Ann', 'Bob', 'Ann', ' Ann', 'Ann ', '', 'x y', '王芳', 'e\u0301', 'caf\u00e9', 'a\u0007b', 'DEL\u007f', '~', '\u00a0Ann', 'A\ufffd'];
const DATES = ['0099-12-31', '0100-03-01', '1600-02-29', '1900-02-29', '2000-02-29', '2100-02-29', '9999-12-31', '1969-12-31', '2017-03-01', '2020-02-29', '2019-02-29', '2017-02-30', '2017-13-01', '2017-3-1', ' 2017-03-01', '2017-03-01 ', '', '20170301', '2017-03-01T10:00', '0017-03-01', 'x', '２０１７-03-01'];
const AMOUNTS = ['12', '-12.50', '12.500', '-1.250', '123.456', '-999.000', '1234.500', '1,234.5', '0', '-0', '0012', '0.0', '999999999999999', '1234567890123456', '1.12345678901', '.5', '5.', '-', ' 7', '7 ', '12.5O', '', '(5)', '+3', '１'];
const PERCENTS = ['20%', '20', '0.5', '', 'x', '7.25%', '-5%', '0%', '-0%', '007%', '16.0%', '0.5%', '20 %', ' 20%', '(5%)', '+5%', '1,000%', '999999999999999%', '1234567890123456%', '1.1234567890%', '1.12345678901%', '.5%', '5.%', '%', '%%', '5%%', '２0%'];
const KINDS = ['a', 'A', 'b', ''];

const row = fc.tuple(
  fc.constantFrom(...KEYS),
  fc.constantFrom(...TEXTS),
  fc.constantFrom(...TEXTS),
  fc.constantFrom(...DATES),
  fc.constantFrom(...DATES),
  fc.constantFrom(...DATES),
  fc.constantFrom(...AMOUNTS),
  fc.constantFrom(...AMOUNTS),
  fc.constantFrom(...PERCENTS),
  fc.constantFrom(...KINDS),
  fc.constantFrom('', '', '', ',', ', ', ',x', 'drop'),
);

const HEADER = 'id,name,note,day,due,at,amount,count,share,kind';

function text(rows: Array<[string, string, string, string, string, string, string, string, string, string, string]>): string {
  const lines = rows.map((r) => {
    const cells = r.slice(0, 10);
    const tail = r[10];
    if (tail === 'drop') return cells.slice(0, 9).join(',');
    return cells.join(',') + tail;
  });
  return `${HEADER}\n${lines.join('\n')}\n`;
}

const shown = (v: Value) => (v instanceof Decimal ? `D${v.toString()}` : v);
function summary(t: LoadedTable) {
  const internals = tableInternals(t);
  return {
    read: t.read,
    used: t.used,
    rows: t.rows.map((r) => ({ line: r.line, values: r.values.map(shown) })),
    rejected: t.rejected.map((r) => ({ line: r.line, issues: r.issues, kept: internals.rejectedValues.get(r)?.map(shown) })),
    warnings: internals.warnings,
    keys: KEYS.map((k) => internals.seenKeys?.get(k.trim())),
  };
}

function streamed(csv: string): LoadedTable {
  const bytes = Buffer.from(csv, 'utf8');
  return loadTableStream(schema, [bytes][Symbol.iterator](), () => [bytes], UTC);
}

describe('cells read from their bytes read as the general readers read them', () => {
  it('same rows, values, rejected rows, messages and warnings as the text read whole (property)', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 25 }), (rows) => {
        const csv = text(rows);
        expect(summary(streamed(csv))).toEqual(summary(loadTableText(schema, csv, UTC)));
      }),
      { numRuns: 600 },
    );
  });

  it('a duplicate key names the line where it was first seen, from either reading', () => {
    const csv = `${HEADER}\nK1,Ann,,2017-03-01,,,1,,,A\nK2,Ann,,2017-03-01,,,1,,,A\nK1,Bob,,2017-03-02,,,2,,,A\n`;
    for (const t of [streamed(csv), loadTableText(schema, csv, UTC)]) {
      expect(t.rejected.map((r) => r.issues.map((i) => i.message))).toEqual([['t.csv:4: id: duplicate "K1", first seen on line 2']]);
      expect(tableInternals(t).seenKeys!.get('K1')).toBe(2);
      expect(t.rows.map((r) => r.values[0])).toEqual(['K1', 'K2']);
    }
  });

  it('a date key is noted among the seen keys whichever way its cell is read', () => {
    const byDay = table('t', 't.csv', [field('day', 'date', { key: true }), field('amount', 'money')]);
    const csv = 'day,amount\n2017-03-01,1\n2017-03-02,2\n2017-03-01,3\n';
    const bytes = Buffer.from(csv);
    for (const t of [loadTableStream(byDay, [bytes][Symbol.iterator](), () => [bytes], UTC), loadTableText(byDay, csv, UTC)]) {
      expect(t.rejected.map((r) => r.issues.map((i) => i.message))).toEqual([['t.csv:4: day: duplicate "2017-03-01", first seen on line 2']]);
      expect(t.rows.map((r) => r.values[0])).toEqual([Date.UTC(2017, 2, 1), Date.UTC(2017, 2, 2)]);
    }
  });

  it('a plain amount read from bytes is the amount read from its text', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^-?[0-9]{0,17}(\.[0-9]{0,12})?$/), (cell) => {
        const fromText = plainDecimal(cell) ? { ...plain } : null;
        const bytes = Buffer.from(`x,${cell},y`);
        const fromBytes = plainDecimalBytes(bytes, 2, 2 + cell.length) ? { ...plain } : null;
        expect(fromBytes).toEqual(fromText);
        if (fromText !== null) expect(new Decimal(fromText.units).div(new Decimal(10).pow(fromText.scale)).eq(new Decimal(cell))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('ByteIndex', () => {
  it('numbers distinct byte strings by arrival and finds each again, through its table doubling', () => {
    const index = new ByteIndex();
    const values = Array.from({ length: 5000 }, (_, i) => `AC${String(i * 7919 % 100000).padStart(8, '0')}`);
    values.forEach((v, i) => {
      const b = Buffer.from(`,${v},`);
      expect(index.add(b, 1, b.length - 1)).toBe(i);
      expect(index.added).toBe(true);
    });
    expect(index.size).toBe(5000);
    values.forEach((v, i) => {
      expect(index.addText(v)).toBe(i);
      expect(index.added).toBe(false);
      expect(index.find(v)).toBe(i);
      expect(index.text(i)).toBe(v);
    });
    expect(index.find('AC')).toBe(-1);
    expect(index.addText('')).toBe(5000);
    expect(index.addText('王芳')).toBe(5001);
    index.dropLookup();
    expect(index.text(5001)).toBe('王芳');
    expect(() => index.find('AC00000000')).toThrow('no longer looks values up');
  });
});

describe('ByteIndex with the bytes kept in the slots (values of one width up to 16 bytes)', () => {
  it('numbers values of each width 1 to 17 by arrival in random order, through doublings, then after a value of another width', () => {
    // A seeded shuffle: the order breaks at once, so the slots are built from the start.
    let seed = 12345;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (let width = 1; width <= 17; width++) {
      const index = new ByteIndex();
      const model = new Map<string, number>();
      const distinct = Math.min(3000, 2 ** (8 * width));
      // Values that differ only in their last byte, or only in their first, share most words.
      const pool = Array.from({ length: distinct }, (_, i) => Buffer.from(Array.from({ length: width }, (_, j) => (j === width - 1 ? i % 251 : j === 0 ? Math.floor(i / 251) % 256 : (i * 31 + j) % 7))).toString('latin1'));
      const add = (v: string) => {
        const bytes = Buffer.from(`<${v}>`, 'latin1');
        const entry = index.add(bytes, 1, bytes.length - 1);
        expect(index.added).toBe(!model.has(v));
        if (!model.has(v)) model.set(v, model.size);
        expect(entry).toBe(model.get(v));
      };
      for (let n = 0; n < 3 * distinct; n++) add(pool[Math.floor(random() * distinct)]);
      // Another width: from here on the slots hold no bytes; every value is still found.
      add('x'.repeat(width + 1));
      for (let n = 0; n < distinct; n++) add(pool[Math.floor(random() * distinct)]);
      expect(index.size).toBe(model.size);
      for (const [v, k] of model) expect(index.text(k)).toBe(Buffer.from(v, 'latin1').toString('utf8'));
    }
  });
});

/** A ByteIndex whose values all have one hash. */
class CollidingIndex extends ByteIndex {
  protected override hash(): number {
    return 7;
  }
}

describe('ByteIndex: values whose hashes collide', () => {
  it('tells values apart by every byte, kept in the slot (one width up to 16) or not, when every hash is the same', () => {
    // Values that differ in one byte only, at each place of each width: each pair collides.
    for (const width of [1, 3, 4, 5, 8, 12, 13, 16, 17, 20]) {
      const index = new CollidingIndex();
      const model = new Map<string, number>();
      const add = (v: string) => {
        const entry = index.addText(v);
        expect(index.added).toBe(!model.has(v));
        if (!model.has(v)) model.set(v, model.size);
        expect(entry).toBe(model.get(v));
      };
      // Out of order at once, so that the slots are built from the start.
      add('z'.repeat(width));
      add('a'.repeat(width));
      for (let at = 0; at < width; at++) for (const c of 'bcb') add('a'.repeat(at) + c + 'a'.repeat(width - at - 1));
      for (const v of model.keys()) expect(index.find(v)).toBe(model.get(v));
      expect(index.find('y'.repeat(width))).toBe(-1);
      // Another width: the slots hold no bytes from here on.
      add('q'.repeat(width + 1));
      for (let at = 0; at < width; at++) add('a'.repeat(at) + 'd' + 'a'.repeat(width - at - 1));
      for (const v of model.keys()) expect(index.find(v)).toBe(model.get(v));
      expect(index.size).toBe(2 + 3 * width + 1);
    }
  });
});

describe('ByteIndex against a Map (property)', () => {
  it('gives each value its entry by arrival, says whether it was new, and finds it — in increasing runs (no table yet), once the order breaks, and after a lookup', () => {
    // Short values of a few letters: prefixes of each other, repeats, and sorted runs (ids in file order).
    const value = fc.stringMatching(/^[ab\u00e9]{0,4}$/);
    // Values of one width (bytes found by position, no offsets kept) until one of another width arrives.
    const sameWidth = fc.stringMatching(/^[abc]{3}$/);
    const byBytes = (x: string, y: string) => Buffer.compare(Buffer.from(x), Buffer.from(y));
    const step = (v: fc.Arbitrary<string>) =>
      fc.oneof(
        v.map((x) => ({ op: 'add' as const, values: [x] })),
        fc.array(v, { maxLength: 30 }).map((vs) => ({ op: 'add' as const, values: [...new Set(vs)].sort(byBytes) })),
        // Sorted with repeats (a file sorted by the value: each value on consecutive rows).
        fc.array(v, { maxLength: 30 }).map((vs) => ({ op: 'add' as const, values: vs.sort(byBytes) })),
        v.map((x) => ({ op: 'find' as const, values: [x] })),
      );
    // Ids numbered in file order (kept as a count while each is the last plus one): runs from a
    // number, through carries (`09` → `10`, `99` → `100`: another width), repeats and gaps.
    const id = (prefix: string, width: number, n: number) => prefix + String(n).padStart(width, '0');
    const idSteps = fc
      .tuple(fc.constantFrom('', 'AC', '订单', '7-'), fc.integer({ min: 1, max: 17 }), fc.integer({ min: 0, max: 2000 }), fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.constantFrom(0, 1, 1, 1, 2, -1), fc.boolean()), { maxLength: 8 }))
      .map(([prefix, width, first, runs]) => {
        const values: string[] = [];
        let n = first;
        for (const [length, gap, otherPrefix] of runs) {
          // Another prefix of the same length (its first letter one lower: `AC` → `@C`).
          if (otherPrefix && prefix !== '') prefix = String.fromCharCode(prefix.charCodeAt(0) - 1) + prefix.slice(1);
          for (let k = 0; k < length; k++) values.push(id(prefix, width, n++));
          n += gap - 1; // 0: the last again; 1: the next; 2: a gap; -1: back
        }
        // Looked up while counting (found from its number): present, past the end, before the start, without its zeros.
        const finds = [id(prefix, width, first), id(prefix, width, n), id(prefix, width, n + 3), id(prefix, width, first - 1), prefix + String(first)];
        return [...values.map((v) => ({ op: 'add' as const, values: [v] })), ...finds.map((v) => ({ op: 'find' as const, values: [v] }))];
      });
    const steps = fc.oneof(
      fc.array(step(value), { maxLength: 40 }),
      fc.tuple(fc.array(step(sameWidth), { maxLength: 20 }), fc.array(step(value), { maxLength: 5 })).map(([a, b]) => [...a, ...b]),
      fc.tuple(idSteps, fc.array(step(value), { maxLength: 3 })).map(([a, b]) => [...a, ...b]),
    );
    fc.assert(
      fc.property(steps, (steps) => {
        const index = new ByteIndex();
        const model = new Map<string, number>();
        for (const s of steps) {
          for (const v of s.values) {
            if (s.op === 'find') {
              expect(index.find(v)).toBe(model.get(v) ?? -1);
              continue;
            }
            const bytes = Buffer.from(`|${v}|`);
            const entry = index.add(bytes, 1, bytes.length - 1);
            expect(index.added).toBe(!model.has(v));
            if (!model.has(v)) model.set(v, model.size);
            expect(entry).toBe(model.get(v));
          }
        }
        expect(index.size).toBe(model.size);
        for (const [v, k] of model) expect(index.text(k)).toBe(v);
        for (const [v, k] of model) {
          expect(index.find(v)).toBe(k);
          expect(index.text(k)).toBe(v);
        }
        index.dropLookup();
        for (const [v, k] of model) expect(index.text(k)).toBe(v);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('a YYYY-MM-DD day by integer arithmetic', () => {
  it('is Date.UTC of that day for every day of the years 100 to 9999', () => {
    let days = 0;
    for (let y = 100; y <= 9999; y++) {
      for (let m = 1; m <= 12; m++) {
        for (let d = 1; d <= 31; d++) {
          const utc = Date.UTC(y, m - 1, d);
          if (new Date(utc).getUTCDate() !== d) continue; // no such day
          if (daysFromCivil(y, m, d) * 86_400_000 !== utc) throw new Error(`${y}-${m}-${d}: ${daysFromCivil(y, m, d)} days, Date.UTC says ${utc / 86_400_000}`);
          days++;
        }
      }
    }
    // 9,900 years of the Gregorian calendar: 365 × 9,900 + leap days (years divisible by 4, not by 100 unless by 400).
    const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    expect(days).toBe(365 * 9900 + Array.from({ length: 9900 }, (_, k) => k + 100).filter(leap).length);
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(daysFromCivil(2000, 3, 1)).toBe(11_017);
  });
});

describe("a text column's dictionary", () => {
  it('gives back each text as set, lone surrogates included (found by their UTF-16, never as U+FFFD), and shares a code between its bytes and its string', () => {
    const store = new ColumnStore(table('t', 't.csv', [field('name', 'text')]));
    const texts = ['\ud800', '\ud801', '\ufffd', '\ud800', 'Ann', 'é', 'Ann', '\udc00\ud800'];
    for (const t of texts) {
      store.start(1);
      store.set(0, t);
      store.end();
    }
    const bytes = Buffer.from('xAnny');
    const code = store.textCode(0, bytes, 1, 4);
    expect(texts.map((_, i) => store.value(i, 0))).toEqual(texts);
    // 'Ann' set as a string and found by its bytes: one code; each distinct text its own code.
    expect(code).toBe(store.code(4, 0));
    expect(store.code(3, 0)).toBe(store.code(0, 0));
    expect(new Set(texts.map((_, i) => store.code(i, 0))).size).toBe(6);
    expect(store.codeCount(0)).toBe(6);
  });
});
