/**
 * The known differences between DuckDB's SQL and the playbook language, each pinned: what DuckDB
 * does on its own (so a change in DuckDB is noticed), and what the compiled SQL does instead
 * (docs/sql.md, "Differences"). Expected values are worked out by hand in each comment.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIVISION_SCALE, DUCKDB, decimalLiteral } from '../../../src/interop/sql/dialect.js';

let connection: Awaited<ReturnType<DuckDBInstance['connect']>>;
let instance: DuckDBInstance;
beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
  for (const m of DUCKDB.prelude) await connection.run(m);
});
afterAll(() => {
  connection.closeSync();
  instance.closeSync();
});

async function one(sql: string): Promise<unknown> {
  const rows = (await connection.runAndReadAll(`SELECT ${sql} AS v`)).getRowObjectsJson();
  return rows[0].v;
}
async function typeOf(sql: string): Promise<string> {
  return String(await one(`typeof(${sql})`));
}
const round = (x: string, s: number, step: string, mode: Parameters<typeof DUCKDB.roundToStep>[3]) => one(DUCKDB.roundToStep(`CAST('${x}' AS DECIMAL(38, ${s}))`, s, step, mode)!);

describe('rounding: DuckDB ROUND is half away from zero; the compiled SQL rounds by the playbook\'s mode', () => {
  it('DuckDB: round(2.5) = 3 and round(-2.5) = -3, round(0.125, 2) = 0.13', async () => {
    expect(await one("round(CAST('2.5' AS DECIMAL(38, 1)), 0)")).toBe('3');
    expect(await one("round(CAST('-2.5' AS DECIMAL(38, 1)), 0)")).toBe('-3');
    expect(await one("round(CAST('0.125' AS DECIMAL(38, 3)), 2)")).toBe('0.13');
  });
  it('half-even: 2.5 → 2, 3.5 → 4, -2.5 → -2, 0.125 → 0.12, 0.135 → 0.14, 0.1251 → 0.13', async () => {
    expect(await round('2.5', 1, '1', 'half-even')).toBe('2');
    expect(await round('3.5', 1, '1', 'half-even')).toBe('4');
    expect(await round('-2.5', 1, '1', 'half-even')).toBe('-2');
    expect(await round('0.125', 3, '0.01', 'half-even')).toBe('0.12');
    expect(await round('0.135', 3, '0.01', 'half-even')).toBe('0.14');
    expect(await round('0.1251', 4, '0.01', 'half-even')).toBe('0.13');
  });
  it('half-up is away from zero (-2.345 → -2.35); half-down, up and down as their names say', async () => {
    expect(await round('-2.345', 3, '0.01', 'half-up')).toBe('-2.35');
    expect(await round('2.345', 3, '0.01', 'half-down')).toBe('2.34');
    expect(await round('2.3451', 4, '0.01', 'half-down')).toBe('2.35');
    expect(await round('2.341', 3, '0.01', 'up')).toBe('2.35');
    expect(await round('-2.341', 3, '0.01', 'up')).toBe('-2.35');
    expect(await round('2.349', 3, '0.01', 'down')).toBe('2.34');
    expect(await round('1234.5', 1, '1', 'half-even')).toBe('1234');
  });
  it('an amount carried to 18 places is snapped to 12 first: 750.014999999999999999 rounds half-up as 750.015 does (750.02)', async () => {
    expect(await round('750.014999999999999999', 18, '0.01', 'half-up')).toBe('750.02');
    // Not snapped when the difference is in the 12 places kept: 750.0149999 → 750.01.
    expect(await round('750.0149999', 7, '0.01', 'half-up')).toBe('750.01');
  });
});

describe('a quota\'s monthly part: the exact quotient by 12, rounded half away from zero to the minor unit', () => {
  const part = (x: string, s: number, step: string) => one(DUCKDB.divideRound(`CAST('${x}' AS DECIMAL(38, ${s}))`, s, 12, step, 'half-up')!);
  it('0.06 ÷ 12 = 0.005 → 0.01; −0.06 ÷ 12 → −0.01; 100,000.05 ÷ 12 = 8,333.3375 → 8,333.34; 100,000 ÷ 12 = 8,333.33…; 18 ÷ 12 = 1.5 → 2 in whole units', async () => {
    expect(await part('0.06', 2, '0.01')).toBe('0.01');
    expect(await part('-0.06', 2, '0.01')).toBe('-0.01');
    expect(await part('100000.05', 2, '0.01')).toBe('8333.34');
    expect(await part('100000', 0, '0.01')).toBe('8333.33');
    expect(await part('18', 0, '1')).toBe('2');
    expect(await part('0.06', 2, '1')).toBe('0');
  });
});

describe('division: DuckDB divides decimals and integers in DOUBLE; the compiled SQL divides exactly', () => {
  it('DuckDB: DECIMAL / DECIMAL and INTEGER / INTEGER are DOUBLE; // truncates toward zero', async () => {
    expect(await typeOf("CAST('1' AS DECIMAL(38, 2)) / CAST('3' AS DECIMAL(38, 2))")).toBe('DOUBLE');
    expect(await one('7 / 2')).toBe(3.5);
    expect(await one('-7 // 2')).toBe(-3);
  });
  it(`a quotient has ${DIVISION_SCALE} places, truncated toward zero: 1 ÷ 3, -2 ÷ 3, 4514 ÷ 4821`, async () => {
    const div = (a: string, b: string) => one(DUCKDB.divide(decimalLiteral(a), a.split('.')[1]?.length ?? 0, decimalLiteral(b), b.split('.')[1]?.length ?? 0));
    expect(await div('1', '3')).toBe('0.333333333333333333');
    expect(await div('-2', '3')).toBe('-0.666666666666666666');
    // 4514 / 4821 = 0.936320265505081933208… (long division by hand: 4821 × 0.9363 = 4513.9923)
    expect(await div('4514', '4821')).toBe('0.936320265505081933');
    // Exact quotients stay exact: 98.76 ÷ 123.45 = 0.8; 2,000 (at 18 places) ÷ 0.001.
    expect(await div('98.76', '123.45')).toBe('0.800000000000000000');
    expect(await one(DUCKDB.divide("CAST('2000' AS DECIMAL(38, 18))", 18, "CAST('0.001' AS DECIMAL(38, 3))", 3))).toBe('2000000.000000000000000000');
  });
  it('one integer division while a × 10^18 fits in a HUGEINT, the long division beyond: both exact (Python decimal, 80 digits, truncated)', async () => {
    const div = (a: string, b: string) => one(DUCKDB.divide(decimalLiteral(a), 0, decimalLiteral(b), 0));
    // 1.2e19 < 10^20: the one division.
    expect(await div('12345678901234567890', '7')).toBe('1763668414462081127.142857142857142857');
    // 1.2e20 ≥ 10^20: a × 10^18 would overflow a HUGEINT, so the long division.
    expect(await div('123456789012345678901', '7')).toBe('17636684144620811271.571428571428571428');
    expect(await div('-123456789012345678901', '7')).toBe('-17636684144620811271.571428571428571428');
  });
});

describe('decimal types: DuckDB types a CASE over DECIMAL(38, 0) and DECIMAL(38, 2) as DECIMAL(38, 0)', () => {
  it('DuckDB drops the cents (98.77 → 99); a narrow literal keeps them', async () => {
    expect(await one("CASE WHEN random() > 2 THEN CAST('5000' AS DECIMAL(38, 0)) ELSE CAST('98.77' AS DECIMAL(38, 2)) END")).toBe('99');
    expect(decimalLiteral('5000')).toBe("CAST('5000' AS DECIMAL(4, 0))");
    expect(await one(`CASE WHEN random() > 2 THEN ${decimalLiteral('5000')} ELSE CAST('98.77' AS DECIMAL(38, 2)) END`)).toBe('98.77');
  });
});

describe('missing values: NULL is missing, with the language\'s three-valued logic', () => {
  it('NULL AND FALSE is false, NULL OR TRUE is true, NOT NULL is missing, NULL IN (1, NULL) is missing, 2 NOT IN (1, NULL) is missing', async () => {
    expect(await one('CAST(NULL AS BOOLEAN) AND FALSE')).toBe(false);
    expect(await one('CAST(NULL AS BOOLEAN) OR TRUE')).toBe(true);
    expect(await one('NOT CAST(NULL AS BOOLEAN)')).toBe(null);
    expect(await one('CAST(NULL AS INTEGER) IN (1, NULL)')).toBe(null);
    expect(await one('2 NOT IN (1, NULL)')).toBe(null);
    expect(await one('1 IN (1, NULL)')).toBe(true);
  });
  it('ORDER BY puts NULL last in DuckDB by default; the compiled SQL says NULLS LAST wherever it orders on a field', async () => {
    const rows = (await connection.runAndReadAll('SELECT x FROM (VALUES (2), (NULL), (1)) t(x) ORDER BY x')).getRowObjectsJson();
    expect(rows.map((r) => r.x)).toEqual([1, 2, null]);
  });
});

describe('text order: DuckDB compares text by code point (UTF-8 bytes), JavaScript by UTF-16 code unit', () => {
  it('"～" (U+FF5E) sorts before "😀" (U+1F600) in DuckDB and after it in JavaScript: a rep-key tie break between such names differs', async () => {
    const rows = (await connection.runAndReadAll("SELECT x FROM (VALUES ('😀'), ('～'), ('b')) t(x) ORDER BY x")).getRowObjectsJson();
    expect(rows.map((r) => r.x)).toEqual(['b', '～', '😀']);
    expect(['😀', '～', 'b'].sort()).toEqual(['b', '😀', '～']);
  });
});
