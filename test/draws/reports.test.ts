/**
 * Draws, to-date tables and instalments in the reports: the real JSON of their conformance
 * fixtures validates against schema/simulate-output.schema.json (Ajv strict mode) and a draw
 * amount written as a JSON number does not; the CSV has one row per statement line (draw and
 * recovery lines, then the year-end row, adding up to the payout); `explain --rep` shows every
 * new line kind; the table shows the draw statement. Values by hand from the fixtures' README.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { compilePlaybookSource } from '../../src/simulate/load-playbook.js';
import { formatCsv } from '../../src/simulate/report-csv.js';
import { formatStatementsCsv } from '../../src/simulate/report-payments.js';
import { simulationJson } from '../../src/simulate/report-json.js';
import { formatTable } from '../../src/simulate/report-table.js';
import { simulate } from '../../src/simulate/simulate.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const schema = JSON.parse(readFileSync(join(ROOT, 'schema/simulate-output.schema.json'), 'utf8')) as Record<string, unknown>;
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
const FIXTURES = ['draw-non-recoverable-three-periods', 'draw-recoverable-three-periods', 'ytd-marginal-paid-quarterly', 'annual-bonus-monthly-instalments', 'vendor-xactly-draw'];

function run(dir: string) {
  const file = join(ROOT, 'test/conformance', dir, 'scheme.playbook');
  const graph = compilePlaybookSource(file, readFileSync(file, 'utf8')).graph!;
  return simulate(graph, file, join(ROOT, 'test/conformance', dir));
}
const json = (dir: string) => JSON.parse(JSON.stringify(simulationJson(run(dir)))) as Record<string, any>;

describe('the JSON of draws, to-date tables and instalments', () => {
  it.each(FIXTURES)('%s: the real output validates', (dir) => {
    const doc = json(dir);
    expect(validate(doc), JSON.stringify(validate.errors, null, 1)).toBe(true);
  });
  it('rejects a draw balance written as a JSON number, and an unknown draw kind', () => {
    const doc = json('draw-recoverable-three-periods');
    doc.reps[0].draw.periods[0].balance = 9000;
    expect(validate(doc)).toBe(false);
    const other = json('draw-recoverable-three-periods');
    other.reps[0].draw.kind = 'forgivable';
    expect(validate(other)).toBe(false);
  });
  it('a playbook without a draw has no draw in its JSON', () => {
    expect(json('ytd-marginal-paid-quarterly').reps.every((r: Record<string, unknown>) => !('draw' in r))).toBe(true);
  });
});

describe('the CSV statement lines', () => {
  const csv = formatCsv(run('draw-recoverable-three-periods')).trim().split('\n');
  it('has a row per draw line and recovery line, and one year-end row per rep', () => {
    const r2 = csv.filter((l) => l.startsWith('r2,'));
    expect(r2.filter((l) => l.split(',')[3] === 'draw').map((l) => l.split(',')[5])).toEqual(['15000.00', '15000.00']);
    expect(r2.filter((l) => l.split(',')[3] === 'recovery').map((l) => l.split(',')[5])).toEqual(['-20000.00']);
    const yearEnd = r2.filter((l) => l.split(',')[3] === 'draw year end');
    expect(yearEnd).toHaveLength(1);
    expect(yearEnd[0]).toContain('balance of 10000.00 written off at year end');
  });
  it("r2's rows add up to the payout, 65,000.00 (55,000 + 30,000 − 20,000, by hand)", () => {
    const cents = csv.filter((l) => l.startsWith('r2,')).reduce((s, l) => s + Math.round(Number(l.split(',')[5]) * 100), 0);
    expect(cents).toBe(6_500_000);
  });
});

describe('the statements CSV (--format csv --statements)', () => {
  it("lists each rep's draw per period, then the year-end line", () => {
    const sim = run('draw-recoverable-three-periods');
    const rows = formatStatementsCsv(sim.evaluation.payments, 2, sim.evaluation.reps).trim().split('\n');
    expect(rows[0]).toBe('rep,month,component,line,amount');
    // r2, Q3 by hand: earnings 40,000; recovery capped at 50% = 20,000; balance 30,000 − 20,000.
    expect(rows.filter((r) => r.startsWith('r2,2026-Q3,'))).toEqual(['r2,2026-Q3,draw,earnings,40000.00', 'r2,2026-Q3,draw,draw paid,0.00', 'r2,2026-Q3,draw,recovered,20000.00', 'r2,2026-Q3,draw,balance,10000.00', 'r2,2026-Q3,draw,paid,20000.00']);
    expect(rows).toContain('r2,2026,draw,written off,10000.00');
    expect(rows).toContain('r1,2026,draw,written off,5000.00');
  });
  it('the CLI accepts --statements for a playbook with a draw and no stages', () => {
    const out = execFileSync('node', [join(ROOT, 'bin/playbook.js'), 'simulate', 'test/conformance/vendor-xactly-draw/scheme.playbook', '--data', 'test/conformance/vendor-xactly-draw', '--format', 'csv', '--statements'], { cwd: ROOT, encoding: 'utf8' });
    expect(out.split('\n')).toContain('rep,2026-09,draw,recovered,1000.00');
  });
});

describe('explain and the table', () => {
  it('explain --rep shows the to-date increment, the draw, the recovery and the instalment lines', () => {
    const explain = (dir: string, rep: string) =>
      execFileSync('node', [join(ROOT, 'bin/playbook.js'), 'explain', join('test/conformance', dir, 'scheme.playbook'), '--data', join('test/conformance', dir), '--rep', rep], { cwd: ROOT, encoding: 'utf8' });
    const draw = explain('draw-recoverable-three-periods', 'r1');
    expect(draw).toContain('draw (2026-Q1)');
    expect(draw).toContain('earnings 6,000.00 topped up by 9,000.00; 9,000.00 to recover');
    expect(draw).toContain('draw recovered (2026-Q2)');
    expect(draw).toContain('−7,000.00');
    expect(draw).toMatch(/draw balance written off at year end\s+\(5,000\.00\)/);
    expect(draw).toContain('2026-Q1 9,000.00, 2026-Q2 2,000.00, 2026-Q3 0.00, 2026-Q4 5,000.00 owed at each period\'s end');
    const ytd = explain('ytd-marginal-paid-quarterly', 'r1');
    expect(ytd).toContain('year-to-date 2026-01 … 2026-09, 230,000.00 credited: marginal: 2% × 200,000.00 + 4% × 30,000.00 = 5,200.00, less 3,400.00 paid for earlier quarters');
    // The Q3 line's parts add up to it: 4,000 + 1,200 in the bands − 3,400 paid before = 1,800 (no rounding).
    expect(ytd).toMatch(/paid for earlier quarters\s+−3,400\.00/);
    expect(ytd).toContain('credited in 2026-01 … 2026-09: 3 deals');
    expect(ytd).not.toContain('rounding (half-up');
    const inst = explain('annual-bonus-monthly-instalments', 'r1');
    expect(inst).toContain('monthly instalment 12 of 12: the rest of 50,000.00 after 11 parts of 4,166.67');
    // A versioned bonus in instalments: each part names the version that judged the year.
    const versioned = explain('versions-bonus-instalments', 'ann');
    expect(versioned).toContain('monthly instalment 1 of 12: 10,000.00 ÷ 12, rounded (version from 2026-07-01, in force on the plan period\'s last day, judges the whole year)');
    expect(versioned).toContain('monthly instalment 12 of 12: the rest of 10,000.00 after 11 parts of 833.33 (version from 2026-07-01, in force on the plan period\'s last day, judges the whole year)');
    // The part has no condition of its own: it is not 'condition met in 2026-01'.
    expect(versioned).toContain("part of the year's amount (no condition)");
    expect(versioned).not.toContain('condition met in 2026-01');
  });
  it('explain --rep says why a joiner had no draw before the start date, as the draw table does', () => {
    const explain = (...args: string[]) =>
      execFileSync('node', [join(ROOT, 'bin/playbook.js'), 'explain', 'test/conformance/joiner-bonus-and-draw/scheme.playbook', '--data', 'test/conformance/joiner-bonus-and-draw', ...args], { cwd: ROOT, encoding: 'utf8' });
    // joe starts on 2026-07-01 (reps.csv): Q1 and Q2 end on or before it, so no draw in them; Q4's 2,000 is advanced.
    const joe = explain('--rep', 'joe');
    expect(joe).toContain('no draw before the start date 2026-07-01');
    expect(joe).toContain('2026-Q1, 2026-Q2: joe was not yet in post, so no draw was advanced');
    // Only the periods asked for; a rep in post all year has no such line.
    expect(explain('--rep', 'joe', '--period', '2026-Q2')).toContain('2026-Q2: joe was not yet in post');
    expect(explain('--rep', 'joe', '--period', '2026-Q4')).not.toContain('not yet in post');
    expect(explain('--rep', 'ann')).not.toContain('not yet in post');
  });
  it('the table shows the draw statement and the year-end rule', () => {
    const table = formatTable(run('draw-recoverable-three-periods'));
    expect(table).toContain('Draw: recoverable, 15,000.00 per quarter, recover at most 50% of earnings per quarter, at year end write off');
    expect(table).toMatch(/r2\s+2026-Q3\s+40,000\.00\s+0\.00\s+20,000\.00\s+10,000\.00\s+20,000\.00/);
    expect(table).toContain('At year end written off: r1 5,000.00, r2 10,000.00.');
  });
});

describe('compare', () => {
  it("names what changed between two draws, in the plan's words", async () => {
    const { diffGraphs } = await import('../../src/simulate/compare/graph-diff.js');
    const graph = (dir: string) => {
      const file = join(ROOT, 'test/conformance', dir, 'scheme.playbook');
      return compilePlaybookSource(file, readFileSync(file, 'utf8')).graph!;
    };
    const changes = diffGraphs(graph('draw-recoverable-three-periods'), graph('draw-non-recoverable-three-periods')).filter((c) => c.rule === 'draw').map((c) => c.what);
    expect(changes).toEqual(['kind guaranteed (was recoverable)', 'amount 9,000 per quarter (was 15,000 per quarter)', 'recovery cap none (was 50% of earnings)', 'at year end nothing owed (was write off)']);
  });
});

describe('a joiner, joe, who starts on 1 July 2026 (test/conformance/joiner-bonus-and-draw)', () => {
  const result = run('joiner-bonus-and-draw');
  it('the draw statement says which quarters were before the start date', () => {
    expect(formatTable(result)).toContain('  joe: no draw before the start date 2026-07-01 (2026-Q1, 2026-Q2).');
    // ann (2025) and kim (no start date) are drawn every quarter: no such note.
    expect(formatTable(result)).not.toMatch(/ (ann|kim): no draw before/);
    expect(formatTable(result)).toContain('  liz: no draw before the start date 2026-10-01 (2026-Q1, 2026-Q2, 2026-Q3).');
  });
  it('the JSON still validates and has four periods, Q1 and Q2 advanced nothing', () => {
    const doc = json('joiner-bonus-and-draw');
    expect(validate(doc), JSON.stringify(validate.errors, null, 1)).toBe(true);
    const joe = doc.reps.find((r: Record<string, unknown>) => r.rep === 'joe');
    expect(joe.draw.periods.map((p: Record<string, string>) => `${p.period} ${p.draw_paid}`)).toEqual(['2026-Q1 0.00', '2026-Q2 0.00', '2026-Q3 0.00', '2026-Q4 2000.00']);
  });
});

describe('a bonus per rep for a joiner with no bonus in post (liz starts on 1 October 2026)', () => {
  it('its line says the quarters before the start date were not looked at', () => {
    const liz = json('joiner-bonus-and-draw').reps.find((r: Record<string, unknown>) => r.rep === 'liz');
    const line = liz.lines.find((l: Record<string, string>) => l.component === 'quarter on target');
    expect(line.amount).toBe('0.00');
    expect(line.explain).toBe("condition not met; the 3 quarters before the rep's start date 2026-10-01 not looked at");
  });
});

describe('a joiner with a deal dated before the start date', () => {
  it('is named in a warning with the file, line and both dates', async () => {
    const { cpSync, mkdtempSync, appendFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'joiner-early-'));
    cpSync(join(ROOT, 'test/conformance/joiner-bonus-and-draw'), dir, { recursive: true });
    // deals.csv has a header and two deals: the third deal is on line 4. joe starts on 1 July.
    appendFileSync(join(dir, 'deals.csv'), 'J0,joe,Won,2026-05-01,1000\n');
    const file = join(dir, 'scheme.playbook');
    const result = simulate(compilePlaybookSource(file, readFileSync(file, 'utf8')).graph!, file, dir);
    const doc = JSON.parse(JSON.stringify(simulationJson(result))) as Record<string, any>;
    expect(doc.warnings).toContain("a credited deal is dated before the rep's start date: deals.csv:4 (deal J0 of joe, 2026-05-01; start date 2026-07-01). The rep's quota is prorated to 0 before that date, so a band at a percent of it starts at 0 there and pays its rate from the first unit; check the start date or the deal's date (section 7)");
  });
});
