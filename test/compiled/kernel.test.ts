/**
 * The fused comparison kernel (src/runtime/compiled/kernel.ts) against the decimal evaluator
 * (src/runtime/expr.ts, the reference): hand-worked Maven-like deals (exactly 20% off, a product
 * missing from the products table, a list price of 0, values past 2^53, lost deals), and
 * fast-check properties over random expressions of the kernel's shape — linear combinations of
 * columns and decimal literals, one division, `won and …` — with missing values, zeros, negatives,
 * values near 2^53 and literals with decimals. Both of the kernel's outputs are checked: the
 * answer per row (`run`) and the list of rows that hold or must be asked (`collect`).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FieldStep, TExpr } from '../../src/graph/ir.js';
import { Decimal } from '../../src/runtime/decimal.js';
import { type CompileContext, type Env, compileExpr } from '../../src/runtime/expr.js';
import { conditionOver } from '../../src/runtime/compiled/condition.js';
import { type DecisionContext, FALLBACK, FALSE, TRUE, UNKNOWN, compileDecision } from '../../src/runtime/compiled/decision.js';
import { comparisonKernel } from '../../src/runtime/compiled/kernel.js';
import type { RowLike, TableLike, Value } from '../../src/runtime/values.js';
import { arraySource } from '../../src/runtime/row-source.js';

const RUNS = Number(process.env.PLAYBOOK_DECISION_RUNS ?? 300);

const field = (name: string, type: 'money' | 'number' | 'ratio' | 'text', key = false) => ({ name, type, column: name, optional: true, key, aliases: [] });
const dealsSchema = { name: 'deals', file: 'deals.csv', delimiter: ',', locale: 'en' as const, fields: [field('amount', 'money'), field('list', 'money'), field('units', 'number'), field('stage', 'text'), field('product', 'text')] };
const productsSchema = { name: 'products', file: 'products.csv', delimiter: ',', locale: 'en' as const, fields: [field('name', 'text', true), field('price', 'money')] };
/** Deals' value slots: the source fields, then the derived `discount` (= 1 − amount ÷ price). */
const DISCOUNT = dealsSchema.fields.length;

const f = (name: string, t: TExpr['t']): TExpr => ({ k: 'field', t, path: [{ table: 'deals', field: name }] });
const lit = (v: string, t: TExpr['t'] = 'number'): TExpr => ({ k: 'lit', t, v });
const bin = (op: Extract<TExpr, { k: 'bin' }>['op'], l: TExpr, r: TExpr, t: TExpr['t'] = 'boolean'): TExpr => ({ k: 'bin', t, op, l, r });
const amount = f('amount', 'money');
const list = f('list', 'money');
const units = f('units', 'number');
const price: TExpr = { k: 'field', t: 'money', path: [{ table: 'deals', field: 'product' }, { table: 'products', field: 'price' }] as FieldStep[] };
const discountExpr = bin('-', lit('1'), bin('/', amount, price, 'ratio'), 'ratio');
const discount = f('discount', 'ratio');
const won: TExpr = { k: 'builtin', t: 'boolean', name: 'won' };
const derived = new Map([['deals.discount', discountExpr]]);

const D = (x: string) => new Decimal(x);
const answer = (r: number) => (r === TRUE ? true : r === FALSE ? false : r === UNKNOWN ? null : 'fallback');

/** A deal: amount, list, units, stage, product, and whether it is won. */
type Deal = [Value, Value, Value, Value, Value, boolean];

