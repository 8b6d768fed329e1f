/**
 * The conformance corpus runner.
 *
 * Every folder under `test/conformance/` that holds an `expected.json` is one
 * fixture: `scheme.playbook`, a few small CSV files, and `expected.json` with
 * values computed BY HAND (each with a `"why"` string showing the arithmetic).
 * The runner compiles the playbook, simulates it over the folder's CSV files
 * and compares exactly the fields `expected.json` names; one `it` per
 * assertion, so a failure names the fixture, the field and the hand
 * computation. The format is described in `README.md` next to this file.
 *
 * An assertion carrying `"engine_bug": "<what is wrong>"` documents a known
 * engine defect: it runs as `it.fails(...)` so the suite stays green while the
 * defect exists, and turns red (as a reminder to drop the marker) once fixed.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { underVersion } from '../../src/graph/replay.js';
import { type CompiledPlaybook, compilePlaybookSource } from '../../src/simulate/load-playbook.js';
import { simulationJson } from '../../src/simulate/report-json.js';
import { BadRowsError, simulate } from '../../src/simulate/simulate.js';

const ROOT = fileURLToPath(new URL('.', import.meta.url));

// ---- the expected.json format ------------------------------------------------------

/** One checked value with its hand computation. */
interface Check<T = unknown> {
  value: T;
  why: string;
  /** Set when the engine is known to get this wrong: the assertion runs as it.fails. */
  engine_bug?: string;
}

interface RepExpect {
  /** `"component"` sums every line of that component; `"component@period"` only the lines of that period. */
  lines?: Record<string, Check<string>>;
  /** Component → forfeited amount. */
  forfeits?: Record<string, Check<string>>;
  /** Annual quota by name. */
  quotas?: Record<string, Check<string>>;
  /** Review flags as `"rule@period"`, compared as a sorted list. */
  reviews?: Check<string[]>;
  /**
   * The rep's draw: a draw period (`2026-01`) → the fields of that period's entry that must match
   * (`earnings`, `draw_paid`, `recovered`, `balance`, `paid`); or `written_off` / `carried_over`.
   */
  draw?: Record<string, Check<Record<string, string> | string>>;
  /** Any scalar of the rep's JSON entry: credited, deals_credited, forfeited, payout. */
  [field: string]: Check | Record<string, Check> | undefined;
}

interface RankingEntryExpect {
  period: string;
  rep: string;
  rank: number;
  band: 'top' | 'middle' | 'bottom';
  reward: string;
  why: string;
  engine_bug?: string;
}

interface InputExpect {
  read: number;
  used: number;
  rejected: number;
  why: string;
  engine_bug?: string;
}

interface RowErrorExpect {
  file: string;
  line: number;
  /** A substring of one of the row's messages. */
  message: string;
  why: string;
  engine_bug?: string;
}

interface DiagnosticExpect {
  code: string;
  line: number;
  column: number;
  /** A substring of the diagnostic's message. */
  message: string;
  why: string;
  engine_bug?: string;
}

interface Expected {
  description: string;
  /** `underVersion`: simulate with every deal paid under the plan version in force that day (`--under-version`). */
  options?: { skipBadRows?: boolean; underVersion?: string };
  reps?: Record<string, RepExpect>;
  /** Deal id → any field of the deal's JSON entry (credited, redlines, stage, credit_period, close_date, amount). */
  deals?: Record<string, Record<string, Check>>;
  ranking?: { complete?: Check<boolean>; entries: RankingEntryExpect[] };
  input?: Record<string, InputExpect>;
  rejected_rows?: RowErrorExpect[];
  totals?: Record<string, Check<string>>;
  /** Each must be a substring of some warning. */
  warnings?: { contains: string; why: string; engine_bug?: string }[];
  /**
   * Paying in stages: `as_of` (the end of the data), and checks on the `payments` part of the
   * JSON report, each naming a list (`releases`, `statements`, `totals`, `pay_fast`), the fields
   * that pick exactly one entry (`where`) and the values expected of it (`expect`).
   */
  payments?: { as_of?: Check<string>; entries: { in: 'releases' | 'statements' | 'totals' | 'pay_fast'; where: Record<string, unknown>; expect: Record<string, unknown>; why: string; engine_bug?: string }[] };
  /** For fixtures that must fail: either the playbook does not compile, or the data has bad rows. */
  error?: { diagnostics?: DiagnosticExpect[]; bad_rows?: RowErrorExpect[] };
}

