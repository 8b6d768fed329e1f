/**
 * Parquet input: the Maven tables written as .parquet by this test (from the CSV, through DuckDB's
 * COPY … TO (FORMAT parquet), into a temporary folder; amounts as DECIMAL(18,2), revenue as DOUBLE,
 * dates as DATE) give the same `simulate --format json` report, byte for byte, as the CSV but for
 * the file names it reports — on the JavaScript engine and on `--engine duckdb`. Bad values are
 * reported with file, row and column.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/index.js';
import type { TableSchema } from '../../src/graph/tables.js';
import { compilePlaybookSource } from '../../src/simulate/load-playbook.js';
import { MAVEN, playbook } from '../cli/helpers.js';

const DATA = '../shared/data/maven-crm';
const dir = mkdtempSync(join(tmpdir(), 'pb-parquet-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs each SQL statement in a fresh in-memory DuckDB. */
async function duck(...statements: string[]): Promise<void> {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  for (const s of statements) await con.run(s);
  con.closeSync();
}

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

/**
 * CSV → Parquet: each declared column typed by its field (money DECIMAL(18,2), number DOUBLE, date
 * DATE) when every non-empty value has that shape, else kept as VARCHAR (so a bad cell stays bad).
 */
async function csvToParquet(csvPath: string, out: string, schema: TableSchema): Promise<void> {
  const shapes: Record<string, [string, string]> = {
    money: ['^-?[0-9]+(\\.[0-9]{1,2})?$', 'DECIMAL(18,2)'],
    number: ['^-?[0-9]+(\\.[0-9]+)?$', 'DOUBLE'],
    date: ['^[0-9]{4}-[0-9]{2}-[0-9]{2}$', 'DATE'],
  };
  const src = `read_csv(${lit(csvPath)}, all_varchar = true, header = true)`;
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  const typed: string[] = [];
  for (const name of (await con.runAndReadAll(`SELECT * FROM ${src} LIMIT 0`)).columnNames()) {
    const field = schema.fields.find((f) => f.column === name);
    const shape = field === undefined ? undefined : shapes[field.type];
    const col = ident(name);
    if (shape !== undefined) {
      const bad = (await con.runAndReadAll(`SELECT count(*) FROM ${src} WHERE ${col} <> '' AND NOT regexp_matches(${col}, ${lit(shape[0])})`)).getRowsJson()[0][0];
      if (String(bad) === '0') {
        typed.push(`CAST(NULLIF(${col}, '') AS ${shape[1]}) AS ${col}`);
        continue;
      }
    }
    typed.push(`NULLIF(${col}, '') AS ${col}`);
  }
  await con.run(`COPY (SELECT ${typed.join(', ')} FROM ${src}) TO ${lit(out)} (FORMAT parquet)`);
  con.closeSync();
}