/** A fresh context over `deals` (won flags as the outcome node gives them; the derived discount written by the decimal evaluator). */
function setup(deals: Deal[], products: [string, Value][]) {
  const productRows: RowLike[] = products.map(([name, p], i) => ({ line: i + 2, values: [name, p] }));
  const rows: RowLike[] = deals.map((d, i) => ({ line: i + 2, values: d.slice(0, 5) as Value[] }));
  const flags = Uint8Array.from(deals.map((d) => (d[5] ? 1 : 0)));
  const tables = new Map<string, TableLike>([
    ['deals', { schema: dealsSchema, rows, byKey: null } as TableLike],
    ['products', { schema: productsSchema, rows: productRows, byKey: new Map(productRows.map((r) => [String(r.values[0]), r])) } as TableLike],
  ]);
  const layout = new Map([
    ['deals', new Map([...dealsSchema.fields.map((x, i) => [x.name, i] as [string, number]), ['discount', DISCOUNT]])],
    ['products', new Map(productsSchema.fields.map((x, i) => [x.name, i]))],
  ]);
  const inputs = {
    get: (id: string): never => {
      throw new Error(`no input ${id}`);
    },
    maybe: (id: string) => (id === 'outcome:won' ? { flags } : undefined),
  };
  const cc = { tables, layout, inputs, activitiesTable: null } as unknown as CompileContext;
  const env = { row: rows[0], deal: 0, divisionsByZero: 0 } as unknown as Env;
  const derive = compileExpr(discountExpr, cc);
  rows.forEach((row, i) => {
    env.row = row;
    env.deal = i;
    row.values[DISCOUNT] = derive(env);
  });
  const dc: DecisionContext = { cc, table: 'deals', rows: arraySource(rows), derived, deals: true };
  /** The decimal evaluator's answer per row: true, false or null (unknown). */
  const decimal = (e: TExpr) => {
    const fn = compileExpr(e, cc);
    return rows.map((row, i) => {
      env.row = row;
      env.deal = i;
      const v = fn(env);
      return v === null ? null : v === true;
    });
  };
  const ask = (e: TExpr, i: number) => decimal(e)[i] === true;
  /** The rows `collect` keeps, fallbacks asked: what a red line flags. */
  const kept = (e: TExpr, collect: (l: Int32Array) => number) => {
    const out = new Int32Array(rows.length);
    const n = collect(out);
    return [...out.subarray(0, n)].filter((i) => i >= 0 || ask(e, ~i)).map((i) => (i < 0 ? ~i : i));
  };
  const combined = (e: TExpr) => {
    const c = conditionOver(e, cc, 'deals', rows, derived, true);
    return rows.map((row, i) => {
      env.row = row;
      env.deal = i;
      return c(i, env);
    });
  };
  return { dc, decimal, kept, combined };
}

const trueRows = (xs: (boolean | null)[]) => xs.flatMap((x, i) => (x === true ? [i] : []));

describe('the fused kernel: hand-worked deals', () => {
  // Maven's products: GTX Pro at 4,821 and MG Special at 55; a deal naming `GTXPro` finds no product.
  const products: [string, Value][] = [['GTX Pro', D('4821')], ['MG Special', D('55')], ['Free', D('0')], ['Huge', D('10000000000000000')]];
  const deals: Deal[] = [
    [D('44'), null, null, 'Won', 'MG Special', true], // 0: 44 ÷ 55 = 0.8 — exactly 20% off: not > 20%, but >= 20%
    [D('43'), null, null, 'Won', 'MG Special', true], // 1: 1 − 43/55 = 21.8% off
    [D('45'), null, null, 'Won', 'MG Special', true], // 2: 18.2% off
    [D('3000'), null, null, 'Won', 'GTXPro', true], // 3: no such product: the discount is missing — unknown, never asked
    [D('10'), null, null, 'Won', 'Free', true], // 4: list price 0: division by zero, the discount is missing
    [D('30'), null, null, 'Lost', 'MG Special', false], // 5: 45% off but not won
    [D('3856.80'), null, null, 'Won', 'GTX Pro', true], // 6: 3856.80 ÷ 4821 = 0.8 exactly: 20% off
    [D('3856.79'), null, null, 'Won', 'GTX Pro', true], // 7: 20.0002% off
    [D('9007199254740993'), null, null, 'Won', 'Huge', true], // 8: amount past 2^53 (and the price too): the decimals decide (9.93% off: no)
    [null, null, null, 'Won', 'MG Special', true], // 9: amount missing
  ];
  const t = setup(deals, products);
  const over = bin('and', won, bin('>', discount, lit('0.2', 'ratio')));
  const atLeast = bin('and', won, bin('>=', discount, lit('0.2', 'ratio')));

  it('decides `won and discount > 20%` in one loop: 21.8% and 20.0002% off hold; exactly 20% (44 ÷ 55, 3,856.80 ÷ 4,821) does not and is not left to the decimals', () => {
    const kernel = comparisonKernel(bin('>', discount, lit('0.2', 'ratio')), t.dc, null)!;
    expect(kernel).not.toBeNull();
    const d = compileDecision(over, t.dc)!;
    expect([...d.run()].map(answer)).toEqual([false, true, false, null, null, false, false, true, 'fallback', null]);
    expect(t.decimal(over)).toEqual([false, true, false, null, null, false, false, true, false, null]);
    // The list a red line reads: rows 1 and 7 hold, row 8 (past 2^53) is asked; the missing product is not.
    const out = new Int32Array(deals.length);
    const n = d.collect(out);
    expect([...out.subarray(0, n)]).toEqual([1, 7, ~8]);
    expect(t.kept(over, d.collect)).toEqual([1, 7]);
  });

  it('decides `>=` exactly at the boundary: 44 ÷ 55 and 3,856.80 ÷ 4,821 are 20% off, so they hold', () => {
    const d = compileDecision(atLeast, t.dc)!;
    expect([...d.run()].map(answer)).toEqual([true, true, false, null, null, false, true, true, 'fallback', null]);
    expect(t.kept(atLeast, d.collect)).toEqual([0, 1, 6, 7]);
    expect(t.decimal(atLeast)).toEqual(t.combined(atLeast));
  });

  it('reads the comparison first or the gate first alike, and a gate that can be unknown (stage = Won) through the general loop', () => {
    const flipped = bin('and', bin('>', discount, lit('0.2', 'ratio')), won);
    expect(t.kept(flipped, compileDecision(flipped, t.dc)!.collect)).toEqual([1, 7]);
    const byStage = bin('and', bin('=', f('stage', 'text'), lit('Won', 'text')), bin('<', amount, bin('*', lit('0.8'), price, 'money')));
    // amount < 80% of the price: 43 < 44 (row 1) and 3856.79 < 3856.80 (row 7); row 8 is asked (past 2^53) and does not hold.
    expect(t.kept(byStage, compileDecision(byStage, t.dc)!.collect)).toEqual([1, 7]);
    expect(t.combined(byStage)).toEqual(t.decimal(byStage));
  });

  it('still leaves an equality after a multiplied quotient to the decimals: (1 ÷ 3) × 3 = 1 is false there', () => {
    const u = setup([[D('1'), D('3'), null, 'Won', null, true], [D('1'), D('4'), null, 'Won', null, true]], []);
    const e = bin('=', bin('*', bin('/', amount, list, 'number'), lit('3'), 'number'), lit('1'));
    expect(comparisonKernel(e, u.dc, null)).toBeNull();
    expect([...compileDecision(e, u.dc)!.run()].map(answer)).toEqual(['fallback', false]);
    expect(u.decimal(e)).toEqual([false, false]);
    expect(u.combined(e)).toEqual([false, false]);
  });

  it('is not used where W or D could pass 2^53 (a price of 2^53 − 1 times 5)', () => {
    const u = setup([[D('1'), D('9007199254740991'), null, 'Won', null, true]], []);
    expect(comparisonKernel(bin('>', bin('*', lit('5'), list, 'money'), amount), u.dc, null)).toBeNull();
    // list − amount can reach 2^53 − 1 + 1 = 2^53: not provably exact either; list > 0 is.
    expect(comparisonKernel(bin('>', list, amount), u.dc, null)).toBeNull();
    expect(comparisonKernel(bin('>', list, lit('0')), u.dc, null)).not.toBeNull();
  });
});

