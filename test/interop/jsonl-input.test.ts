/**
 * JSON Lines input: the Maven tables converted to .jsonl (by this test, from the CSV, into a
 * temporary folder; amounts as JSON numbers, empty cells as null) give byte-identical
 * `simulate --format json` output to the CSV (but for the input file names it reports); bad lines are rejected with file:line messages.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/index.js';
import { compilePlaybookSource } from '../../src/simulate/load-playbook.js';
import { MAVEN, playbook } from '../cli/helpers.js';

const DATA = '../shared/data/maven-crm';
const dir = mkdtempSync(join(tmpdir(), 'pb-jsonl-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** CSV → JSON Lines: each row an object keyed by the header; numbers-looking cells of numeric columns as JSON numbers. */
function csvToJsonl(csvText: string, numeric: Set<string>): string {
  const rows = parse(csvText.replace(/^\ufeff/, ''), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const value = (column: string, v: string) => (v === '' ? null : numeric.has(column) && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v);
  return rows.map((r) => JSON.stringify(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, value(k, v)])))).join('\n') + '\n';
}

describe('JSON Lines input', () => {
  it.skipIf(!existsSync(DATA))('the Maven tables as JSON Lines give byte-identical simulate JSON', () => {
    const source = readFileSync(MAVEN, 'utf8');
    const graph = compilePlaybookSource(MAVEN, source).graph!;
    for (const t of graph.tables) {
      const numeric = new Set(t.fields.filter((f) => f.type === 'money' || f.type === 'number').map((f) => f.column));
      writeFileSync(join(dir, t.file.replace(/\.csv$/, '.jsonl')), csvToJsonl(readFileSync(join(DATA, t.file), 'utf8'), numeric));
    }
    const jsonlPlaybook = join(dir, 'maven-jsonl.playbook');
    writeFileSync(jsonlPlaybook, source.replace(/\.csv"/g, '.jsonl"'));
    const fromCsv = playbook('simulate', MAVEN, '--data', DATA, '--format', 'json', '--out', join(dir, 'csv.json'));
    const fromJsonl = playbook('simulate', jsonlPlaybook, '--data', dir, '--format', 'json', '--out', join(dir, 'jsonl.json'));
    expect(fromJsonl.stderr).toBe(fromCsv.stderr);
    expect(fromCsv.status).toBe(0);
    expect(fromJsonl.status).toBe(0);
    const csvOut = readFileSync(join(dir, 'csv.json'));
    expect(csvOut.length).toBeGreaterThan(10_000);
    // The report names its input files; with those names put back, every byte is the same.
    const jsonlOut = readFileSync(join(dir, 'jsonl.json'), 'utf8').replaceAll(JSON.stringify(jsonlPlaybook), JSON.stringify(MAVEN)).replace(/\.jsonl"/g, '.csv"');
    expect(Buffer.from(jsonlOut).equals(csvOut)).toBe(true);
  }, 120_000);

  it('rejects bad lines with file:line messages and reads the rest', () => {
    const source = `playbook "J"
  currency USD · time zone "UTC" · fiscal year starts January
  plan period 2026
  rounding half-up to 0.01 per payout line

table reps from "reps.jsonl"
  field name text column "agent" key

table deals from "deals.jsonl"
  field id     text  column "deal id" key
  field rep    text  column "agent" lookup reps
  field stage  text  column "stage"
  field close  date "YYYY-MM-DD" column "close"
  field amount money column "amount" optional
  won when stage = "Won"

credit "bookings" deals when won to rep on close amount amount
`;
    const graph = compilePlaybookSource('j.playbook', source).graph!;
    writeFileSync(join(dir, 'reps.jsonl'), '{"agent":"Ann"}\n\n{"agent":"Bo","extra":[1]}\n');
    writeFileSync(
      join(dir, 'deals.jsonl'),
      [
        '{"deal id":"D1","agent":"Ann","stage":"Won","close":"2026-03-31","amount":1200.5}',
        '{"deal id":"D2","agent":"Ann","stage":"Won","close":"2026-03-31","amount":"12,5OO"}',
        '{"deal id":"D3","agent":"Ann","stage":"Won","close":"2026-03-31","amount":{"v":1}}',
        '{"deal id":"D4","agent":"Ann","stage":"Won","close":"2026-03-31","amount":0.30000000000000000001}',
        '{"deal id":"D5", oops',
        '{"deal id":"D6","agent":"Bo","stage":"Won","close":"2026-04-01"}',
        '{"deal id":"D7","agent":"Bo","stage":"Won","close":"2026-04-01","amount":4514,"amount":9999999}',
      ].join('\n'),
    );
    const data = loadDataset(graph.tables, dir, { timeZone: 'UTC' });
    const deals = data.tables.get('deals')!;
    expect(deals.rows.map((r) => r.values[0])).toEqual(['D1', 'D6']);
    expect(String(deals.rows[0].values[4])).toBe('1200.5');
    expect(deals.rows[1].values[4]).toBeNull();
    expect(data.rejected.map((r) => r.issues.map((i) => i.message))).toEqual([
      ['deals.jsonl:2: amount: expected an amount, got "12,5OO"'],
      ['deals.jsonl:3: amount: expected text, a number, true/false or null, got an object'],
      ['deals.jsonl:4: the number 0.30000000000000000001 has more digits than a JSON number keeps exactly; write it as text ("0.30000000000000000001")'],
      [expect.stringMatching(/^deals\.jsonl:5: not a valid JSON object \(.*\): check the quotes and commas, and write numbers as numbers or text, never NaN$/)],
      // JSON.parse would keep the second amount (9,999,999) without a word.
      ['deals.jsonl:7: amount: the key "amount" appears more than once on this line; keep one'],
    ]);
    // Columns the playbook does not declare are not read (as in a CSV), whatever they hold.
    expect(data.tables.get('reps')!.rows).toHaveLength(2);
  });

  it('a CSV saved under a .jsonl name is reported as such', () => {
    const graph = compilePlaybookSource('j.playbook', 'playbook "J"\n  currency USD · time zone "UTC" · fiscal year starts January\n  plan period 2026\n  rounding half-up to 0.01 per payout line\n\ntable reps from "r.jsonl"\n  field name text column "agent" key\n\ntable deals from "d.jsonl"\n  field id text column "id" key\n  field rep text column "agent" lookup reps\n  field close date "YYYY-MM-DD" column "close"\n  field amount money column "amount"\n\ncredit "c" deals when amount > 0 to rep on close amount amount\n').graph;
    expect(graph).toBeTruthy();
    writeFileSync(join(dir, 'r.jsonl'), 'agent\nAnn\n');
    expect(() => loadDataset(graph!.tables, dir, { timeZone: 'UTC' })).toThrow('r.jsonl: this is not JSON Lines (one JSON object per line, as the .jsonl name says): line 1 starts "agent"');
  });
});
