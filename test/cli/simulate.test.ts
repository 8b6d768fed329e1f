/**
 * `playbook simulate` end to end on the bundled example (examples/key-account):
 * the table, JSON and CSV reports, `--out`, determinism, and a bad `--format`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_DATA, KEY_ACCOUNT, TIMEOUT, hasStackTrace, playbook, simulateOutputValidator, removeTempDirs, tempDir, type Run, KEY_ACCOUNT_NOTE } from './helpers.js';

interface Line {
  component: string;
  kind: string;
  period: string;
  amount: string;
  basis: string;
  explain: string;
}
interface Forfeit {
  component: string;
  amount: string;
  rule: string;
  reason: string;
}
interface Output {
  playbook: { name: string; currency: string; plan_period: string };
  input: Record<string, { file: string; read: number; used: number; rejected: number }>;
  rejected_rows: unknown[];
  reps: { rep: string; period: string; payout: string; lines: Line[]; forfeits: Forfeit[] }[];
  totals: { credited: string; payout: string };
}

const simulate = (...more: string[]) => playbook('simulate', KEY_ACCOUNT, '--data', EXAMPLE_DATA, ...more);

/** `-x` for a money text, keeping zero as it is (`0.00`, not `-0.00`). */
const negate = (money: string) => (Number(money) === 0 ? money : money.startsWith('-') ? money.slice(1) : `-${money}`);

describe('playbook simulate on examples/key-account', () => {
  afterAll(removeTempDirs);

  let json: Run;
  let jsonOut: Run;
  let outFile: string;
  let doc: Output;

  beforeAll(() => {
    json = simulate('--format', 'json');
    outFile = join(tempDir(), 'report.json');
    jsonOut = simulate('--format', 'json', '--out', outFile);
    doc = JSON.parse(json.stdout) as Output;
  }, 2 * TIMEOUT);

  it('--format json: exit 0, valid JSON that passes the output schema (Ajv 2020, strict)', () => {
    expect(json.status).toBe(0);
    expect(json.stderr).toBe(KEY_ACCOUNT_NOTE);
    const validate = simulateOutputValidator();
    const ok = validate(doc);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(doc.playbook).toMatchObject({ name: 'Key accounts 2026', currency: 'CNY', plan_period: '2026' });
  });

  it('--format json: every input table accounts for its rows (read = used + rejected), none rejected', () => {
    expect(Object.keys(doc.input).sort()).toEqual(['accounts', 'activities', 'collections', 'deals', 'products', 'progress', 'reps']);
    for (const t of Object.values(doc.input)) {
      expect(t.read).toBe(t.used + t.rejected);
      expect(t.rejected).toBe(0);
    }
    expect(doc.input.deals).toEqual({ file: 'deals.csv', read: 449, used: 449, rejected: 0 });
    expect(doc.rejected_rows).toEqual([]);
  });

  it('--out FILE writes the report to the file (nothing on stdout), byte-identical to the other run', () => {
    expect(jsonOut.status).toBe(0);
    expect(jsonOut.stdout).toBe('');
    const written = readFileSync(outFile, 'utf8');
    expect(written.length).toBeGreaterThan(1000);
    // Two separate runs on the same input: byte for byte the same (determinism).
    expect(written).toBe(json.stdout);
  });

  it(
    '--format table: exit 0, a title with the plan period and currency, one row per rep and a total',
    () => {
      const run = simulate();
      expect(run.status).toBe(0);
      expect(run.stderr).toBe(KEY_ACCOUNT_NOTE);
      const lines = run.stdout.split('\n');
      expect(lines[0]).toBe('Key accounts 2026 — plan period 2026, amounts in CNY');
      for (const rep of doc.reps) expect(lines.some((l) => l.startsWith(`${rep.rep} `))).toBe(true);
      const total = lines.find((l) => l.startsWith('Total'));
      expect(total).toBeDefined();
      // The total payout in the table is the JSON total, with thousands separators.
      const payout = Number(doc.totals.payout).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
      expect(total!.trimEnd().endsWith(payout)).toBe(true);
    },
    TIMEOUT,
  );

  it(
    '--format csv: the header, then one row per payout line and one per forfeit, matching the JSON',
    () => {
      const run = simulate('--format', 'csv');
      expect(run.status).toBe(0);
      expect(run.stderr).toBe(KEY_ACCOUNT_NOTE);
      expect(run.stdout.split('\n')[0]).toBe('rep,period,component,kind,basis,amount,explain');
      const rows = parse(run.stdout, { from_line: 2 }) as string[][];
      const expected: string[][] = [];
      for (const rep of doc.reps) {
        for (const l of rep.lines) expected.push([rep.rep, l.period, l.component, l.kind, l.basis, l.amount, l.explain]);
        for (const f of rep.forfeits) expected.push([rep.rep, rep.period, f.component, 'forfeit', '', negate(f.amount), `${f.rule}: ${f.reason}`]);
      }
      const lineCount = doc.reps.reduce((n, r) => n + r.lines.length, 0);
      const forfeitCount = doc.reps.reduce((n, r) => n + r.forfeits.length, 0);
      expect(forfeitCount).toBeGreaterThan(0); // the example has a lost must-win account
      expect(rows).toHaveLength(lineCount + forfeitCount);
      expect(rows).toEqual(expected);
    },
    TIMEOUT,
  );

  it(
    'a --format that does not exist: exit 2, a one-line usage error, nothing on stdout',
    () => {
      const run = simulate('--format', 'xlsx');
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe('error: --format must be one of table, json, csv, html, not "xlsx"\n');
      expect(hasStackTrace(run.stderr)).toBe(false);
    },
    TIMEOUT,
  );
});