// ---- properties over the kernel's shape ----

/** Decimal texts: mostly small, with decimals, and now and then zero, values near or past 2^53, or more than 15 decimals. */
const small = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }).map(String),
  fc.tuple(fc.integer({ min: -100000, max: 100000 }), fc.integer({ min: 0, max: 4 })).map(([n, dp]) => new Decimal(n).div(10 ** dp).toFixed()),
  fc.constantFrom('0', '0.2', '0.8', '1', '-1', '55', '44', '0.001'),
);
const extreme = fc.constantFrom('4503599627370497', '9007199254740991', '9007199254740993', '0.000000000000001', '0.00000000000000001');
const decimalText = fc.oneof({ arbitrary: small, weight: 12 }, { arbitrary: extreme, weight: 1 });
const money = fc.option(decimalText.map((x) => new Decimal(x)), { nil: null, freq: 6 });
const stageV = fc.option(fc.constantFrom('Won', 'Lost'), { nil: null, freq: 6 });
const productV = fc.option(fc.constantFrom('GTX', 'MG', 'Free', 'none'), { nil: null, freq: 6 });
const deal = fc.tuple(money, money, money, stageV, productV, fc.boolean()).map((t) => t as Deal);
const products = fc.tuple(money, money).map(([a, b]): [string, Value][] => [['GTX', a ?? D('550')], ['MG', b ?? D('0.5')], ['Free', D('0')]]);