// ---- running a fixture (lazily, once) ---------------------------------------------------

type Json = Record<string, any>;

interface Run {
  compiled: CompiledPlaybook;
  json?: Json;
  thrown?: unknown;
}

function runner(dir: string, expected: Expected): () => Run {
  let run: Run | null = null;
  return () => {
    if (run) return run;
    const file = join(dir, 'scheme.playbook');
    const compiled = compilePlaybookSource(file, readFileSync(file, 'utf8'));
    run = { compiled };
    if (!compiled.graph) return run;
    try {
      const graph = expected.options?.underVersion ? underVersion(compiled.graph, expected.options.underVersion) : compiled.graph;
      run.json = simulationJson(simulate(graph, file, dir, { skipBadRows: expected.options?.skipBadRows ?? false }));
    } catch (e) {
      run.thrown = e;
    }
    return run;
  };
}

/** The simulation JSON; fails with the diagnostics or the error when there is none. */
function output(get: () => Run): Json {
  const run = get();
  if (!run.compiled.graph) {
    const list = run.compiled.diagnostics.map((d) => `${d.span.line}:${d.span.column} ${d.code} ${d.message}`).join('\n');
    throw new Error(`the playbook does not compile:\n${list}`);
  }
  if (run.thrown) throw run.thrown;
  return run.json!;
}

function repOf(json: Json, rep: string): Json {
  const found = (json.reps as Json[]).find((r) => r.rep === rep);
  if (!found) throw new Error(`no rep "${rep}" in the output (reps: ${(json.reps as Json[]).map((r) => r.rep).join(', ')})`);
  return found;
}

function dealOf(json: Json, id: string): Json {
  const found = (json.deals as Json[]).find((d) => d.id === id);
  if (!found) throw new Error(`no deal "${id}" in the output`);
  return found;
}

/** Money strings → integer minor units (bigint), so sums are exact. */
function minor(text: string): { units: bigint; digits: number } {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) throw new Error(`not a money string: ${text}`);
  const digits = m[3]?.length ?? 0;
  const units = BigInt(m[2] + (m[3] ?? ''));
  return { units: m[1] ? -units : units, digits };
}

