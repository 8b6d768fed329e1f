import { describe, expect, it } from 'vitest';
import type { TExpr } from '../../src/graph/ir.js';
import { zeroDivisionCondition } from '../../src/runtime/compiled/zero-division.js';

const field = (name: string): TExpr => ({ k: 'field', t: 'money', path: [{ table: 'deals', field: name }] } as TExpr);
const bin = (op: '+' | '-' | '*' | '/', l: TExpr, r: TExpr): TExpr => ({ k: 'bin', t: 'ratio', op, l, r });

describe('zeroDivisionCondition', () => {
  it('asks, for (amount - cost) / amount, whether both sides are there and the amount is zero', () => {
    const amount = field('amount');
    const margin = bin('/', bin('-', amount, field('cost')), amount);
    expect(zeroDivisionCondition(margin)).toEqual({
      k: 'bin', t: 'boolean', op: 'and',
      l: { k: 'bin', t: 'boolean', op: 'and', l: { k: 'missing', t: 'boolean', e: bin('-', amount, field('cost')), neg: true }, r: { k: 'missing', t: 'boolean', e: amount, neg: true } },
      r: { k: 'bin', t: 'boolean', op: '=', l: amount, r: { k: 'lit', t: 'number', v: '0' } },
    });
  });

  it('joins several divisions with or, and says no for an expression without one', () => {
    const c = zeroDivisionCondition(bin('/', field('a'), bin('/', field('b'), field('c'))));
    expect(c?.k === 'bin' && c.op).toBe('or');
    expect(zeroDivisionCondition(bin('-', field('a'), field('b')))).toEqual({ k: 'lit', t: 'boolean', v: false });
  });

  it('leaves calls alone: min and max stop at their first missing argument, so not every division is evaluated', () => {
    const min: TExpr = { k: 'call', t: 'ratio', fn: 'min', args: [field('a'), bin('/', field('b'), field('c'))] };
    expect(zeroDivisionCondition(min)).toBeNull();
    expect(zeroDivisionCondition(bin('*', field('a'), min))).toBeNull();
  });
});
