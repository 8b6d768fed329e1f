/**
 * CST → AST. Reads the parse tree chevrotain built (possibly partial after
 * error recovery) and produces the typed AST with a source span on every node.
 * Parts the parser could not read become `error` nodes or are left out; the
 * parser has already reported them.
 */
import type { CstElement, CstNode, IToken } from 'chevrotain';
import type * as A from './ast.js';
import { type Diagnostic, error } from './diagnostics.js';
import { flatExpressionAst, type FlatExpressionParts } from './cst-flat-expressions.js';
import { payTimeBudgetOf, stagesRuleOf } from './cst-stages.js';

type Children = Record<string, CstElement[] | undefined>;

function isToken(element: CstElement): element is IToken {
  return (element as IToken).image !== undefined;
}

function realToken(token: IToken | undefined): token is IToken {
  return token !== undefined && !Number.isNaN(token.startOffset) && token.isInsertedInRecovery !== true;
}

function tok(children: Children, key: string, index = 0): IToken | undefined {
  const element = children[key]?.[index];
  return element && isToken(element) && realToken(element) ? element : undefined;
}

function toks(children: Children, key: string): IToken[] {
  const elements = children[key];
  if (elements === undefined) return [];
  // Most lists hold only real tokens: return them as they are rather than copy them (a copy per node is
  // much of a large playbook's garbage).
  if (elements.every((e) => isToken(e) && realToken(e))) return elements as IToken[];
  return elements.filter((e): e is IToken => isToken(e) && realToken(e));
}

function sub(children: Children, key: string, index = 0): CstNode | undefined {
  const element = children[key]?.[index];
  return element && !isToken(element) ? element : undefined;
}

function subs(children: Children, key: string): CstNode[] {
  const elements = children[key];
  if (elements === undefined) return [];
  // A key names either a rule or a token, so the list is nearly always all nodes: no copy then.
  if (elements.every((e) => !isToken(e))) return elements as CstNode[];
  return elements.filter((e): e is CstNode => !isToken(e));
}

const noSpan: A.Span = { line: 0, column: 0, endLine: 0, endColumn: 0 };

/** Span of a single token; `endColumn` is the last column the token covers. */
export function tokenSpan(token: IToken): A.Span {
  return {
    line: token.startLine ?? 0,
    column: token.startColumn ?? 0,
    endLine: token.endLine ?? token.startLine ?? 0,
    endColumn: token.endColumn ?? token.startColumn ?? 0,
  };
}

/** The parser's tokens of the playbook being built, in text order (set by {@link cstToAst}). */
let tokensInOrder: readonly IToken[] = [];

/**
 * Token positions by offset: entry `o` of `starts` is 1 + the index of the token that starts at offset
 * `o` (0 when none), likewise `ends` for the offset a token ends at. A node's span then costs two array
 * reads instead of two searches (thousands of nodes in a large playbook).
 */
interface TokenIndex {
  tokens: readonly IToken[];
  starts: Int32Array;
  ends: Int32Array;
}

function indexTokens(tokens: readonly IToken[]): TokenIndex {
  const size = tokens.length === 0 ? 1 : tokens[tokens.length - 1].endOffset! + 2;
  const starts = new Int32Array(size);
  const ends = new Int32Array(size);
  for (let i = 0; i < tokens.length; i++) {
    starts[tokens[i].startOffset] = i + 1;
    ends[tokens[i].endOffset!] = i + 1;
  }
  return { tokens, starts, ends };
}

let tokenIndex: TokenIndex = indexTokens([]);

/** The token of `index` whose start (or end) is at `offset`, if any. */
function tokenAt(index: TokenIndex, which: 'starts' | 'ends', offset: number): IToken | undefined {
  const at = offset >= 0 && offset < index[which].length ? index[which][offset] : 0;
  return at > 0 ? index.tokens[at - 1] : undefined;
}

/**
 * Line and column of a CST node's location (`nodeLocationTracking: 'onlyOffset'`: chevrotain keeps only
 * the offsets of the node's first real token and of its last token, which is cheaper while parsing):
 * the line and column are those of the tokens at these offsets, exactly what `'full'` tracking would
 * have copied from the same tokens (test/grammar/node-spans.test.ts compares the two over many texts).
 * A location without a real first token (a node that only error recovery made) has no span.
 * @param tokens the lexer's tokens the node was parsed from, in text order.
 */
export function spanOfLocation(at: { startOffset: number; endOffset?: number } | undefined, tokens: readonly IToken[]): A.Span {
  if (tokenIndex.tokens !== tokens) tokenIndex = indexTokens(tokens);
  if (!at || Number.isNaN(at.startOffset)) return noSpan;
  const start = tokenAt(tokenIndex, 'starts', at.startOffset);
  if (!start) return noSpan;
  const end = at.endOffset === undefined || Number.isNaN(at.endOffset) ? undefined : tokenAt(tokenIndex, 'ends', at.endOffset);
  return { line: start.startLine!, column: start.startColumn ?? 0, endLine: end ? end.endLine! : NaN, endColumn: end ? end.endColumn! : NaN };
}

