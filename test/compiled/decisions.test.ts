/**
 * Compiled decisions (src/runtime/compiled/) against the decimal evaluator (src/runtime/expr.ts):
 * hand-worked boundaries (exactly 20% off, negative and zero list prices, missing values, values
 * past 2^53) and fast-check properties over random expressions and rows. The decimal evaluator is
 * the reference: wherever the compiled program answers (not FALLBACK) it must give the same
 * answer, and `conditionOver` (compiled + fallback) must always agree with it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FieldStep, TExpr } from '../../src/graph/ir.js';
import { Decimal } from '../../src/runtime/decimal.js';
import { type CompileContext, type Env, compileExpr } from '../../src/runtime/expr.js';
import { conditionOver } from '../../src/runtime/compiled/condition.js';
import { FALLBACK, FALSE, TRUE, UNKNOWN, civilPart, compileDecision } from '../../src/runtime/compiled/decision.js';
import type { RowLike, TableLike, Value } from '../../src/runtime/values.js';
import { arraySource } from '../../src/runtime/row-source.js';

const RUNS = Number(process.env.PLAYBOOK_DECISION_RUNS ?? 300);

const field = (name: string, type: 'money' | 'number' | 'ratio' | 'text' | 'date' | 'boolean', key = false) => ({ name, type, column: name, optional: true, key, aliases: [] });
const dealsSchema = { name: 'deals', file: 'deals.csv', delimiter: ',', locale: 'en' as const, fields: [field('amount', 'money'), field('list', 'money'), field('units', 'number'), field('rate', 'ratio'), field('stage', 'text'), field('close', 'date'), field('flag', 'boolean'), field('product', 'text')] };
const productsSchema = { name: 'products', file: 'products.csv', delimiter: ',', locale: 'en' as const, fields: [field('name', 'text', true), field('price', 'money')] };
/** Deals' value slots: the source fields, then the derived `discount` (= 1 − amount ÷ list). */
const DISCOUNT = dealsSchema.fields.length;
const noInputs = {
  get: (id: string): never => {
    throw new Error(`no input ${id}`);
  },
  maybe: () => undefined,
};

const f = (name: string, t: TExpr['t']): TExpr => ({ k: 'field', t, path: [{ table: 'deals', field: name }] });
const lit = (v: string, t: TExpr['t'] = 'number'): TExpr => ({ k: 'lit', t, v });
const bin = (op: Extract<TExpr, { k: 'bin' }>['op'], l: TExpr, r: TExpr, t: TExpr['t'] = 'boolean'): TExpr => ({ k: 'bin', t, op, l, r });
const amount = f('amount', 'money');
const list = f('list', 'money');
const discountExpr = bin('-', lit('1'), bin('/', amount, list, 'ratio'), 'ratio');
const discount = f('discount', 'ratio');
const price: TExpr = { k: 'field', t: 'money', path: [{ table: 'deals', field: 'product' }, { table: 'products', field: 'price' }] as FieldStep[] };
const derived = new Map([['deals.discount', discountExpr]]);

/** A fresh context over `deals` rows (derived discount written by the decimal evaluator, as its node would). */
function setup(deals: Value[][], products: [string, Value][] = []) {
  const productRows: RowLike[] = products.map(([name, p], i) => ({ line: i + 2, values: [name, p] }));
  const tables = new Map<string, TableLike>([
    ['deals', { schema: dealsSchema, rows: [], byKey: null } as TableLike],
    ['products', { schema: productsSchema, rows: productRows, byKey: new Map(productRows.map((r) => [String(r.values[0]), r])) } as TableLike],
  ]);
  const layout = new Map([
    ['deals', new Map([...dealsSchema.fields.map((x, i) => [x.name, i] as [string, number]), ['discount', DISCOUNT]])],
    ['products', new Map(productsSchema.fields.map((x, i) => [x.name, i]))],
  ]);
  const cc: CompileContext = { tables, layout, inputs: noInputs, activitiesTable: null };
  const rows: RowLike[] = deals.map((values, i) => ({ line: i + 2, values: [...values] }));
  tables.get('deals')!.rows = rows;
  const env = { row: rows[0], deal: 0, divisionsByZero: 0 } as unknown as Env;
  const derive = compileExpr(discountExpr, cc);
  for (const row of rows) {
    env.row = row;
    row.values[DISCOUNT] = derive(env);
  }
  const decimal = (e: TExpr) => {
    const fn = compileExpr(e, cc);
    return rows.map((row) => {
      env.row = row;
      const v = fn(env);
      return v === null ? null : v === true;
    });
  };
  const compiled = (e: TExpr) => {
    const d = compileDecision(e, { cc, table: 'deals', rows: arraySource(rows), derived, deals: false });
    return d ? [...d.run()] : null;
  };
  const combined = (e: TExpr) => {
    const c = conditionOver(e, cc, 'deals', rows, derived, false);
    return rows.map((row, i) => {
      env.row = row;
      return c(i, env);
    });
  };
  return { decimal, compiled, combined };
}

