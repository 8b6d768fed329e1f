/**
 * The AST of an expression read by the flat parser (grammar/parser.ts, `expressions: 'flat'`): one CST
 * node holds the expression's prefixes, operands and operators in text order, and precedence is
 * resolved here by recursive descent over them, level by level as the nested grammar's rules
 * (`expression` → `andExpr` → `notExpr` → `comparison` → `additive` → `multiplicative` → `unary`)
 * resolve it, giving the very AST and spans that src/language/cst-to-ast.ts builds from the nested
 * tree. Only a tree without syntax errors is flat (the parser reads a broken text again with the
 * nested rules), and its expressions are in the nested grammar's shape (the parser checks it), so
 * every part is where the descent expects it.
 */
import type { CstElement, CstNode, IToken } from 'chevrotain';
import type * as A from './ast.js';

/** What the descent needs from the AST builder. */
export interface FlatExpressionParts {
  /** The AST of an `operand` node (a literal, a name, a call, an aggregate or an expression in parentheses), whose span is `span`. */
  operand(node: CstNode, span: A.Span): A.Expr;
  /** The AST of a nested `expression` node (an option of `in (…)`). */
  expression(node: CstNode): A.Expr;
  /** The span of a node, from its first to its last token. */
  nodeSpan(node: CstNode): A.Span;
  tokenSpan(token: IToken): A.Span;
  binaryOp(token: IToken): A.BinaryOp;
  spanUnion(a: A.Span, b: A.Span): A.Span;
}

/** An expression and its extent in the text, parentheses included (the span a prefix or comparison around it takes). */
interface Part {
  expr: A.Expr;
  outer: A.Span;
}

function isToken(element: CstElement): element is IToken {
  return (element as IToken).image !== undefined;
}

function startOf(element: CstElement): number {
  return isToken(element) ? element.startOffset : element.location!.startOffset;
}

const OR = new Set(['Or']);
const AND = new Set(['And']);
const ADDITIVE = new Set(['Plus', 'Minus']);
const MULTIPLICATIVE = new Set(['Times', 'Divide']);
const COMPARISON = new Set(['Equal', 'NotEqual', 'LessEqual', 'GreaterEqual', 'Less', 'Greater']);

/** From the start of `a` to the end of `b`. */
function join(a: A.Span, b: A.Span): A.Span {
  return { line: a.line, column: a.column, endLine: b.endLine, endColumn: b.endColumn };
}

/**
 * The descent's place in one expression: its parts in text order and the index of the next one.
 * The functions below take it as an argument rather than closing over it, so reading an expression
 * makes no closures (a short run is interpreted, where each closure is an object; thousands of
 * expressions in a large playbook). An `in (…)` option is a new expression with a cursor of its own.
 */
interface Cursor {
  items: CstElement[];
  at: number;
  parts: FlatExpressionParts;
}

/** The token at the cursor when it is one of `names`. */
function tokenIn(c: Cursor, names: Set<string>): IToken | undefined {
  const e = c.items[c.at];
  return e !== undefined && isToken(e) && names.has(e.tokenType.name) ? e : undefined;
}

function tokenNamed(c: Cursor, name: string): IToken | undefined {
  const e = c.items[c.at];
  return e !== undefined && isToken(e) && e.tokenType.name === name ? e : undefined;
}

/** The precedence levels, loosest first: each reads its operands with the next one. */
const enum Level {
  Or,
  And,
  Not,
  Comparison,
  Additive,
  Multiplicative,
  Unary,
}

const CHAIN_OPERATORS: readonly (Set<string> | undefined)[] = [OR, AND, undefined, undefined, ADDITIVE, MULTIPLICATIVE];

/** The part at the cursor, read at precedence `level`. */
function part(c: Cursor, level: Level): Part {
  switch (level) {
    case Level.Or:
    case Level.And:
    case Level.Additive:
    case Level.Multiplicative:
      return chain(c, level);
    case Level.Not:
      return not(c);
    case Level.Comparison:
      return comparison(c);
    default:
      return unary(c);
  }
}