/**
 * Span from the first to the last real token of a CST node, from the location chevrotain
 * records while parsing (tokens inserted by error recovery have no position and do not
 * count). A node without any real token has no span.
 */
function nodeSpan(node: CstNode | undefined): A.Span {
  return spanOfLocation(node?.location, tokensInOrder);
}

/**
 * The text inside a string literal, with its escapes (`\"`, `\\`, …) unescaped. A backslash
 * before any other character is kept as written: `"..\deals.csv"` stays `..\deals.csv` (and is
 * then refused as a path), rather than silently becoming `..deals.csv`.
 */
export function unquote(image: string): string {
  const body = image.endsWith('"') && image.length >= 2 ? image.slice(1, -1) : image.slice(1);
  return body.replace(/\\(.)/g, (whole: string, c: string) => escapes.get(c) ?? whole);
}

/** Escapes inside quoted text; a Map so no character can reach an object's prototype. */
const escapes = new Map([
  ['"', '"'],
  ['\\', '\\'],
  ['t', '\t'],
  ['n', '\n'],
  ['r', '\r'],
]);

/** `1,000.50` → `1000.50`; `20 %` → `20`. */
function numberText(image: string): string {
  return image.replace(/[,%\s]/g, '');
}

function nameOf(node: CstNode | undefined): A.Named | null {
  if (!node) return null;
  const t = tok(node.children, 'Identifier') ?? tok(node.children, 'QuotedIdentifier');
  if (!t) return null;
  const name = t.tokenType.name === 'QuotedIdentifier' ? t.image.slice(1, -1) : t.image;
  return { name, span: tokenSpan(t) };
}

/** A `quoted name` (backquotes), without its quotes, as {@link nameOf} reads it. */
function quotedHead(token: IToken | undefined): A.Named | null {
  return token ? { name: token.image.slice(1, -1), span: tokenSpan(token) } : null;
}

function named(token: IToken | undefined): A.Named | null {
  return token ? { name: token.image, span: tokenSpan(token) } : null;
}

function stringOf(token: IToken | undefined): string | null {
  return token ? unquote(token.image) : null;
}

const errorName = (span: A.Span): A.Named => ({ name: '', span });

/** The text of a quoted name with its place (`encoding "gb18030"`), or null when absent. */
function encodingName(token: IToken | undefined): A.Named | null {
  return token ? { name: unquote(token.image), span: tokenSpan(token) } : null;
}

// ---- expressions -----------------------------------------------------------------

function expression(node: CstNode | undefined): A.Expr {
  if (!node) return { kind: 'error', span: noSpan };
  // A text without syntax errors is parsed with flat expressions (grammar/parser.ts): no `andExpr` level.
  if (node.children.andExpr === undefined) return flatExpressionAst(node, flatParts);
  return leftChain(node, 'andExpr', ['Or'], andExpr);
}

const flatParts: FlatExpressionParts = { operand: primary, expression, nodeSpan, tokenSpan, binaryOp, spanUnion };

/** Folds `a op b op c` left to right; operators are ordered by source position. */
function leftChain(node: CstNode, operandKey: string, operatorKeys: string[], operand: (n: CstNode) => A.Expr): A.Expr {
  const operands = subs(node.children, operandKey);
  if (operands.length === 0) return { kind: 'error', span: nodeSpan(node) };
  // One operand (most levels of most expressions): no operators to sort.
  if (operands.length === 1) return operand(operands[0]);
  const operators = operatorKeys.flatMap((k) => toks(node.children, k)).sort((x, y) => x.startOffset - y.startOffset);
  let result = operand(operands[0]);
  for (let i = 1; i < operands.length; i++) {
    const opToken = operators[i - 1];
    const right = operand(operands[i]);
    const op = opToken ? binaryOp(opToken) : '+';
    result = {
      kind: 'binary',
      op,
      left: result,
      right,
      span: spanUnion(result.span, right.span),
      opSpan: opToken ? tokenSpan(opToken) : result.span,
    };
  }
  return result;
}

function binaryOp(token: IToken): A.BinaryOp {
  switch (token.tokenType.name) {
    case 'Or': return 'or';
    case 'And': return 'and';
    case 'Plus': return '+';
    case 'Minus': return '-';
    case 'Times': return '*';
    case 'Divide': return '/';
    case 'Equal': return '=';
    case 'NotEqual': return '!=';
    case 'Less': return '<';
    case 'LessEqual': return '<=';
    case 'Greater': return '>';
    case 'GreaterEqual': return '>=';
    default: return '+';
  }
}