const D = (x: string) => new Decimal(x);
const row = (amountV: Value, listV: Value, extra: Partial<Record<'units' | 'rate' | 'stage' | 'close' | 'flag' | 'product', Value>> = {}): Value[] => [amountV, listV, extra.units ?? null, extra.rate ?? null, extra.stage ?? null, extra.close ?? null, extra.flag ?? null, extra.product ?? null];
const answer = (r: number) => (r === TRUE ? true : r === FALSE ? false : r === UNKNOWN ? null : 'fallback');

describe('compiled decisions: hand-worked boundaries', () => {
  // discount = 1 − amount ÷ list; "> 20%" holds when amount < 80% of the list price.
  const deals = [
    row(D('80'), D('100')), // exactly 20% off: not > 20%, but >= 20% (equal after the one division: decided exactly, kernel.ts point 5)
    row(D('79.99'), D('100')), // 20.01% off
    row(D('80.01'), D('100')), // 19.99% off
    row(D('50'), D('0')), // list price 0: the discount is missing (division by zero), the condition unknown
    row(D('-50'), D('-100')), // negative list price: −50 ÷ −100 = 0.5, discount 50%
    row(D('150'), D('-100')), // 1 − (150 ÷ −100) = 2.5: 250%
    row(null, D('100')), // missing amount
    row(D('9007199254740993'), D('10000000000000000')), // past 2^53: decided by the decimals
    row(D('1'), D('3')), // 1 − 1/3 = 0.666…: a rounded quotient far from the limit
  ];
  const t = setup(deals);
  const over = bin('>', discount, lit('0.2', 'ratio'));
  const atLeast = bin('>=', discount, lit('0.2', 'ratio'));

  it('decides `discount > 20%` by hand: 20.01%, 50% and 250% off hold; exactly 20% and 19.99% do not; list price 0 and a missing amount are unknown', () => {
    expect(t.compiled(over)!.map(answer)).toEqual([false, true, false, null, true, true, null, 'fallback', true]);
    expect(t.combined(over)).toEqual([false, true, false, null, true, true, null, false, true]);
    expect(t.decimal(over)).toEqual(t.combined(over));
  });

  it('decides exactly 20% off itself (>= 20% holds: the quotient 0.8 is an exact decimal); an equality after a multiplied quotient still goes to the decimal evaluator', () => {
    const r = t.compiled(atLeast)!.map(answer);
    expect(r[0]).toBe(true);
    // (1 − amount ÷ list) × 5 = 1 at exactly 20% off: not the kernel's shape, so the vectorised program leaves it to the decimals.
    const times5 = bin('=', bin('*', discount, lit('5'), 'ratio'), lit('1'));
    expect(t.compiled(times5)![0]).toBe(FALLBACK);
    expect(t.combined(times5)[0]).toBe(true);
    expect(t.combined(times5)).toEqual(t.decimal(times5));
    expect(r[1]).toBe(true);
    expect(r[2]).toBe(false);
    expect(t.combined(atLeast)[0]).toBe(true);
    expect(t.combined(atLeast)).toEqual(t.decimal(atLeast));
  });

  it('rewrites the comparison in integers: 5 · amount < 4 · list is the same test as 1 − amount ÷ list > 20%', () => {
    const integers = bin('<', bin('*', lit('5'), amount, 'money'), bin('*', lit('4'), list, 'money'));
    // Row 4 (list price 0): 0 < 200 is false, not unknown — the integer form has no division.
    expect(t.compiled(integers)!.map(answer)).toEqual([false, true, false, false, false, false, null, 'fallback', true]);
    expect(t.combined(integers)).toEqual(t.decimal(integers));
  });

  it('keeps Kleene logic: true and unknown is unknown, false and unknown is false, not unknown is unknown', () => {
    const truth = lit('x', 'text');
    const isX = bin('=', f('stage', 'text'), truth);
    const and = bin('and', isX, over);
    const u = setup([row(D('50'), D('0'), { stage: 'x' }), row(D('50'), D('0'), { stage: 'y' }), row(D('50'), D('100'), { stage: null })]);
    expect(u.compiled(and)!.map(answer)).toEqual([null, false, null]);
    // Discounts: unknown (list price 0), unknown, 50% (> 20%, so `not` is false).
    expect(u.compiled({ k: 'not', t: 'boolean', e: over })!.map(answer)).toEqual([null, null, false]);
    expect(u.decimal(and)).toEqual([null, false, null]);
  });

  it('reads a lookup (product.price) through the key, with a missing product as a missing value', () => {
    const u = setup([row(D('90'), null, { product: 'GTX' }), row(D('90'), null, { product: 'MG' }), row(D('90'), null, { product: 'none' })], [['GTX', D('100.5')], ['MG', D('89.99')]]);
    const e = bin('>', price, amount);
    expect(u.compiled(e)!.map(answer)).toEqual([true, false, null]);
    expect(u.decimal(e)).toEqual([true, false, null]);
  });

  it('text = and in compare through one dictionary; dates compare as days; is missing', () => {
    const u = setup([row(D('1'), D('1'), { stage: 'Won', close: Date.UTC(2017, 2, 31) }), row(D('1'), D('1'), { stage: 'Lost', close: Date.UTC(2017, 3, 1) }), row(null, D('1'), { stage: null })]);
    const stage = f('stage', 'text');
    expect(u.compiled({ k: 'in', t: 'boolean', e: stage, options: [lit('Won', 'text'), lit('Engaging', 'text')], neg: false })!.map(answer)).toEqual([true, false, null]);
    expect(u.compiled(bin('<', f('close', 'date'), lit('2017-04-01', 'date')))!.map(answer)).toEqual([true, false, null]);
    expect(u.compiled({ k: 'missing', t: 'boolean', e: amount, neg: false })!.map(answer)).toEqual([false, false, true]);
    expect(u.compiled(bin('=', { k: 'call', t: 'number', fn: 'month', args: [f('close', 'date')] }, lit('3')))!.map(answer)).toEqual([true, false, null]);
  });

  it('does not compile what it cannot prove (text ordering, a literal past 2^53): the decimal evaluator decides every row', () => {
    const u = setup([row(D('1'), D('1'), { stage: 'a' })]);
    expect(u.compiled(bin('<', amount, lit('123456789012345678.5')))).toBeNull();
    expect(u.combined(bin('<', amount, lit('123456789012345678.5')))).toEqual([true]);
    expect(u.compiled(bin('<', f('stage', 'text'), lit('b', 'text')))).toBeNull();
    expect(u.combined(bin('<', f('stage', 'text'), lit('b', 'text')))).toEqual([true]);
  });

  it('finds year, month and day without building a Date', () => {
    for (const ms of [Date.UTC(2017, 0, 1), Date.UTC(2016, 1, 29), Date.UTC(1999, 11, 31), Date.UTC(2000, 2, 1), Date.UTC(1969, 6, 20)]) {
      const d = new Date(ms);
      expect([civilPart(ms, 'year'), civilPart(ms, 'month'), civilPart(ms, 'day')]).toEqual([d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()]);
    }
  });
});

