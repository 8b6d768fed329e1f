/**
 * A small decision procedure for the conditions analysts write: conditions are
 * put in disjunctive normal form over *atoms* — a numeric variable compared
 * with a constant (`score >= 30`, `discount > 20%`), a text variable equal or
 * not to a constant, or any other yes/no sub-condition treated as an
 * independent variable. That is enough to decide, soundly for these shapes,
 * whether a condition can hold at all, whether one implies another, and to
 * find an example input. Anything larger than the size limit is "unknown".
 */
import { compareText, sortedText } from '../../language/collation.js';
import type { TExpr } from '../model.js';

export type Atom =
  | { kind: 'num'; v: string; op: '<' | '<=' | '>' | '>=' | '=' | '!='; c: number }
  | { kind: 'text'; v: string; eq: boolean; c: string }
  | { kind: 'bool'; v: string; value: boolean };

/** A conjunction of atoms; a condition is an OR of these. */
export type Conj = Atom[];

const LIMIT = 64;

/** A stable name for a variable expression (a field path or a built-in). */
function varName(e: TExpr): string | null {
  if (e.k === 'field') return e.path.map((s) => `${s.table}.${s.field}`).join('→');
  if (e.k === 'builtin') return e.name === 'indicator' ? `indicator ${e.indicator}` : e.name === 'quota' ? `quota ${e.quota}` : e.name;
  return null;
}

function numberOf(e: TExpr): number | null {
  return e.k === 'lit' && typeof e.v === 'string' && (e.t === 'number' || e.t === 'ratio' || e.t === 'money') ? Number(e.v) : null;
}

const flip: Record<string, '<' | '<=' | '>' | '>=' | '=' | '!='> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '=': '=', '!=': '!=' };
const negate: Record<string, '<' | '<=' | '>' | '>=' | '=' | '!='> = { '<': '>=', '<=': '>', '>': '<=', '>=': '<', '=': '!=', '!=': '=' };

function atomOf(e: TExpr, positive: boolean): Atom | null {
  if (e.k === 'bin' && ['<', '<=', '>', '>=', '=', '!='].includes(e.op)) {
    const op = e.op as Atom & { kind: 'num' } extends { op: infer O } ? O : never;
    let left = e.l;
    let right = e.r;
    let o = op;
    if (varName(left) === null && varName(right) !== null) {
      [left, right] = [right, left];
      o = flip[o];
    }
    const v = varName(left);
    if (v === null) return null;
    if (!positive) o = negate[o];
    const n = numberOf(right);
    if (n !== null && left.t !== 'date') return { kind: 'num', v, op: o, c: n };
    if (right.k === 'lit' && right.t === 'text' && (o === '=' || o === '!=')) return { kind: 'text', v, eq: o === '=', c: String(right.v) };
    return null;
  }
  return null;
}

/** DNF of `e` (negated when `positive` is false), or null when too large. Opaque parts become bool atoms. */
export function dnf(e: TExpr, positive = true): Conj[] | null {
  if (e.k === 'lit' && typeof e.v === 'boolean') return e.v === positive ? [[]] : [];
  if (e.k === 'not') return dnf(e.e, !positive);
  if (e.k === 'bin' && (e.op === 'and' || e.op === 'or')) {
    const l = dnf(e.l, positive);
    const r = dnf(e.r, positive);
    if (l === null || r === null) return null;
    const isAnd = (e.op === 'and') === positive;
    if (!isAnd) return l.length + r.length > LIMIT ? null : [...l, ...r];
    if (l.length * r.length > LIMIT) return null;
    return l.flatMap((a) => r.map((b) => [...a, ...b]));
  }
  if (e.k === 'in' && e.options.every((o) => o.k === 'lit')) {
    const v = varName(e.e);
    if (v !== null) {
      const wantIn = positive !== e.neg;
      const atoms: Atom[] = e.options.map((o) =>
        o.t === 'text' ? { kind: 'text', v, eq: wantIn, c: String(o.v) } : { kind: 'num', v, op: wantIn ? '=' : '!=', c: Number(o.v) },
      );
      return wantIn ? atoms.map((a) => [a]) : [atoms];
    }
  }
  const atom = atomOf(e, positive);
  if (atom) return [[atom]];
  const name = e.t === 'boolean' ? varName(e) : null;
  if (name !== null) return [[{ kind: 'bool', v: name, value: positive }]];
  // Anything else is an independent yes/no variable, named by its structure.
  return [[{ kind: 'bool', v: JSON.stringify(e), value: positive }]];
}

interface Bound {
  lo: number;
  loStrict: boolean;
  hi: number;
  hiStrict: boolean;
  not: number[];
}

function bounds(conj: Conj, v: string): Bound {
  const b: Bound = { lo: -Infinity, loStrict: false, hi: Infinity, hiStrict: false, not: [] };
  for (const a of conj) {
    if (a.kind !== 'num' || a.v !== v) continue;
    if ((a.op === '>' || a.op === '>=' || a.op === '=') && (a.c > b.lo || (a.c === b.lo && a.op === '>'))) {
      b.lo = a.c;
      b.loStrict = a.op === '>';
    }
    if ((a.op === '<' || a.op === '<=' || a.op === '=') && (a.c < b.hi || (a.c === b.hi && a.op === '<'))) {
      b.hi = a.c;
      b.hiStrict = a.op === '<';
    }
    if (a.op === '!=') b.not.push(a.c);
  }
  return b;
}