function spanUnion(a: A.Span, b: A.Span): A.Span {
  if (a.line === 0) return b;
  if (b.line === 0) return a;
  return { line: a.line, column: a.column, endLine: b.endLine, endColumn: b.endColumn };
}

function andExpr(node: CstNode): A.Expr {
  return leftChain(node, 'notExpr', ['And'], notExpr);
}

function notExpr(node: CstNode): A.Expr {
  const notToken = tok(node.children, 'Not');
  const inner = sub(node.children, 'notExpr');
  if (notToken || inner) {
    const operand = inner ? notExpr(inner) : ({ kind: 'error', span: nodeSpan(node) } as A.Expr);
    return { kind: 'unary', op: 'not', operand, span: nodeSpan(node) };
  }
  const cmp = sub(node.children, 'comparison');
  return cmp ? comparison(cmp) : { kind: 'error', span: nodeSpan(node) };
}

const comparisonKeys = ['Equal', 'NotEqual', 'LessEqual', 'GreaterEqual', 'Less', 'Greater'];

function comparison(node: CstNode): A.Expr {
  const c = node.children;
  const sides = subs(c, 'additive');
  const left = sides[0] ? additive(sides[0]) : ({ kind: 'error', span: nodeSpan(node) } as A.Expr);
  const span = nodeSpan(node);
  if (tok(c, 'Missing') || tok(c, 'Is')) {
    return { kind: 'missing', operand: left, negated: tok(c, 'Not') !== undefined, span };
  }
  if (tok(c, 'In')) {
    return { kind: 'in', operand: left, options: subs(c, 'expression').map(expression), negated: tok(c, 'notIn') !== undefined, span };
  }
  let opToken: IToken | undefined;
  for (const k of comparisonKeys) {
    opToken = tok(c, k);
    if (opToken) break;
  }
  if (opToken) {
    const right = sides[1] ? additive(sides[1]) : ({ kind: 'error', span } as A.Expr);
    return { kind: 'binary', op: binaryOp(opToken), left, right, span, opSpan: tokenSpan(opToken) };
  }
  return left;
}

function additive(node: CstNode): A.Expr {
  return leftChain(node, 'multiplicative', ['Plus', 'Minus'], multiplicative);
}

function multiplicative(node: CstNode): A.Expr {
  return leftChain(node, 'unary', ['Times', 'Divide'], unary);
}

function unary(node: CstNode): A.Expr {
  const inner = sub(node.children, 'unary');
  if (tok(node.children, 'Minus') || inner) {
    const operand = inner ? unary(inner) : ({ kind: 'error', span: nodeSpan(node) } as A.Expr);
    return { kind: 'unary', op: '-', operand, span: nodeSpan(node) };
  }
  const p = sub(node.children, 'primary');
  return p ? primary(p) : { kind: 'error', span: nodeSpan(node) };
}

/** The AST of a `primary` (nested) or `operand` (flat) node; `span` is the node's, when the caller has it already. */
function primary(node: CstNode, span: A.Span = nodeSpan(node)): A.Expr {
  const c = node.children;
  // A primary holds the parts of exactly one alternative of its rule, so the commonest one, a name,
  // can be looked for first without changing what any node becomes.
  const ref = sub(c, 'reference');
  if (ref) return reference(ref, span);
  // The flat parser's operand holds the name, its path or its call's arguments itself.
  const head = named(tok(c, 'Identifier')) ?? quotedHead(tok(c, 'QuotedIdentifier'));
  if (head) {
    if (tok(c, 'LParen')) return { kind: 'call', fn: head, args: subs(c, 'args').map(expression), span };
    const path = toks(c, 'path').map((t) => (t.tokenType.name === 'QuotedIdentifier' ? quotedHead(t)! : named(t)!));
    return { kind: 'ref', path: [head, ...path], span };
  }
  const percent = tok(c, 'PercentLiteral');
  if (percent) return { kind: 'percent', text: numberText(percent.image), span };
  const num = tok(c, 'NumberLiteral');
  if (num) return { kind: 'number', text: numberText(num.image), grouped: num.image.includes(','), span };
  const str = tok(c, 'StringLiteral');
  if (str) return { kind: 'string', value: unquote(str.image), span };
  if (tok(c, 'True')) return { kind: 'boolean', value: true, span };
  if (tok(c, 'False')) return { kind: 'boolean', value: false, span };
  const inner = sub(c, 'expression');
  if (inner) {
    // Kept on the operation, for the check's warning about `and` inside `or` (PB3024).
    const e = expression(inner);
    return e.kind === 'binary' ? { ...e, parenthesized: true } : e;
  }
  const sum = sub(c, 'sumAggregate');
  if (sum) {
    const table = nameOf(sub(sum.children, 'name')) ?? errorName(span);
    const filter = sub(sum.children, 'filter');
    return { kind: 'sum', value: expression(sub(sum.children, 'value')), table, filter: filter ? expression(filter) : null, span };
  }
  const count = sub(c, 'countAggregate');
  if (count) {
    const table = nameOf(sub(count.children, 'name')) ?? errorName(span);
    const filter = sub(count.children, 'filter');
    return { kind: 'count', table, filter: filter ? expression(filter) : null, span };
  }
  const distinct = sub(c, 'distinctAggregate');
  if (distinct) {
    const table = nameOf(sub(distinct.children, 'name')) ?? errorName(span);
    const filter = sub(distinct.children, 'filter');
    return { kind: 'distinct', value: expression(sub(distinct.children, 'value')), table, filter: filter ? expression(filter) : null, span };
  }
  const first = sub(c, 'firstPer');
  if (first) {
    const group = nameOf(sub(first.children, 'group')) ?? errorName(span);
    const order = subs(first.children, 'order').map(nameOf).filter((n): n is A.Named => n !== null);
    return { kind: 'firstPer', group, order, span };
  }
  return { kind: 'error', span };
}

