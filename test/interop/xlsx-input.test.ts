/**
 * Excel input: the Maven tables written as .xlsx workbooks by this test (from the CSV, into a
 * temporary folder; amounts as number cells, dates as date cells, one named sheet each) give
 * the same `simulate --format json` report, byte for byte, as the CSV but for the file names
 * it reports; bad cells are reported with sheet, row, column letter and header.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/index.js';
import type { TableSchema } from '../../src/graph/tables.js';
import { compilePlaybookSource } from '../../src/simulate/load-playbook.js';
import { MAVEN, playbook } from '../cli/helpers.js';

const DATA = '../shared/data/maven-crm';
const dir = mkdtempSync(join(tmpdir(), 'pb-xlsx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes rows (header first) as a workbook with one sheet; cells already typed. */
async function writeWorkbook(path: string, sheet: string, rows: unknown[][]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  for (const r of rows) ws.addRow(r);
  await wb.xlsx.writeFile(path);
}

/** A CSV table as typed rows: numbers for money/number columns, UTC dates for date columns, empty as null. */
function typedRows(csvText: string, table: TableSchema): unknown[][] {
  const records = parse(csvText.replace(/^\ufeff/, ''), { skip_empty_lines: true }) as string[][];
  const [header, ...body] = records;
  const typeOf = new Map(table.fields.map((f) => [f.column, f.type]));
  return [
    header,
    ...body.map((r) =>
      r.map((v, i) => {
        const t = typeOf.get(header[i]);
        if (v === '') return null;
        if ((t === 'money' || t === 'number') && /^-?\d+(\.\d+)?$/.test(v)) return Number(v);
        if (t === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return new Date(`${v}T00:00:00Z`);
        return v;
      }),
    ),
  ];
}

describe('Excel input', () => {
  it.skipIf(!existsSync(DATA))('the Maven tables as .xlsx give the same simulate JSON as the CSV', async () => {
    const source = readFileSync(MAVEN, 'utf8');
    const graph = compilePlaybookSource(MAVEN, source).graph!;
    for (const t of graph.tables) {
      const base = t.file.replace(/\.csv$/, '');
      await writeWorkbook(join(dir, `${base}.xlsx`), `${base} 2017`, typedRows(readFileSync(join(DATA, t.file), 'utf8'), t));
    }
    const xlsxPlaybook = join(dir, 'maven-xlsx.playbook');
    writeFileSync(xlsxPlaybook, source.replace(/from "([^"]+)\.csv"/g, 'from "$1.xlsx" sheet "$1 2017"'));
    const fromCsv = playbook('simulate', MAVEN, '--data', DATA, '--format', 'json', '--out', join(dir, 'csv.json'));
    const fromXlsx = playbook('simulate', xlsxPlaybook, '--data', dir, '--format', 'json', '--out', join(dir, 'xlsx.json'));
    expect(fromXlsx.stderr).toBe(fromCsv.stderr);
    expect([fromCsv.status, fromXlsx.status]).toEqual([0, 0]);
    const csvOut = readFileSync(join(dir, 'csv.json'));
    expect(csvOut.length).toBeGreaterThan(10_000);
    const xlsxOut = readFileSync(join(dir, 'xlsx.json'), 'utf8').replaceAll(JSON.stringify(xlsxPlaybook), JSON.stringify(MAVEN)).replace(/\.xlsx"/g, '.csv"');
    expect(Buffer.from(xlsxOut).equals(csvOut)).toBe(true);
  }, 180_000);

  const source = `playbook "X"
  currency USD · time zone "UTC" · fiscal year starts January
  plan period 2026
  rounding half-up to 0.01 per payout line

table reps from "book.xlsx" sheet "Reps"
  field name text column "agent" key

table deals from "book.xlsx" sheet "Orders"
  field id     text  column "deal id" key
  field rep    text  column "agent" lookup reps
  field close  date "DD/MM/YYYY" column "close"
  field amount money column "amount"

credit "bookings" deals when amount > 0 to rep on close amount amount
`;
  const graph = compilePlaybookSource('x.playbook', source).graph!;

  it('reads dates and numbers from cell types (a date cell under a DD/MM/YYYY column; text cells by the layout) and names sheet, row, column letter and header in row errors', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Reps').addRows([['agent'], ['Ann']]);
    wb.addWorksheet('Orders').addRows([
      ['deal id', 'agent', 'close', 'amount'],
      ['D1', 'Ann', new Date('2026-03-31T00:00:00Z'), 1200.5],
      ['D2', 'Ann', '30/06/2026', '12,5OO'],
      ['D3', 'Ann', '31/12/2026', 0.1],
    ]);
    await wb.xlsx.writeFile(join(dir, 'book.xlsx'));
    const data = loadDataset(graph.tables, dir, { timeZone: 'UTC' });
    const deals = data.tables.get('deals')!;
    expect(deals.rows.map((r) => [r.values[0], new Date(r.values[2] as number).toISOString().slice(0, 10), String(r.values[3])])).toEqual([
      ['D1', '2026-03-31', '1200.5'],
      ['D3', '2026-12-31', '0.1'],
    ]);
    expect(data.rejected.flatMap((r) => r.issues.map((i) => i.message))).toEqual(['book.xlsx, sheet "Orders", row 3, column D (amount): expected an amount, got "12,5OO"']);
  });

  it('an unknown sheet, an old .xls and a CSV named .xlsx are reported as such', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Reps').addRows([['agent'], ['Ann']]);
    wb.addWorksheet('Sheet1').addRows([['deal id']]);
    await wb.xlsx.writeFile(join(dir, 'book.xlsx'));
    expect(() => loadDataset(graph.tables, dir, { timeZone: 'UTC' })).toThrow('book.xlsx: the workbook has no sheet "Orders"; its sheets are "Reps", "Sheet1"');
    writeFileSync(join(dir, 'book.xlsx'), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    expect(() => loadDataset(graph.tables, dir, { timeZone: 'UTC' })).toThrow('book.xlsx: this is an old-style Excel workbook (.xls), which is not read');
    writeFileSync(join(dir, 'book.xlsx'), 'agent\nAnn\n');
    expect(() => loadDataset(graph.tables, dir, { timeZone: 'UTC' })).toThrow('book.xlsx: this is not an Excel workbook, although its name says .xlsx');
  });
});
