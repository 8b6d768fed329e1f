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

/** The AST of a flat `expression` node. */
export function flatExpressionAst(node: CstNode, parts: FlatExpressionParts): A.Expr {
  // The parts in text order: an insertion sort on their offsets (an expression has a few parts, and
  // offsets are distinct), much cheaper at start-up than Array.prototype.sort calling a comparator.
  const items: CstElement[] = [];
  const offsets: number[] = [];
  for (const key in node.children) {
    for (const element of node.children[key]) {
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
  let at = 0;
  /** The token at the cursor when it is one of `names`. */
  const tokenIn = (names: Set<string>): IToken | undefined => {
    const e = items[at];
    return e !== undefined && isToken(e) && names.has(e.tokenType.name) ? e : undefined;
  };
  const tokenNamed = (name: string): IToken | undefined => {
    const e = items[at];
    return e !== undefined && isToken(e) && e.tokenType.name === name ? e : undefined;
  };

  /** `a op b op c`, folded left to right; the span of each step joins its two sides' spans. */
  const chain = (next: () => Part, operators: Set<string>): Part => {
    let left = next();
    for (let op = tokenIn(operators); op !== undefined; op = tokenIn(operators)) {
      at++;
      const right = next();
      const expr: A.Expr = { kind: 'binary', op: parts.binaryOp(op), left: left.expr, right: right.expr, span: parts.spanUnion(left.expr.span, right.expr.span), opSpan: parts.tokenSpan(op) };
      left = { expr, outer: join(left.outer, right.outer) };
    }
    return left;
  };

  const unary = (): Part => {
    const minus = tokenNamed('Minus');
    if (minus) {
      at++;
      const inner = unary();
      const span = join(parts.tokenSpan(minus), inner.outer);
      return { expr: { kind: 'unary', op: '-', operand: inner.expr, span }, outer: span };
    }
    const operand = items[at++] as CstNode;
    const outer = parts.nodeSpan(operand);
    return { expr: parts.operand(operand, outer), outer };
  };
  const multiplicative = () => chain(unary, MULTIPLICATIVE);
  const additive = () => chain(multiplicative, ADDITIVE);

  const comparison = (): Part => {
    const left = additive();
    const op = tokenIn(COMPARISON);
    if (op) {
      at++;
      const right = additive();
      const span = join(left.outer, right.outer);
      return { expr: { kind: 'binary', op: parts.binaryOp(op), left: left.expr, right: right.expr, span, opSpan: parts.tokenSpan(op) }, outer: span };
    }
    if (tokenNamed('Is')) {
      at++;
      const negated = tokenNamed('Not') !== undefined;
      if (negated) at++;
      const missing = items[at++] as IToken;
      const span = join(left.outer, parts.tokenSpan(missing));
      return { expr: { kind: 'missing', operand: left.expr, negated, span }, outer: span };
    }
    if (tokenNamed('Not') || tokenNamed('In')) {
      const negated = tokenNamed('Not') !== undefined;
      at += negated ? 3 : 2; // [not] in (
      const options: A.Expr[] = [];
      for (let e = items[at]; !(isToken(e) && e.tokenType.name === 'RParen'); e = items[++at]) {
        if (!isToken(e)) options.push(parts.expression(e));
      }
      const span = join(left.outer, parts.tokenSpan(items[at++] as IToken));
      return { expr: { kind: 'in', operand: left.expr, options, negated, span }, outer: span };
    }
    return left;
  };

  const not = (): Part => {
    const prefix = tokenNamed('Not');
    if (prefix) {
      at++;
      const inner = not();
      const span = join(parts.tokenSpan(prefix), inner.outer);
      return { expr: { kind: 'unary', op: 'not', operand: inner.expr, span }, outer: span };
    }
    return comparison();
  };

  return chain(() => chain(not, AND), OR).expr;
}