/** `name`, `a.b.c` or `f(x, y)`; `span` is the span of the primary around it. */
function reference(ref: CstNode, span: A.Span): A.Expr {
  const head = nameOf(sub(ref.children, 'name'));
  if (!head) return { kind: 'error', span };
  if (tok(ref.children, 'LParen')) {
    return { kind: 'call', fn: head, args: subs(ref.children, 'args').map(expression), span };
  }
  const rest = subs(ref.children, 'path').map(nameOf).filter((n): n is A.Named => n !== null);
  return { kind: 'ref', path: [head, ...rest], span };
}

// ---- declarations ------------------------------------------------------------------

function header(node: CstNode | undefined): A.Header {
  const h: A.Header = {
    name: '',
    span: nodeSpan(node),
    currency: null,
    timeZone: null,
    fiscalYearStart: null,
    planPeriod: null,
    rounding: null,
  };
  if (!node) return h;
  h.name = stringOf(tok(node.children, 'StringLiteral')) ?? '';
  for (const item of subs(node.children, 'headerItem')) {
    const c = item.children;
    // A header word whose value could not be read (`plan period FY2017`) keeps an empty name: the syntax
    // error says what is wrong, and the check does not add that the playbook has no plan period.
    if (tok(c, 'Currency')) h.currency = named(tok(c, 'Identifier')) ?? errorName(tokenSpan(tok(c, 'Currency')!));
    else if (tok(c, 'Zone')) {
      const t = tok(c, 'StringLiteral');
      h.timeZone = t ? { name: unquote(t.image), span: tokenSpan(t) } : null;
    } else if (tok(c, 'Fiscal')) {
      const month = tok(c, 'Identifier');
      const dot = tok(c, 'Dot');
      // `Sept.`: the name with its point (the check's PB2102 says to write the month in full).
      h.fiscalYearStart = month && dot ? { name: `${month.image}.`, span: spanUnion(tokenSpan(month), tokenSpan(dot)) } : (named(month) ?? errorName(tokenSpan(tok(c, 'Fiscal')!)));
    }
    else if (tok(c, 'Plan')) h.planPeriod = named(tok(c, 'NumberLiteral')) ?? errorName(tokenSpan(tok(c, 'Plan')!));
    else if (tok(c, 'Rounding')) {
      const mode = tok(c, 'RoundingMode');
      const step = tok(c, 'NumberLiteral');
      if (mode && step) h.rounding = { mode: mode.image, step: numberText(step.image), span: nodeSpan(item) };
    }
  }
  return h;
}

function fieldDecl(node: CstNode): A.FieldDecl | null {
  const c = node.children;
  const name = nameOf(sub(c, 'name'));
  const type = named(tok(c, 'type'));
  if (!name || !type) return null;
  const decl: A.FieldDecl = {
    kind: 'field',
    name,
    type,
    format: stringOf(tok(c, 'format')),
    column: null,
    key: false,
    optional: false,
    multiline: false,
    default: null,
    lookup: null,
    aliases: [],
    label: null,
    span: nodeSpan(node),
  };
  for (const option of subs(c, 'fieldOption')) {
    const o = option.children;
    const strings = toks(o, 'StringLiteral').map((t) => unquote(t.image));
    if (tok(o, 'Column')) decl.column = strings[0] ?? null;
    else if (tok(o, 'Key')) decl.key = true;
    else if (tok(o, 'Optional')) decl.optional = true;
    else if (tok(o, 'Multiline')) decl.multiline = true;
    else if (tok(o, 'Default')) decl.default = strings[0] ?? null;
    else if (tok(o, 'Lookup')) decl.lookup = nameOf(sub(o, 'name'));
    else if (tok(o, 'Label')) decl.label = strings[0] ?? null;
    else if (tok(o, 'Alias') && strings.length === 2) decl.aliases.push({ from: strings[0], to: strings[1] });
  }
  return decl;
}