function boundEmpty(b: Bound): boolean {
  if (b.lo > b.hi) return true;
  if (b.lo === b.hi && (b.loStrict || b.hiStrict || b.not.includes(b.lo))) return true;
  return false;
}

/** False when the atoms contradict each other (x > 5 and x < 3; stage = "Won" and stage = "Lost"). */
export function satisfiable(conj: Conj): boolean {
  const vars = new Set(conj.filter((a) => a.kind === 'num').map((a) => a.v));
  for (const v of vars) if (boundEmpty(bounds(conj, v))) return false;
  for (const a of conj) {
    for (const b of conj) {
      if (a.v !== b.v) continue;
      if (a.kind === 'bool' && b.kind === 'bool' && a.value !== b.value) return false;
      if (a.kind === 'text' && b.kind === 'text') {
        if (a.eq && b.eq && a.c !== b.c) return false;
        if (a.eq !== b.eq && a.c === b.c) return false;
      }
    }
  }
  return true;
}

/** True when every input satisfying `b` satisfies the single atom `a`. */
function impliesAtom(b: Conj, a: Atom): boolean {
  if (a.kind === 'bool') return b.some((x) => x.kind === 'bool' && x.v === a.v && x.value === a.value);
  if (a.kind === 'text') {
    if (b.some((x) => x.kind === 'text' && x.v === a.v && x.eq === a.eq && x.c === a.c)) return true;
    // stage = "Won" implies stage != "Lost"
    return !a.eq && b.some((x) => x.kind === 'text' && x.v === a.v && x.eq && x.c !== a.c);
  }
  const r = bounds(b, a.v);
  switch (a.op) {
    case '>=':
      return r.lo > a.c || (r.lo === a.c && true);
    case '>':
      return r.lo > a.c || (r.lo === a.c && r.loStrict);
    case '<=':
      return r.hi < a.c || r.hi === a.c;
    case '<':
      return r.hi < a.c || (r.hi === a.c && r.hiStrict);
    case '=':
      return r.lo === a.c && r.hi === a.c && !r.loStrict && !r.hiStrict;
    case '!=':
      return r.lo > a.c || r.hi < a.c || (r.lo === a.c && r.loStrict) || (r.hi === a.c && r.hiStrict) || r.not.includes(a.c);
  }
}

/** True when the conjunction `b` implies the conjunction `a`. */
export function implies(b: Conj, a: Conj): boolean {
  return a.every((atom) => impliesAtom(b, atom));
}

/** True when every input satisfying DNF `later` satisfies DNF `earlier` (sufficient test). */
export function dnfImplies(later: Conj[], earlier: Conj[]): boolean {
  return later.filter(satisfiable).every((b) => earlier.some((a) => implies(b, a)));
}

/** An assignment of values to variables: numbers, texts or booleans. */
export type Assignment = Map<string, number | string | boolean>;

function atomHolds(a: Atom, x: Assignment): boolean {
  const value = x.get(a.v);
  if (a.kind === 'bool') return (value ?? false) === a.value;
  if (a.kind === 'text') return a.eq ? value === a.c : value !== a.c;
  const n = typeof value === 'number' ? value : 0;
  switch (a.op) {
    case '<': return n < a.c;
    case '<=': return n <= a.c;
    case '>': return n > a.c;
    case '>=': return n >= a.c;
    case '=': return n === a.c;
    case '!=': return n !== a.c;
  }
}

export function holds(d: Conj[], x: Assignment): boolean {
  return d.some((conj) => conj.every((a) => atomHolds(a, x)));
}

/**
 * Searches for an assignment under which none of `conditions` holds, trying
 * each variable's thresholds and their neighbours. Null when none is found
 * within the search limit.
 */
export function findUncovered(conditions: Conj[][], limit = 4096, domains: Map<string, [number, number]> = new Map()): Assignment | null {
  const candidates = new Map<string, (number | string | boolean)[]>();
  for (const conj of conditions.flat()) {
    for (const a of conj) {
      const list = candidates.get(a.v) ?? [];
      if (a.kind === 'bool') list.push(false, true);
      else if (a.kind === 'text') list.push(a.c, `not ${a.c}`);
      else list.push(a.c, a.c - 1, a.c + 1, a.c - 0.01, a.c + 0.01);
      candidates.set(a.v, list);
    }
  }
  for (const [v, [lo, hi]] of domains) {
    const list = candidates.get(v);
    if (list) candidates.set(v, list.filter((x) => typeof x !== 'number' || (x >= lo && x <= hi)));
  }
  const vars = sortedText(candidates.keys());
  const values = vars.map((v) => [...new Set(candidates.get(v)!)].sort((p, q) => (typeof p === 'number' && typeof q === 'number' ? p - q : compareText(String(p), String(q)))));
  let total = 1;
  for (const list of values) total *= list.length;
  if (total > limit) return null;
  for (let i = 0; i < total; i++) {
    const x: Assignment = new Map();
    let k = i;
    vars.forEach((v, j) => {
      x.set(v, values[j][k % values[j].length]);
      k = Math.floor(k / values[j].length);
    });
    if (conditions.every((d) => !holds(d, x))) return x;
  }
  return null;
}

/** Readable name of a variable for messages. */
export function describeVar(v: string): string {
  if (v.startsWith('indicator ')) return v.slice('indicator '.length);
  if (v.startsWith('{')) return 'a condition';
  const parts = v.split('→');
  return parts.map((p) => p.split('.')[1] ?? p).join('.');
}