// ---- properties ----

/** Decimal texts from small integers to many decimals, negatives, zero, and values past 2^53. */
const decimalText = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }).map(String),
  fc.tuple(fc.integer({ min: -100000, max: 100000 }), fc.integer({ min: 0, max: 4 })).map(([n, dp]) => new Decimal(n).div(10 ** dp).toFixed()),
  fc.constantFrom('0', '0.2', '0.8', '1', '-1', '100', '0.333', '12.345678', '9007199254740993', '123456789012345678.5', '0.00000000000000001'),
);
const money = fc.option(decimalText.map((x) => new Decimal(x)), { nil: null, freq: 6 });
const stageV = fc.option(fc.constantFrom('Won', 'Lost', 'Engaging', 'won'), { nil: null, freq: 6 });
const dateV = fc.option(fc.oneof(fc.integer({ min: 17000, max: 17500 }).map((d) => d * 86_400_000), fc.integer({ min: 17000, max: 17500 }).map((d) => d * 86_400_000 + 3_600_000)), { nil: null, freq: 6 });
const flagV = fc.option(fc.boolean(), { nil: null, freq: 6 });
const productV = fc.option(fc.constantFrom('GTX', 'MG', 'none'), { nil: null, freq: 6 });
const dealRow = fc.tuple(money, money, money, money, stageV, dateV, flagV, productV).map((t) => [...t] as Value[]);