function tableDecl(node: CstNode): A.TableDecl | null {
  const c = node.children;
  const name = nameOf(sub(c, 'name'));
  if (!name) return null;
  const strings = toks(c, 'StringLiteral');
  const table: A.TableDecl = {
    kind: 'table',
    name,
    file: stringOf(strings[0]) ?? '',
    fileSpan: strings[0] ? tokenSpan(strings[0]) : name.span,
    delimiter: tok(c, 'Delimiter') ? stringOf(strings[1]) : null,
    locale: named(tok(c, 'Identifier')),
    encoding: encodingName(tok(c, 'encoding')),
    sheet: encodingName(tok(c, 'sheet')),
    fields: [],
    derived: [],
    outcomes: [],
    span: nodeSpan(node),
  };
  for (const f of subs(c, 'fieldDecl')) {
    const decl = fieldDecl(f);
    if (decl) table.fields.push(decl);
  }
  for (const d of subs(c, 'deriveDecl')) {
    const dn = nameOf(sub(d.children, 'name'));
    if (dn) table.derived.push({ kind: 'derive', name: dn, expr: expression(sub(d.children, 'expression')), span: nodeSpan(d) });
  }
  for (const o of subs(c, 'outcomeDecl')) {
    table.outcomes.push({
      kind: 'outcome',
      outcome: tok(o.children, 'Won') ? 'won' : 'lost',
      condition: expression(sub(o.children, 'expression')),
      span: nodeSpan(o),
    });
  }
  return table;
}

const periodUnits: readonly string[] = ['year', 'quarter', 'month'];

/** The period unit word; a word that is not one is reported (PB1003) and read as `year`. */
function periodUnit(node: CstNode | undefined): A.PeriodUnit {
  const word = node ? tok(node.children, 'Identifier') : undefined;
  if (word && periodUnits.includes(word.image)) return word.image as A.PeriodUnit;
  if (word) syntaxFindings.push(error('PB1003', tokenSpan(word), `expected 'year', 'quarter' or 'month' but found "${word.image}"`));
  return 'year';
}

function effect(node: CstNode | undefined): A.Effect {
  const span = nodeSpan(node);
  if (!node) return { kind: 'review', span };
  const c = node.children;
  if (tok(c, 'Block')) return { kind: 'block', span };
  if (tok(c, 'Forfeit')) {
    if (tok(c, 'All')) return { kind: 'forfeit', components: 'all', span };
    return { kind: 'forfeit', components: toks(c, 'StringLiteral').map((t) => ({ name: unquote(t.image), span: tokenSpan(t) })), span };
  }
  return { kind: 'review', span };
}

/** The misspelt method word, else the first token after the period (the base rate or first band). */
function methodSpan(c: Children, bands: { span: A.Span }[]): A.Span {
  const word = tok(c, 'method') ?? tok(c, 'Base');
  if (word) return tokenSpan(word);
  if (bands[0]) return { ...bands[0].span, endLine: bands[0].span.line, endColumn: bands[0].span.column + 3 };
  return nodeSpan(sub(c, 'periodUnit'));
}

/** `{ effective }` when the rule says `effective from "…"`, else nothing (so rules without versions keep their old shape). */
function withEffective(c: Children): { effective?: A.EffectiveDates } {
  const effective = effectiveDates(sub(c, 'effectiveDates'));
  return effective ? { effective } : {};
}

/** `effective from "…" [until "…"]`, or null when the rule has none (or it could not be read). */
function effectiveDates(node: CstNode | undefined): A.EffectiveDates | null {
  if (!node) return null;
  const from = tok(node.children, 'effectiveFrom');
  if (!from) return null;
  const until = tok(node.children, 'effectiveUntil');
  return {
    from: { text: unquote(from.image), span: tokenSpan(from) },
    until: until ? { text: unquote(until.image), span: tokenSpan(until) } : null,
    span: nodeSpan(node),
  };
}

function quotedName(token: IToken | undefined, fallback: A.Span): A.Named {
  return token ? { name: unquote(token.image), span: tokenSpan(token) } : errorName(fallback);
}

