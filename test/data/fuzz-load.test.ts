/**
 * Seeded fuzz of reading data files: random bytes, random encodings (declared or
 * not, right or wrong) and random quote placements in a real-shaped deals/reps
 * pair. Every run either succeeds with every row accounted for, or stops with
 * one of the project's own errors and a clear, short, escaped message.
 *
 * Cases: PLAYBOOK_FUZZ_RUNS (default 200 here in `npm test`; the long run sets
 * 100,000, see README "Testing").
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/data/index.js';
import type { RuleGraph } from '../../src/graph/nodes.js';
import { compilePlaybookSource } from '../../src/simulate/load-playbook.js';
import { simulate, type Simulation } from '../../src/simulate/simulate.js';
import { tempFolders } from './temp.js';

const RUNS = Number(process.env.PLAYBOOK_FUZZ_RUNS ?? 200);
const TIMEOUT = Math.max(60_000, RUNS * 50);
const folder = tempFolders();

const PLAYBOOK = `playbook "Fuzz"
  currency CNY · time zone "Asia/Shanghai" · fiscal year starts January
  plan period 2026

table reps from "reps.csv"
  field id   text column "rep_id" key
  field name text column "name"

table deals from "deals.csv"
  field id      text  column "deal_id" key
  field rep     text  column "rep_id" lookup reps
  field product text  column "product"
  field stage   text  column "stage"
  field closed  date "YYYY-MM-DD" column "close_date" optional
  field amount  money column "amount"
  field notes   text  column "notes" optional multiline
  won  when stage = "Won"
  lost when stage = "Lost"

credit deals when won to rep on closed amount amount

commission "orders" on credited per year marginal
  base rate 2%
  from 0 pay base
`;

const REPS = ['rep_id,name', 'R01,王伟', 'R02,李娜', 'R03,Kevin Liu', 'R04,Jürgen Müller', 'R05,刘洋'].join('\n') + '\n';
const DEALS =
  [
    'deal_id,rep_id,product,stage,close_date,amount,notes',
    'D0001,R01,Implementation Services,Won,2026-05-04,1000000.00,',
    'D0002,R02,"Grid Controller, GC-X",Won,2026-01-25,391263.72,"met CFO\nsigned NDA"',
    'D0003,R03,DataHub Enterprise,Lost,2026-02-03,3580000.00,',
    'D0004,R04,24 inch monitor,Won,2026-03-01,500.00,Büro',
    'D0005,R05,服务器,Open,,120000.50,客户拜访',
    'D0006,R01,Grid Controller GC-X,Won,2026-07-09,"1,250.00",',
  ].join('\n') + '\n';

const compiled = compilePlaybookSource('fuzz.playbook', PLAYBOOK);
const GRAPH = compiled.graph!;

const ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'gb18030', 'windows-1252'] as const;
type Enc = (typeof ENCODINGS)[number];

/** `text` in `enc`, with a byte-order mark when asked (UTF encodings only). */
function encode(text: string, enc: Enc, bom: boolean): Buffer {
  const body = enc === 'utf-8' ? Buffer.from(text, 'utf8') : iconv.encode(text, enc, { addBOM: false });
  if (!bom) return body;
  const marks: Partial<Record<Enc, number[]>> = { 'utf-8': [0xef, 0xbb, 0xbf], 'utf-16le': [0xff, 0xfe], 'utf-16be': [0xfe, 0xff] };
  return marks[enc] ? Buffer.concat([Buffer.from(marks[enc]!), body]) : body;
}

/** Edits of the text before encoding: quotes, delimiters, line breaks and odd characters at random places (after the header unless `inHeader`). */
const textEdit = fc.tuple(fc.nat(), fc.constantFrom('"', '"', ',', '\n', '\r\n', '""', '\u0000', '\u001b[2J', '\u200b', 'e\u0301', ''), fc.boolean());
/** Edits of the encoded bytes: a random byte replaced or inserted, or the file cut short. */
const byteEdit = fc.tuple(fc.constantFrom('set', 'insert', 'cut'), fc.nat(), fc.integer({ min: 0, max: 255 }));

// Most cases keep the bytes and the declaration right, so that loads also succeed
// and the row accounting is exercised, not only the refusals.
const fileCase = fc.record({
  textEdits: fc.array(textEdit, { maxLength: 4 }),
  byteEdits: fc.oneof({ weight: 3, arbitrary: fc.constant<[string, number, number][]>([]) }, { weight: 1, arbitrary: fc.array(byteEdit, { minLength: 1, maxLength: 2 }) }),
  enc: fc.constantFrom(...ENCODINGS),
  bom: fc.boolean(),
  // Declared: none, the true encoding, or another one.
  declared: fc.oneof({ weight: 3, arbitrary: fc.constant<'true'>('true') }, { weight: 1, arbitrary: fc.constantFrom<'none' | Enc>('none', ...ENCODINGS) }),
});

function applyText(text: string, edits: [number, string, boolean][]): string {
  let out = text;
  const body = text.indexOf('\n') + 1;
  for (const [at, insert, inHeader] of edits) {
    const i = inHeader ? at % (out.length + 1) : body + (at % (out.length - body + 1));
    out = out.slice(0, i) + insert + out.slice(i);
  }
  return out;
}