const numLeaf: fc.Arbitrary<TExpr> = fc.oneof(
  fc.constantFrom(amount, list, f('units', 'number'), f('rate', 'ratio'), discount, price),
  decimalText.map((v) => lit(v)),
);
const { num } = fc.letrec<{ num: TExpr }>((tie) => ({
  num: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    numLeaf,
    fc.tuple(fc.constantFrom<'+' | '-' | '*' | '/'>('+', '-', '*', '/'), tie('num'), tie('num')).map(([op, l, r]) => bin(op, l, r, 'number')),
    tie('num').map((e): TExpr => ({ k: 'neg', t: 'number', e })),
    fc.tuple(fc.constantFrom('min', 'max', 'abs'), tie('num'), tie('num')).map(([fn, a, b]): TExpr => ({ k: 'call', t: 'number', fn, args: fn === 'abs' ? [a] : [a, b] })),
    fc.tuple(tie('num'), tie('num'), tie('num')).map(([a, b, c]): TExpr => ({ k: 'call', t: 'number', fn: 'clamp', args: [a, b, c] })),
  ),
}));
const dateExpr: fc.Arbitrary<TExpr> = fc.oneof(
  fc.constant(f('close', 'date')),
  fc.constantFrom('2016-08-01', '2017-01-01').map((v) => lit(v, 'date')),
  fc.tuple(fc.constant(f('close', 'date')), fc.constantFrom('+', '-') as fc.Arbitrary<'+' | '-'>, num).map(([d, op, n]) => bin(op, d, n, 'date')),
);
const cmpOp = fc.constantFrom<'=' | '!=' | '<' | '<=' | '>' | '>='>('=', '!=', '<', '<=', '>', '>=');
const { cond } = fc.letrec<{ cond: TExpr }>((tie) => ({
  cond: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.tuple(cmpOp, num, num).map(([op, l, r]) => bin(op, l, r)),
    fc.tuple(cmpOp, dateExpr, dateExpr).map(([op, l, r]) => bin(op, l, r)),
    fc.tuple(cmpOp, fc.constant(bin('-', f('close', 'date'), lit('2017-01-01', 'date'), 'number')), num).map(([op, l, r]) => bin(op, l, r)),
    fc.tuple(fc.constantFrom<'=' | '!='>('=', '!='), fc.constant(f('stage', 'text')), fc.constantFrom('Won', 'Lost', 'x').map((v) => lit(v, 'text'))).map(([op, l, r]) => bin(op, l, r)),
    fc.tuple(fc.array(num, { minLength: 1, maxLength: 3 }), num, fc.boolean()).map(([options, e, neg]): TExpr => ({ k: 'in', t: 'boolean', e, options, neg })),
    fc.tuple(fc.oneof(num, fc.constant(f('stage', 'text')), fc.constant(f('flag', 'boolean'))), fc.boolean()).map(([e, neg]): TExpr => ({ k: 'missing', t: 'boolean', e, neg })),
    fc.constant(f('flag', 'boolean')),
    fc.tuple(fc.constantFrom<'and' | 'or'>('and', 'or'), tie('cond'), tie('cond')).map(([op, l, r]) => bin(op, l, r)),
    tie('cond').map((e): TExpr => ({ k: 'not', t: 'boolean', e })),
  ),
}));
const products: [string, Value][] = [['GTX', D('550')], ['MG', D('0.5')]];