function rule(section: CstNode): A.Rule | A.TableDecl | null {
  // (relationship rules are built by scoringRule and the indicator/tier cases below)
  // The section's one child (no entries array made per section).
  let kind: string | undefined;
  for (const key in section.children) {
    kind = key;
    break;
  }
  const node = kind === undefined ? undefined : section.children[kind];
  if (!kind || !node || !node[0] || isToken(node[0])) return null;
  const n = node[0];
  const c = n.children;
  const span = nodeSpan(n);
  switch (kind) {
    case 'tableSection':
      return tableDecl(n);
    case 'creditRule': {
      const rep = nameOf(sub(c, 'rep'));
      const date = nameOf(sub(c, 'date'));
      if (!rep || !date) return null;
      return {
        kind: 'credit',
        label: stringOf(tok(c, 'StringLiteral')) ?? 'credit',
        condition: expression(sub(c, 'condition')),
        rep,
        date,
        amount: expression(sub(c, 'amount')),
        ...(sub(c, 'splitTable') && nameOf(sub(c, 'splitTable')) ? { splitTable: nameOf(sub(c, 'splitTable')) } : {}),
        span,
      };
    }
    case 'quotaRule': {
      const name = nameOf(sub(c, 'name'));
      if (!name) return null;
      let split: A.QuotaRule['split'] = { kind: 'none' };
      if (tok(c, 'Evenly')) split = { kind: 'even' };
      else if (tok(c, 'Weights')) split = { kind: 'weights', weights: toks(c, 'PercentLiteral').map((t) => ({ text: numberText(t.image), span: tokenSpan(t) })) };
      const prorateField = nameOf(sub(c, 'prorateField'));
      const prorate = tok(c, 'Prorated') && prorateField ? { by: tok(c, 'Days') ? ('days' as const) : ('months' as const), field: prorateField } : null;
      const quotaEffective = effectiveDates(sub(c, 'effectiveDates'));
      return { kind: 'quota', name, amount: expression(sub(c, 'expression')), split, prorate, ...(quotaEffective ? { effective: quotaEffective } : {}), span };
    }
    case 'commissionRule': {
      const bands = subs(c, 'band').map((b) => {
        const bc = b.children;
        const pct = tok(bc, 'PercentLiteral');
        const quota = nameOf(sub(bc, 'name'));
        const amountToken = tok(bc, 'NumberLiteral');
        const from: A.BandBound =
          pct && quota
            ? { kind: 'quota', percent: numberText(pct.image), quota, span: spanUnion(tokenSpan(pct), quota.span) }
            : { kind: 'amount', text: amountToken ? numberText(amountToken.image) : '0', span: amountToken ? tokenSpan(amountToken) : nodeSpan(b) };
        const ratePct = tok(bc, 'ratePercent');
        const multiple = tok(bc, 'multiple');
        const rate: A.BandRate = ratePct
          ? { kind: 'percent', text: numberText(ratePct.image), span: tokenSpan(ratePct) }
          : { kind: 'multiple', factor: multiple ? numberText(multiple.image) : '1', span: multiple ? tokenSpan(multiple) : nodeSpan(b), ...(!multiple && !tok(bc, 'Base') && b.recoveredNode ? { unread: true as const } : {}) };
        return { from, rate, span: nodeSpan(b) };
      });
      const methodWord = tok(c, 'method')?.image;
      const baseRateToken = tok(c, 'PercentLiteral');
      const excess = tok(c, 'excessName');
      const effective = effectiveDates(sub(c, 'effectiveDates'));
      return {
        kind: 'commission',
        name: quotedName(tok(c, 'StringLiteral'), span),
        period: periodUnit(sub(c, 'periodUnit')),
        method: methodWord === 'marginal' || methodWord === 'retroactive' ? methodWord : null,
        methodSpan: methodSpan(c, bands),
        ...(methodWord !== undefined && methodWord !== 'marginal' && methodWord !== 'retroactive' ? { methodWritten: methodWord } : {}),
        baseRate: baseRateToken ? { text: numberText(baseRateToken.image), span: tokenSpan(baseRateToken) } : null,
        bands,
        excessName: excess ? { name: unquote(excess.image), span: tokenSpan(excess) } : null,
        ...(effective ? { effective } : {}),
        ...(sub(c, 'manager') && nameOf(sub(c, 'manager')) ? { team: nameOf(sub(c, 'manager')) } : {}),
        ...(tok(c, 'ToDateBasis') ? { basis: { unit: tok(c, 'ToDateBasis')!.image.startsWith('year') ? ('year' as const) : ('quarter' as const), span: tokenSpan(tok(c, 'ToDateBasis')!) } } : {}),
        span,
      };
    }
    case 'drawRule': {
      const amount = tok(c, 'NumberLiteral');
      const pct = tok(c, 'PercentLiteral');
      const atYear = tok(c, 'Year');
      const yearEndRule = tok(c, 'Write') ? ('write off' as const) : tok(c, 'Carry') ? ('carry over' as const) : null;
      const yearEndLast = tok(c, 'Off') ?? tok(c, 'Over');
      return {
        kind: 'draw',
        amount: { text: amount ? numberText(amount.image) : '0', span: amount ? tokenSpan(amount) : span },
        period: periodUnit(sub(c, 'periodUnit')),
        periodSpan: nodeSpan(sub(c, 'periodUnit')),
        recoverable: tok(c, 'Recoverable') !== undefined,
        kindSpan: (() => { const word = tok(c, 'Recoverable') ?? tok(c, 'Guaranteed'); return word ? tokenSpan(word) : span; })(),
        cap: pct ? { percent: numberText(pct.image), period: periodUnit(sub(c, 'capPeriod')), span: spanUnion(tokenSpan(tok(c, 'Recover')!), nodeSpan(sub(c, 'capPeriod'))) } : null,
        yearEnd: yearEndRule && atYear && yearEndLast ? { rule: yearEndRule, span: spanUnion(tokenSpan(toks(c, 'At').filter((t) => t.startOffset < atYear.startOffset).pop() ?? atYear), tokenSpan(yearEndLast)) } : null,
        span,
      };
    }
    case 'bonusRule': {
      const condition = sub(c, 'condition');
      return {
        kind: 'bonus',
        name: quotedName(tok(c, 'StringLiteral'), span),
        scope: tok(c, 'Deal') ? 'deal' : 'rep',
        period: sub(c, 'periodUnit') ? periodUnit(sub(c, 'periodUnit')) : null,
        condition: condition ? expression(condition) : null,
        amount: expression(sub(c, 'amount')),
        ...withEffective(c),
        ...(tok(c, 'amountPerYear') ? { amountPerYear: spanUnion(tokenSpan(toks(c, 'Per').filter((t) => t.startOffset < tok(c, 'amountPerYear')!.startOffset).pop() ?? tok(c, 'amountPerYear')!), tokenSpan(tok(c, 'amountPerYear')!)) } : {}),
        ...(tok(c, 'Instalments') ? { instalments: { every: tok(c, 'Quarterly') ? ('quarter' as const) : ('month' as const), span: spanUnion(tokenSpan(tok(c, 'In')!), tokenSpan(tok(c, 'Instalments')!)) } } : {}),
        span,
      };
    }
    case 'redLineRule':
      return {
        kind: 'redline',
        name: quotedName(tok(c, 'StringLiteral'), span),
        subject: tok(c, 'Reps') ? 'reps' : tok(c, 'Activities') ? 'activities' : 'deals',
        condition: expression(sub(c, 'expression')),
        effect: effect(sub(c, 'effect')),
        message: stringOf(tok(c, 'message')),
        ...withEffective(c),
        span,
      };
    case 'mustWinRule':
      return {
        kind: 'mustwin',
        name: quotedName(tok(c, 'StringLiteral'), span),
        condition: expression(sub(c, 'expression')),
        effect: effect(sub(c, 'effect')),
        message: stringOf(tok(c, 'message')),
        span,
      };
    case 'rankingRule': {
      const ranking: A.RankingRule = {
        kind: 'ranking',
        name: quotedName(tok(c, 'StringLiteral'), span),
        period: periodUnit(sub(c, 'periodUnit')),
        metric: expression(sub(c, 'expression')),
        population: 'all reps',
        tieBreak: null,
        top: null,
        bottom: null,
        onlyCreditedPeriods: false,
        ...withEffective(c),
        span,
      };
      for (const option of subs(c, 'rankingOption')) {
        const o = option.children;
        const pct = tok(o, 'PercentLiteral');
        const reward = tok(o, 'NumberLiteral');
        if (tok(o, 'Ties')) {
          const field = nameOf(sub(o, 'name'));
          if (field) ranking.tieBreak = { field, descending: tok(o, 'Descending') !== undefined };
        } else if (tok(o, 'Top') && pct && reward) {
          ranking.top = { percent: numberText(pct.image), reward: numberText(reward.image), span: nodeSpan(option) };
        } else if (tok(o, 'Bottom') && pct) {
          const sign = tok(o, 'Minus') ? '-' : '';
          ranking.bottom = { percent: numberText(pct.image), reward: reward ? sign + numberText(reward.image) : null, review: tok(o, 'Review') !== undefined, span: nodeSpan(option) };
        } else if (tok(o, 'Only')) ranking.onlyCreditedPeriods = true;
      }
      return ranking;
    }
    case 'scoringSection':
      return scoringRule(n, span);
    case 'budgetRule': {
      const pct = tok(c, 'PercentLiteral');
      return pct ? { kind: 'budget', percent: { text: numberText(pct.image), span: tokenSpan(pct) }, span } : null;
    }
    case 'stagesRule':
      return stagesRuleOf(n, span);
    case 'payTimeBudget':
      return payTimeBudgetOf(n, span);
    case 'assertRule':
      return { kind: 'assert', name: quotedName(tok(c, 'StringLiteral'), span), condition: expression(sub(c, 'expression')), span };
    case 'indicatorRule': {
      const name = nameOf(sub(c, 'name'));
      if (!name) return null;
      return { kind: 'indicator', name, label: stringOf(tok(c, 'label')), condition: expression(sub(c, 'expression')), span };
    }
    case 'tierRule': {
      const name = nameOf(sub(c, 'name'));
      const pct = tok(c, 'PercentLiteral');
      if (!name || !pct) return null;
      return {
        kind: 'tier',
        name,
        label: stringOf(tok(c, 'label')),
        condition: tok(c, 'Otherwise') ? null : expression(sub(c, 'expression')),
        probability: { text: numberText(pct.image), span: tokenSpan(pct) },
        span,
      };
    }
    default:
      return null;
  }
}