describe('Parquet input', () => {
  it.skipIf(!existsSync(DATA))('the Maven tables as .parquet give the same simulate JSON as the CSV, on both engines', async () => {
    const source = readFileSync(MAVEN, 'utf8');
    const graph = compilePlaybookSource(MAVEN, source).graph!;
    for (const t of graph.tables) await csvToParquet(join(DATA, t.file), join(dir, t.file.replace(/\.csv$/, '.parquet')), t);
    const pqPlaybook = join(dir, 'maven-parquet.playbook');
    writeFileSync(pqPlaybook, source.replace(/from "([^"]+)\.csv"/g, 'from "$1.parquet"'));
    for (const engine of [[], ['--engine', 'duckdb']]) {
      const name = engine.length ? 'duckdb' : 'js';
      const fromCsv = playbook('simulate', MAVEN, '--data', DATA, ...engine, '--format', 'json', '--out', join(dir, `csv-${name}.json`));
      const fromPq = playbook('simulate', pqPlaybook, '--data', dir, ...engine, '--format', 'json', '--out', join(dir, `pq-${name}.json`));
      expect(fromPq.stderr).toBe(fromCsv.stderr);
      expect([fromCsv.status, fromPq.status]).toEqual([0, 0]);
      const csvOut = readFileSync(join(dir, `csv-${name}.json`));
      expect(csvOut.length).toBeGreaterThan(10_000);
      const pqOut = readFileSync(join(dir, `pq-${name}.json`), 'utf8').replaceAll(JSON.stringify(pqPlaybook), JSON.stringify(MAVEN)).replace(/\.parquet"/g, '.csv"');
      expect(Buffer.from(pqOut).equals(csvOut)).toBe(true);
    }
  }, 240_000);

  const source = `playbook "P"
  currency USD · time zone "UTC" · fiscal year starts January
  plan period 2026
  rounding half-up to 0.01 per payout line

table reps from "reps.parquet"
  field name text column "agent" key

table deals from "deals.parquet"
  field id     text  column "deal id" key
  field rep    text  column "agent" lookup reps
  field close  date "DD/MM/YYYY" column "close"
  field amount money column "amount" optional
  field units  number column "units" optional

credit "bookings" deals when amount > 0 to rep on close amount amount
`;
  const graph = compilePlaybookSource('p.playbook', source).graph!;

  it('reads typed columns exactly and rejects bad values naming file, row and column', async () => {
    const reps = join(dir, 'reps.parquet');
    const deals = join(dir, 'deals.parquet');
    await duck(
      `COPY (SELECT * FROM (VALUES ('Ann'), ('Bo')) t(agent)) TO ${lit(reps)} (FORMAT parquet)`,
      // amount is DOUBLE here: 1200.5 is one amount exactly; 0.1 + 0.2 is 0.30000000000000004, not an amount in cents.
      `COPY (SELECT * FROM (VALUES
         ('D1', 'Ann', DATE '2026-03-31', 1200.5::DOUBLE, 3::BIGINT),
         ('D2', 'Ann', DATE '2026-03-31', 0.1::DOUBLE + 0.2::DOUBLE, 1::BIGINT),
         ('D3', 'Cy',  DATE '2026-04-01', 10::DOUBLE, 2::BIGINT),
         ('D4', 'Bo',  NULL,              'NaN'::DOUBLE, NULL),
         ('D5', 'Bo',  DATE '2026-04-02', NULL, 12345678901234::BIGINT)
       ) t("deal id", agent, close, amount, units)) TO ${lit(deals)} (FORMAT parquet)`,
    );
    const data = loadDataset(graph.tables, dir, { timeZone: 'UTC', currency: 'USD' });
    const t = data.tables.get('deals')!;
    // Rows read = used + rejected: 5 = 2 + 3.
    expect(t.rows.map((r) => r.values[0])).toEqual(['D1', 'D5']);
    expect(String(t.rows[0].values[3])).toBe('1200.5');
    expect(String(t.rows[0].values[4])).toBe('3');
    expect(t.rows[1].values[3]).toBeNull();
    expect(String(t.rows[1].values[4])).toBe('12345678901234');
    expect(data.rejected.map((r) => [r.line, r.issues.map((i) => i.message)])).toEqual([
      [2, ['deals.parquet, row 2, column "amount": the amount is stored as a binary floating-point number (DOUBLE) whose value is 0.30000000000000004, which is not an amount with at most 2 decimals; it is not rounded. Store amounts as DECIMAL (for example DECIMAL(18,2)) in the Parquet file, or round them before writing it']],
      [3, [expect.stringMatching(/^deals\.parquet, row 3, column "agent": .*"Cy"/)]],
      [4, expect.arrayContaining(['deals.parquet, row 4, column "amount": the DOUBLE value is NaN, not a number'])],
    ]);
  });

  it("takes a DOUBLE amount at the currency's minor digits: 1200.5 is a USD amount but not a JPY one", async () => {
    await duck(`COPY (SELECT * FROM (VALUES ('D1', 'Ann', DATE '2026-03-31', 1200.5::DOUBLE, NULL::DOUBLE), ('D2', 'Ann', DATE '2026-03-31', 1200::DOUBLE, NULL)) t("deal id", agent, close, amount, units)) TO ${lit(join(dir, 'deals.parquet'))} (FORMAT parquet)`);
    const yen = loadDataset(graph.tables, dir, { timeZone: 'UTC', currency: 'JPY' });
    expect(yen.tables.get('deals')!.rows.map((r) => String(r.values[3]))).toEqual(['1200']);
    expect(yen.rejected.map((r) => r.issues.map((i) => i.message))).toEqual([[expect.stringContaining('deals.parquet, row 1, column "amount": the amount is stored as a binary floating-point number (DOUBLE) whose value is 1200.5, which is not an amount with at most 0 decimals')]]);
    expect(loadDataset(graph.tables, dir, { timeZone: 'UTC', currency: 'USD' }).rejected).toEqual([]);
  });

  it('reads a DECIMAL amount exactly and rejects a text amount that is not one, with row and column', async () => {
    await duck(`COPY (SELECT * FROM (VALUES
         ('D1', 'Ann', '31/03/2026', 19.99::DECIMAL(18,2), 1.5::DOUBLE),
         ('D2', 'Bo',  '31/03/2026', NULL, NULL)
       ) t("deal id", agent, close, amount, units)) TO ${lit(join(dir, 'deals.parquet'))} (FORMAT parquet)`);
    const d = loadDataset(graph.tables, dir, { timeZone: 'UTC' }).tables.get('deals')!;
    expect(d.rows.map((r) => [String(r.values[3]), String(r.values[4])])).toEqual([['19.99', '1.5'], ['null', 'null']]);
    await duck(`COPY (SELECT * FROM (VALUES ('D1', 'Ann', '31/03/2026', '12,5OO', NULL::DOUBLE)) t("deal id", agent, close, amount, units)) TO ${lit(join(dir, 'deals.parquet'))} (FORMAT parquet)`);
    const bad = loadDataset(graph.tables, dir, { timeZone: 'UTC' });
    expect(bad.rejected.map((r) => r.issues.map((i) => i.message))).toEqual([['deals.parquet, row 1, column "amount": expected an amount, got "12,5OO"']]);
  });

  it('stops with a clear message for a column type that is not read, a file that is not Parquet, and a file pattern', async () => {
    await duck(`COPY (SELECT 'D1' AS "deal id", 'Ann' AS agent, TIMESTAMPTZ '2026-03-31 10:00:00+00' AS close) TO ${lit(join(dir, 'deals.parquet'))} (FORMAT parquet)`);
    expect(() => loadDataset(graph.tables, dir, { timeZone: 'UTC' })).toThrow('deals.parquet: column "close" is of Parquet type TIMESTAMP WITH TIME ZONE, which is not read; store it as VARCHAR, DECIMAL, DOUBLE, BIGINT, BOOLEAN, DATE or TIMESTAMP (a time zone-aware TIMESTAMP as a plain TIMESTAMP in the playbook\'s time zone)');
    writeFileSync(join(dir, 'deals.parquet'), 'deal id,agent\nD1,Ann\n');
    expect(() => loadDataset(graph.tables, dir, { timeZone: 'UTC' })).toThrow('deals.parquet: this is not a Parquet file, although its name says .parquet (it does not start and end with PAR1)');
    const star = compilePlaybookSource('s.playbook', source.replace('"deals.parquet"', '"deals*.parquet"')).graph!;
    expect(() => loadDataset(star.tables, dir, { timeZone: 'UTC' })).toThrow('deals*.parquet: a Parquet file name cannot hold * ? [ ] { } (they would read several files); rename the file');
  });
});