const leaf: fc.Arbitrary<TExpr> = fc.oneof({ arbitrary: fc.constantFrom(amount, price), weight: 30 }, { arbitrary: fc.constantFrom(list, units), weight: 10 }, { arbitrary: small.map((v) => lit(v)), weight: 30 }, { arbitrary: extreme.map((v) => lit(v)), weight: 1 });
const { lin } = fc.letrec<{ lin: TExpr }>((tie) => ({
  lin: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.tuple(fc.constantFrom<'+' | '-'>('+', '-'), tie('lin'), tie('lin')).map(([op, l, r]) => bin(op, l, r, 'number')),
    fc.tuple(decimalText, tie('lin'), fc.boolean()).map(([k, e, left]) => (left ? bin('*', lit(k), e, 'number') : bin('*', e, lit(k), 'number'))),
    tie('lin').map((e): TExpr => ({ k: 'neg', t: 'number', e })),
  ),
}));
/** A side: a linear form, a quotient of two, or a constant ± a quotient (the discount's shape). */
const side: fc.Arbitrary<TExpr> = fc.oneof(
  lin,
  fc.tuple(lin, lin).map(([a, b]) => bin('/', a, b, 'number')),
  fc.tuple(decimalText, fc.constantFrom<'+' | '-'>('+', '-'), lin, lin, fc.boolean()).map(([k, op, a, b, first]) => (first ? bin(op, lit(k), bin('/', a, b, 'number'), 'number') : bin(op, bin('/', a, b, 'number'), lit(k), 'number'))),
  fc.constant(discount),
);
const cmpOp = fc.constantFrom<'=' | '!=' | '<' | '<=' | '>' | '>='>('=', '!=', '<', '<=', '>', '>=');
const literal = fc.oneof({ arbitrary: small, weight: 20 }, { arbitrary: extreme, weight: 1 }).map((v) => lit(v));
/** Mostly of the kernel's shape (at most one division, a quotient against a constant); now and then not (two divisions). */
const comparison = fc.oneof(
  fc.tuple(cmpOp, lin, lin).map(([op, l, r]) => bin(op, l, r)),
  fc.tuple(cmpOp, side, literal, fc.boolean()).map(([op, s, k, left]) => (left ? bin(op, s, k) : bin(op, k, s))),
  fc.tuple(cmpOp, side, side).map(([op, l, r]) => bin(op, l, r)),
);
/** A condition and the comparison in it: bare, behind `won` (either side), or behind `stage = Won`. */
const condition = fc.tuple(fc.constantFrom('bare', 'won and', 'and won', 'stage and'), comparison).map(([how, cmp]) => {
  const e = how === 'bare' ? cmp : how === 'won and' ? bin('and', won, cmp) : how === 'and won' ? bin('and', cmp, won) : bin('and', bin('=', f('stage', 'text'), lit('Won', 'text')), cmp);
  return { e, cmp };
});

describe('the fused kernel agrees with the decimal evaluator (fast-check)', () => {
  it('on random comparisons of its shape: every answer it gives is the decimals’, and the rows it lists are those that hold', () => {
    let fused = 0;
    let decided = 0;
    let asked = 0;
    fc.assert(
      fc.property(condition, fc.array(deal, { minLength: 1, maxLength: 12 }), products, ({ e, cmp }, deals, prices) => {
        const t = setup(deals, prices);
        const reference = t.decimal(e);
        if (comparisonKernel(cmp, t.dc, null)) fused++;
        const d = compileDecision(e, t.dc);
        if (!d) return;
        [...d.run()].forEach((r, i) => {
          if (r === FALLBACK) asked++;
          else {
            decided++;
            expect(answer(r)).toBe(reference[i]);
          }
        });
        expect(t.kept(e, d.collect)).toEqual(trueRows(reference));
        expect(t.combined(e)).toEqual(reference);
      }),
      { numRuns: RUNS },
    );
    // Not vacuous: the kernel takes a good share of the expressions, and most rows are decided without the decimals.
    expect(fused).toBeGreaterThan(RUNS / 4);
    expect(decided).toBeGreaterThan(asked);
  });

  it('near exactly 20% off (the Maven red line), with decimals, zero and negative prices: no row is left to the decimals', () => {
    const near = fc.tuple(fc.integer({ min: -3, max: 3 }), fc.integer({ min: -100000, max: 100000 }), fc.integer({ min: 0, max: 2 }), fc.boolean()).map(([delta, cents, dp, w]): [Deal, Value] => {
      const p = new Decimal(cents).div(100);
      return [[p.mul('0.8').plus(new Decimal(delta).div(10 ** (dp + 2))), null, null, 'Won', 'GTX', w], p];
    });
    fc.assert(
      fc.property(fc.array(near, { minLength: 1, maxLength: 20 }), cmpOp, (rows, op) => {
        // One product per deal: the price is the deal's own list price.
        const t = setup(rows.map(([d], i) => [d[0], d[1], d[2], d[3], `P${i}`, d[5]] as Deal), rows.map(([, p], i) => [`P${i}`, p]));
        const e = bin('and', won, bin(op, discount, lit('0.2', 'ratio')));
        const d = compileDecision(e, t.dc)!;
        const reference = t.decimal(e);
        expect([...d.run()].map(answer)).toEqual(reference);
        expect(t.kept(e, d.collect)).toEqual(trueRows(reference));
      }),
      { numRuns: RUNS },
    );
  });
});