function scoringRule(n: CstNode, span: A.Span): A.ScoringRule {
  const c = n.children;
  const rule: A.ScoringRule = {
    kind: 'scoring',
    name: quotedName(tok(c, 'StringLiteral'), span),
    lookBackDays: null,
    halfLifeDays: null,
    cap: null,
    openAsOf: null,
    actions: [],
    weights: [],
    reviews: [],
    span,
  };
  const numberAt = (t: IToken | undefined) => (t ? { text: numberText(t.image), span: tokenSpan(t) } : null);
  for (const item of subs(c, 'scoringItem')) {
    const o = item.children;
    if (tok(o, 'Look')) rule.lookBackDays = numberAt(tok(o, 'lookBack'));
    else if (tok(o, 'Half')) rule.halfLifeDays = numberAt(tok(o, 'halfLife'));
    else if (tok(o, 'Cap')) rule.cap = numberAt(tok(o, 'cap'));
    else if (tok(o, 'Open')) {
      const t = tok(o, 'openAsOf');
      if (t) rule.openAsOf = { text: unquote(t.image), span: tokenSpan(t) };
    } else if (tok(o, 'Review')) {
      const condition = sub(o, 'review');
      if (condition) rule.reviews.push({ condition: expression(condition), span: nodeSpan(item) });
    } else if (tok(o, 'Weight')) {
      const factor = tok(o, 'weight');
      if (factor) rule.weights.push({ factor: numberText(factor.image), condition: expression(sub(o, 'expression')), span: nodeSpan(item) });
    } else {
      const a = sub(o, 'actionPoints');
      if (!a) continue;
      const ac = a.children;
      const action = tok(ac, 'action');
      const points = tok(ac, 'points');
      if (!action || !points) continue;
      let repetition: A.Repetition = { kind: 'every' };
      if (tok(ac, 'Once')) repetition = { kind: 'once', period: sub(ac, 'periodUnit') ? periodUnit(sub(ac, 'periodUnit')) : null };
      else if (tok(ac, 'Most')) {
        const count = tok(ac, 'atMost');
        repetition = { kind: 'atMost', count: count ? numberText(count.image) : '1', period: periodUnit(sub(ac, 'periodUnit')) };
      }
      rule.actions.push({ action: { name: unquote(action.image), span: tokenSpan(action) }, points: numberText(points.image), repetition, label: stringOf(tok(ac, 'label')), span: nodeSpan(a) });
    }
  }
  return rule;
}

/** Findings made while building the AST (words the grammar reads loosely on purpose). */
let syntaxFindings: Diagnostic[] = [];

/**
 * Builds the AST from the root `playbook` CST node and the tokens it was parsed from (`tokens`, the
 * lexer's tokens in text order: node locations are offsets into them). Never throws on partial trees.
 * Returns the few syntax findings made here (e.g. a misspelt period unit).
 */
export function cstToAst(root: CstNode, tokens: readonly IToken[]): { ast: A.PlaybookAst; diagnostics: Diagnostic[] } {
  syntaxFindings = [];
  tokensInOrder = tokens;
  tokenIndex = indexTokens(tokens);
  try {
    const ast: A.PlaybookAst = { header: header(sub(root.children, 'header')), tables: [], rules: [] };
    for (const section of subs(root.children, 'section')) {
      const item = rule(section);
      if (!item) continue;
      if (item.kind === 'table') ast.tables.push(item);
      else ast.rules.push(item);
    }
    return { ast, diagnostics: syntaxFindings };
  } finally {
    // Keep no playbook's tokens alive after the build (the language server builds many ASTs).
    tokensInOrder = [];
    tokenIndex = indexTokens([]);
  }
}