/** `a op b op c` at `level`, folded left to right; the span of each step joins its two sides' spans. */
function chain(c: Cursor, level: Level): Part {
  const operators = CHAIN_OPERATORS[level]!;
  const parts = c.parts;
  let left = part(c, level + 1);
  for (let op = tokenIn(c, operators); op !== undefined; op = tokenIn(c, operators)) {
    c.at++;
    const right = part(c, level + 1);
    const expr: A.Expr = { kind: 'binary', op: parts.binaryOp(op), left: left.expr, right: right.expr, span: parts.spanUnion(left.expr.span, right.expr.span), opSpan: parts.tokenSpan(op) };
    left = { expr, outer: join(left.outer, right.outer) };
  }
  return left;
}

function unary(c: Cursor): Part {
  const minus = tokenNamed(c, 'Minus');
  if (minus) {
    c.at++;
    const inner = unary(c);
    const span = join(c.parts.tokenSpan(minus), inner.outer);
    return { expr: { kind: 'unary', op: '-', operand: inner.expr, span }, outer: span };
  }
  const operand = c.items[c.at++] as CstNode;
  const outer = c.parts.nodeSpan(operand);
  return { expr: c.parts.operand(operand, outer), outer };
}

function comparison(c: Cursor): Part {
  const parts = c.parts;
  const left = part(c, Level.Additive);
  const op = tokenIn(c, COMPARISON);
  if (op) {
    c.at++;
    const right = part(c, Level.Additive);
    const span = join(left.outer, right.outer);
    return { expr: { kind: 'binary', op: parts.binaryOp(op), left: left.expr, right: right.expr, span, opSpan: parts.tokenSpan(op) }, outer: span };
  }
  if (tokenNamed(c, 'Is')) {
    c.at++;
    const negated = tokenNamed(c, 'Not') !== undefined;
    if (negated) c.at++;
    const missing = c.items[c.at++] as IToken;
    const span = join(left.outer, parts.tokenSpan(missing));
    return { expr: { kind: 'missing', operand: left.expr, negated, span }, outer: span };
  }
  if (tokenNamed(c, 'Not') || tokenNamed(c, 'In')) {
    const negated = tokenNamed(c, 'Not') !== undefined;
    c.at += negated ? 3 : 2; // [not] in (
    const options: A.Expr[] = [];
    for (let e = c.items[c.at]; !(isToken(e) && e.tokenType.name === 'RParen'); e = c.items[++c.at]) {
      if (!isToken(e)) options.push(parts.expression(e));
    }
    const span = join(left.outer, parts.tokenSpan(c.items[c.at++] as IToken));
    return { expr: { kind: 'in', operand: left.expr, options, negated, span }, outer: span };
  }
  return left;
}

function not(c: Cursor): Part {
  const prefix = tokenNamed(c, 'Not');
  if (prefix) {
    c.at++;
    const inner = not(c);
    const span = join(c.parts.tokenSpan(prefix), inner.outer);
    return { expr: { kind: 'unary', op: 'not', operand: inner.expr, span }, outer: span };
  }
  return comparison(c);
}

/** The AST of a flat `expression` node. */
export function flatExpressionAst(node: CstNode, parts: FlatExpressionParts): A.Expr {
  // The parts in text order: an insertion sort on their offsets (an expression has a few parts, and
  // offsets are distinct), much cheaper at start-up than Array.prototype.sort calling a comparator.
  const items: CstElement[] = [];
  const offsets: number[] = [];
  const children = node.children;
  for (const key in children) {
    const list = children[key];
    for (let k = 0; k < list.length; k++) {
      const element = list[k];
      const offset = startOf(element);
      let i = items.length;
      items.push(element);
      offsets.push(offset);
      for (; i > 0 && offsets[i - 1] > offset; i--) {
        items[i] = items[i - 1];
        offsets[i] = offsets[i - 1];
      }
      items[i] = element;
      offsets[i] = offset;
    }
  }
  return chain({ items, at: 0, parts }, Level.Or).expr;
}