describe('compiled decisions agree with the decimal evaluator (fast-check)', () => {
  it('on random conditions and rows: every compiled answer is the decimal answer, and compiled + fallback always is', () => {
    let answered = 0;
    let fellBack = 0;
    let notCompiled = 0;
    fc.assert(
      fc.property(cond, fc.array(dealRow, { minLength: 1, maxLength: 12 }), (e, rows) => {
        const t = setup(rows, products);
        const reference = t.decimal(e);
        const compiled = t.compiled(e);
        if (!compiled) notCompiled++;
        else {
          compiled.forEach((r, i) => {
            if (r === FALLBACK) fellBack++;
            else {
              answered++;
              expect(answer(r)).toBe(reference[i]);
            }
          });
        }
        expect(t.combined(e)).toEqual(reference);
      }),
      { numRuns: RUNS },
    );
    // The property is not vacuous: most rows are decided by the compiled program itself.
    expect(answered).toBeGreaterThan(fellBack);
    // Only literals that cannot be held exactly (past 2^53, more than 15 decimals) stop a whole expression compiling.
    expect(notCompiled).toBeLessThan(RUNS / 2);
  });

  it('near the limit: amount and list around exactly 20% off, with decimals, zero and negative prices', () => {
    const near = fc.tuple(fc.integer({ min: -3, max: 3 }), fc.integer({ min: -100000, max: 100000 }), fc.integer({ min: 0, max: 2 })).map(([delta, listCents, dp]) => {
      const l = new Decimal(listCents).div(100);
      return row(l.mul('0.8').plus(new Decimal(delta).div(10 ** (dp + 2))), l);
    });
    fc.assert(
      fc.property(fc.array(near, { minLength: 1, maxLength: 20 }), cmpOp, (rows, op) => {
        const t = setup(rows);
        const e = bin(op, discount, lit('0.2', 'ratio'));
        const reference = t.decimal(e);
        t.compiled(e)!.forEach((r, i) => {
          if (r !== FALLBACK) expect(answer(r)).toBe(reference[i]);
        });
        expect(t.combined(e)).toEqual(reference);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('compiled decisions over a long chain of derived fields', () => {
  it('inlines small derived fields only: d30 = d29 + d29 (2^30 leaves expanded) is read back as stored, and agrees', () => {
    const count = 30;
    const schema = { name: 't', file: 't.csv', delimiter: ',', locale: 'en' as const, fields: [field('a', 'money')] };
    const layout = new Map([['t', new Map<string, number>([['a', 0], ...Array.from({ length: count }, (_, k) => [`d${k + 1}`, k + 1] as [string, number])])]]);
    const rows: RowLike[] = [D('0.5'), D('-1'), null, D('0.000000001')].map((a, i) => ({ line: i + 2, values: [a] }));
    const tables = new Map<string, TableLike>([['t', { schema, rows, byKey: null } as TableLike]]);
    const cc: CompileContext = { tables, layout, inputs: noInputs, activitiesTable: null };
    const tf = (name: string): TExpr => ({ k: 'field', t: 'money', path: [{ table: 't', field: name }] });
    const chain = new Map<string, TExpr>();
    const env = { row: rows[0], deal: 0, divisionsByZero: 0 } as unknown as Env;
    for (let k = 1; k <= count; k++) {
      const prev = tf(k === 1 ? 'a' : `d${k - 1}`);
      const e = bin('+', prev, prev, 'money');
      chain.set(`t.d${k}`, e);
      const fn = compileExpr(e, cc);
      for (const row of rows) {
        env.row = row;
        row.values[k] = fn(env);
      }
    }
    // By hand: d30 = a · 2^30 = 536,870,912 for a = 0.5; −1,073,741,824 for −1; missing; 1.073741824 for 10^-9.
    const test = bin('>', tf(`d${count}`), lit('1'));
    const d = compileDecision(test, { cc, table: 't', rows: arraySource(rows), derived: chain, deals: false })!;
    // The stored column has 9 decimals (1.073741824), so 536,870,912 scaled by 10^9 passes 2^53:
    // those two rows fall back to the decimal evaluator, row by row.
    expect([...d.run()].map(answer)).toEqual(['fallback', 'fallback', null, true]);
    const holds = conditionOver(test, cc, 't', rows, chain, false);
    expect(rows.map((row, i) => ((env.row = row), holds(i, env)))).toEqual([true, false, null, true]);
  });
});