function moneyFrom(units: bigint, digits: number): string {
  const negative = units < 0n;
  const text = (negative ? -units : units).toString().padStart(digits + 1, '0');
  const body = digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`;
  return negative && units !== 0n ? `-${body}` : body;
}

/** Sum of the line amounts of `component` (optionally `@period`), as a money string with `digits` decimals. */
function lineSum(rep: Json, key: string, digits: number): string {
  const at = key.lastIndexOf('@');
  const component = at < 0 ? key : key.slice(0, at);
  const period = at < 0 ? null : key.slice(at + 1);
  const lines = (rep.lines as Json[]).filter((l) => l.component === component && (period === null || l.period === period));
  if (lines.length === 0) {
    throw new Error(`rep ${rep.rep} has no line "${key}" (lines: ${(rep.lines as Json[]).map((l) => `${l.component}@${l.period}`).join(', ')})`);
  }
  let total = 0n;
  for (const l of lines) total += minor(l.amount as string).units;
  return moneyFrom(total, digits);
}

function digitsOf(json: Json): number {
  const sample = (json.totals as Json).credited as string;
  return minor(sample).digits;
}

function sortedList(v: unknown): unknown {
  return Array.isArray(v) ? [...v].map(String).sort() : v;
}

// ---- assertions ------------------------------------------------------------------------

interface Assertion {
  name: string;
  why: string;
  bug?: string;
  run: () => void;
}

function assertionsFor(dir: string, expected: Expected): Assertion[] {
  const get = runner(dir, expected);
  const out: Assertion[] = [];
  const add = (name: string, check: { why: string; engine_bug?: string }, run: () => void) =>
    out.push({ name, why: check.why, bug: check.engine_bug, run });

  // Fixtures that must fail.
  if (expected.error?.diagnostics) {
    add('the playbook is rejected (no rule graph)', { why: 'it has errors' }, () => {
      expect(get().compiled.graph).toBeNull();
    });
    for (const d of expected.error.diagnostics) {
      add(`diagnostic ${d.code} at ${d.line}:${d.column}`, d, () => {
        const found = get().compiled.diagnostics.map((x) => ({ code: x.code, line: x.span.line, column: x.span.column, message: x.message }));
        const match = found.find((x) => x.code === d.code && x.line === d.line && x.column === d.column && x.message.includes(d.message));
        expect(match, `expected ${d.code} at ${d.line}:${d.column} containing "${d.message}"; got:\n${JSON.stringify(found, null, 2)}`).toBeDefined();
      });
    }
    return out;
  }
  add('the playbook compiles without errors', { why: 'a valid scheme' }, () => {
    const errors = get().compiled.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => `${d.span.line}:${d.span.column} ${d.code} ${d.message}`)).toEqual([]);
  });
  if (expected.error?.bad_rows) {
    for (const r of expected.error.bad_rows) {
      add(`the run fails on ${r.file}:${r.line}`, r, () => {
        const run = get();
        expect(run.compiled.graph).not.toBeNull();
        expect(run.thrown, 'the simulation should have thrown BadRowsError').toBeInstanceOf(BadRowsError);
        const rows = (run.thrown as BadRowsError).rejected;
        const row = rows.find((x) => x.file === r.file && x.line === r.line);
        expect(row, `no rejected row ${r.file}:${r.line}; got ${JSON.stringify(rows)}`).toBeDefined();
        expect(row!.messages.some((m) => m.includes(r.message)), `messages ${JSON.stringify(row!.messages)} do not contain "${r.message}"`).toBe(true);
      });
    }
    return out;
  }

  for (const [rep, e] of Object.entries(expected.reps ?? {})) {
    for (const [field, check] of Object.entries(e)) {
      if (field === 'lines' || field === 'forfeits' || field === 'quotas') {
        for (const [key, c] of Object.entries(check as Record<string, Check<string>>)) {
          add(`rep ${rep} ${field} "${key}" = ${c.value}`, c, () => {
            const json = output(get);
            const r = repOf(json, rep);
            if (field === 'lines') expect(lineSum(r, key, digitsOf(json))).toBe(c.value);
            else if (field === 'forfeits') {
              const f = (r.forfeits as Json[]).filter((x) => x.component === key);
              expect(f.length, `rep ${rep} forfeits: ${JSON.stringify(r.forfeits)}`).toBe(1);
              expect(f[0].amount).toBe(c.value);
            } else expect((r.quotas as Json)[key]).toBe(c.value);
          });
        }
        continue;
      }
      if (field === 'draw') {
        for (const [key, c] of Object.entries(check as Record<string, Check<Record<string, string> | string>>)) {
          add(`rep ${rep} draw ${key} = ${JSON.stringify(c.value)}`, c, () => {
            const d = repOf(output(get), rep).draw as Json | undefined;
            expect(d, `rep ${rep} has no draw`).toBeDefined();
            if (typeof c.value === 'string') expect(d![key]).toBe(c.value);
            else {
              const entry = (d!.periods as Json[]).find((p) => p.period === key);
              expect(entry, `rep ${rep} has no draw period ${key}`).toBeDefined();
              expect(Object.fromEntries(Object.keys(c.value).map((k) => [k, entry![k]]))).toEqual(c.value);
            }
          });
        }
        continue;
      }
      const c = check as Check;
      if (field === 'reviews') {
        add(`rep ${rep} reviews = ${JSON.stringify(c.value)}`, c, () => {
          const r = repOf(output(get), rep);
          expect((r.reviews as Json[]).map((x) => `${x.rule}@${x.period}`).sort()).toEqual([...(c.value as string[])].sort());
        });
        continue;
      }
      add(`rep ${rep} ${field} = ${JSON.stringify(c.value)}`, c, () => {
        expect(repOf(output(get), rep)[field]).toEqual(c.value);
      });
    }
  }

  for (const [id, fields] of Object.entries(expected.deals ?? {})) {
    for (const [field, c] of Object.entries(fields)) {
      add(`deal ${id} ${field} = ${JSON.stringify(c.value)}`, c, () => {
        expect(sortedList(dealOf(output(get), id)[field])).toEqual(sortedList(c.value));
      });
    }
  }

  if (expected.ranking) {
    const entries = expected.ranking.entries;
    for (const e of entries) {
      add(`ranking ${e.period} ${e.rep}: rank ${e.rank} ${e.band} ${e.reward}`, e, () => {
        const found = (output(get).ranking as Json[]).filter((r) => r.period === e.period && r.rep === e.rep);
        expect(found.length, `ranking entries for ${e.period} ${e.rep}`).toBe(1);
        expect({ rank: found[0].rank, band: found[0].band, reward: found[0].reward }).toEqual({ rank: e.rank, band: e.band, reward: e.reward });
      });
    }
    const complete = expected.ranking.complete;
    if (complete?.value) {
      add('ranking has exactly the listed entries', complete, () => {
        const got = (output(get).ranking as Json[]).map((r) => `${r.period} ${r.rep}`).sort();
        expect(got).toEqual(entries.map((e) => `${e.period} ${e.rep}`).sort());
      });
    }
  }

  for (const [table, e] of Object.entries(expected.input ?? {})) {
    add(`input ${table}: read ${e.read} = used ${e.used} + rejected ${e.rejected}`, e, () => {
      const got = (output(get).input as Json)[table];
      expect(got, `no input table ${table}`).toBeDefined();
      expect({ read: got.read, used: got.used, rejected: got.rejected }).toEqual({ read: e.read, used: e.used, rejected: e.rejected });
      expect(got.read).toBe(got.used + got.rejected);
    });
  }

  for (const r of expected.rejected_rows ?? []) {
    add(`rejected row ${r.file}:${r.line}`, r, () => {
      const rows = output(get).rejected_rows as Json[];
      const row = rows.find((x) => x.file === r.file && x.line === r.line);
      expect(row, `no rejected row ${r.file}:${r.line}; got ${JSON.stringify(rows)}`).toBeDefined();
      expect((row!.messages as string[]).some((m) => m.includes(r.message)), `messages ${JSON.stringify(row!.messages)} do not contain "${r.message}"`).toBe(true);
    });
  }

  for (const [field, c] of Object.entries(expected.totals ?? {})) {
    add(`totals ${field} = ${c.value}`, c, () => {
      expect((output(get).totals as Json)[field]).toBe(c.value);
    });
  }

  if (expected.payments?.as_of) {
    const c = expected.payments.as_of;
    add(`payments as of ${c.value}`, c, () => {
      expect((output(get).payments as Json | undefined)?.as_of).toBe(c.value);
    });
  }
  for (const e of expected.payments?.entries ?? []) {
    add(`payments ${e.in} ${JSON.stringify(e.where)} → ${JSON.stringify(e.expect)}`, e, () => {
      const list = ((output(get).payments as Json | undefined)?.[e.in] ?? []) as Json[];
      const found = list.filter((x) => Object.entries(e.where).every(([k, v]) => x[k] === v));
      expect(found.length, `entries of payments.${e.in} matching ${JSON.stringify(e.where)}: ${JSON.stringify(found, null, 1)}`).toBe(1);
      expect(Object.fromEntries(Object.keys(e.expect).map((k) => [k, found[0][k]]))).toEqual(e.expect);
    });
  }

  for (const w of expected.warnings ?? []) {
    add(`a warning mentions "${w.contains}"`, w, () => {
      const warnings = output(get).warnings as string[];
      expect(warnings.some((x) => x.includes(w.contains)), `warnings: ${JSON.stringify(warnings)}`).toBe(true);
    });
  }
  return out;
}

// ---- the suite --------------------------------------------------------------------------

const folders = readdirSync(ROOT)
  .filter((name) => statSync(join(ROOT, name)).isDirectory() && existsSync(join(ROOT, name, 'expected.json')))
  .sort();

describe('conformance corpus', () => {
  it('has fixtures', () => {
    expect(folders.length).toBeGreaterThan(0);
  });
  for (const name of folders) {
    const dir = join(ROOT, name);
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected;
    describe(name, () => {
      const assertions = assertionsFor(dir, expected);
      it('every assertion shows its hand computation', () => {
        expect(existsSync(join(dir, 'scheme.playbook'))).toBe(true);
        expect(expected.description, 'description').toBeTruthy();
        for (const a of assertions) expect(a.why.trim(), `"why" of: ${a.name}`).not.toBe('');
      });
      for (const a of assertions) {
        const title = `${a.name}  [${a.why}]`;
        if (a.bug) {
          // Known engine defect (see the assertion's "engine_bug" in expected.json): expected to fail until fixed.
          it.fails(`${title}  (ENGINE BUG: ${a.bug})`, a.run);
        } else it(title, a.run);
      }
    });
  }
});