function applyBytes(bytes: Buffer, edits: [string, number, number][]): Buffer {
  let out = bytes;
  for (const [kind, at, value] of edits) {
    if (out.length === 0) break;
    const i = at % out.length;
    if (kind === 'set') (out = Buffer.from(out))[i] = value;
    else if (kind === 'insert') out = Buffer.concat([out.subarray(0, i), Buffer.from([value]), out.subarray(i)]);
    else out = out.subarray(0, i);
  }
  return out;
}

/** 1-based numbers of the lines that can hold a record: not blank, and not only delimiters, quotes and spaces. */
function candidateLines(text: string): number[] {
  const lines = text.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n').split('\n');
  return lines.flatMap((l, i) => (/[^\s,"]/.test(l) ? [i + 1] : []));
}

// No raw control characters (tab excepted), and no stack trace or JavaScript error name.
const CLEAN = /^[^\u0000-\u0008\u000a-\u001f\u007f-\u009f]*$/;

function messageIsClear(message: string, files: string[]): void {
  expect(files.some((f) => message.startsWith(`${f}:`))).toBe(true);
  expect(message).toMatch(CLEAN);
  expect(message.length).toBeLessThan(1500);
  expect(message).not.toMatch(/\n\s+at |TypeError|RangeError|undefined|NaN|\[object/);
}

/**
 * Every table: read = used + rejected; and every line that can hold a record but
 * starts none lies inside the record before it, which is then a row whose
 * multiline field holds a line break, or a rejected row (reported: with "runs over
 * lines" unless the table declares a multiline field).
 */
function accounted(sim: Simulation, texts: Record<string, string | null>): void {
  const rejections = sim.rejectedRows.flatMap((r) => r.messages);
  for (const m of rejections) messageIsClear(m, ['reps.csv', 'deals.csv']);
  for (const input of sim.input) {
    expect(input.read).toBe(input.used + input.rejected);
    const text = texts[input.file];
    if (text === null) continue; // decoded by a rule the test does not repeat
    const table = sim.tables.get(input.table)!;
    const notes = table.schema.fields.findIndex((f) => f.multiline);
    const rejected = sim.rejectedRows.filter((r) => r.file === input.file);
    const starts = [...table.rows.map((r) => r.line), ...rejected.map((r) => r.line)].sort((a, b) => a - b);
    expect(starts.length).toBe(input.read);
    if (starts.length === 0) continue;
    for (const line of candidateLines(text)) {
      if (line <= starts[0] || starts.includes(line)) continue;
      const owner = starts.filter((s) => s < line).pop()!;
      const row = table.rows.find((r) => r.line === owner);
      if (row !== undefined) {
        expect([input.file, line, notes >= 0 && String(row.values[notes]).includes('\n')]).toEqual([input.file, line, true]);
      } else {
        const messages = rejected.find((r) => r.line === owner)!.messages;
        expect([input.file, line, notes >= 0 || messages.some((m) => m.includes('runs over lines'))]).toEqual([input.file, line, true]);
      }
    }
  }
}

/** The text the loader should have read, decoded independently of it (null when not easily repeated). */
function expectedText(bytes: Buffer, enc: Enc | undefined): string | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (enc === undefined || enc === 'utf-8') return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  if (enc === 'utf-16le' || enc === 'utf-16be') return new TextDecoder(enc).decode(bytes);
  return iconv.decode(bytes, enc);
}

describe('reading fuzzed CRM files', () => {
  it(`either every row is accounted for, or a clear DataError (${RUNS} cases)`, () => {
    const dir = folder({});
    fc.assert(
      fc.property(fileCase, fileCase, (repsCase, dealsCase) => {
        const graph: RuleGraph = structuredClone(GRAPH);
        const texts: Record<string, string | null> = {};
        for (const [file, base, c] of [['reps.csv', REPS, repsCase], ['deals.csv', DEALS, dealsCase]] as const) {
          const bytes = applyBytes(encode(applyText(base, c.textEdits), c.enc, c.bom), c.byteEdits);
          writeFileSync(join(dir, file), bytes);
          const declared = c.declared === 'none' ? undefined : c.declared === 'true' ? c.enc : c.declared;
          const schema = graph.tables.find((t) => t.file === file)!;
          if (declared !== undefined) schema.encoding = declared;
          try {
            texts[file] = expectedText(bytes, declared);
          } catch {
            texts[file] = null;
          }
        }
        let sim: Simulation;
        try {
          sim = simulate(graph, 'fuzz.playbook', dir, { skipBadRows: true });
        } catch (e) {
          expect(e).toBeInstanceOf(DataError);
          messageIsClear((e as DataError).message, ['reps.csv', 'deals.csv']);
          return;
        }
        accounted(sim, texts);
        for (const w of sim.evaluation.warnings) expect(w).toMatch(CLEAN);
      }),
      { seed: 20260401, numRuns: RUNS },
    );
  }, TIMEOUT);
});
