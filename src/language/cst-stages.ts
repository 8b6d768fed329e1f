/**
 * CST → AST for the `pay "…" in stages` section (see `ast-stages.ts`). Trigger words are matched
 * here; a word the engine does not know becomes a stage with a null trigger, which the checker
 * reports (PB2501) with the word's place.
 */
import type { CstElement, CstNode, IToken } from 'chevrotain';
import type { Span } from './ast.js';
import type { ClawbackClause, LimitClause, PayCalendar, PayTimeBudget, StageItem, StageTrigger, StagesRule } from './ast-stages.js';
import { tokenSpan, unquote } from './cst-to-ast.js';

type Children = Record<string, CstElement[] | undefined>;

const isToken = (e: CstElement): e is IToken => (e as IToken).image !== undefined;
const real = (t: IToken): boolean => !Number.isNaN(t.startOffset) && t.isInsertedInRecovery !== true;
const toks = (c: Children, key: string): IToken[] => (c[key] ?? []).filter((e): e is IToken => isToken(e) && real(e));
const tok = (c: Children, key: string): IToken | undefined => toks(c, key)[0];
const subs = (c: Children, key: string): CstNode[] => (c[key] ?? []).filter((e): e is CstNode => !isToken(e));

/** The trigger words a stage may name, first word → trigger. `invoices` and `invoicing` read as `invoice`. */
export const TRIGGER_WORDS: Record<string, StageTrigger> = {
  booking: 'booking',
  invoice: 'invoice',
  invoices: 'invoice',
  invoicing: 'invoice',
  cash: 'cash',
  revenue: 'revenue',
  completion: 'completion',
};

/**
 * The second word a trigger needs: `with cash collected`, `with revenue recognised`. The others are
 * one word. A stage whose second word is missing or is not its own (`with cash`, `with cash
 * recognised`, `at booking collected`) names no trigger (PB2501), so a half-written stage is never
 * read silently as another.
 */
const SECOND_WORD: Partial<Record<StageTrigger, string>> = { cash: 'collected', revenue: 'recognised' };

function join(a: Span, b: Span): Span {
  return { line: a.line, column: a.column, endLine: b.endLine, endColumn: b.endColumn };
}

function stageItem(node: CstNode): StageItem | null {
  const c = node.children;
  const pct = tok(c, 'PercentLiteral');
  const word = tok(c, 'trigger');
  if (!pct || !word) return null;
  const extra = tok(c, 'extra');
  const second = tok(c, 'Collected') ?? tok(c, 'Recognised') ?? extra;
  const wordSpan = second ? join(tokenSpan(word), tokenSpan(second)) : tokenSpan(word);
  const lower = word.image.toLowerCase();
  // A second word the language does not know (`cash colected`), a missing one (`with cash`) or one of
  // another trigger (`cash recognised`) makes the whole trigger unknown.
  const first = Object.hasOwn(TRIGGER_WORDS, lower) ? TRIGGER_WORDS[lower] : null;
  const secondOk = first !== null && (second?.image.toLowerCase() ?? null) === (SECOND_WORD[first] ?? null);
  const trigger = secondOk ? first : null;
  return {
    share: { text: pct.image.replace(/[,%\s]/g, ''), span: tokenSpan(pct) },
    trigger,
    word: { name: second ? `${word.image} ${second.image}` : word.image, span: wordSpan },
    span: join(tokenSpan(pct), wordSpan),
  };
}

function paidClause(node: CstNode): (PayCalendar & { span: Span }) | null {
  const c = node.children;
  const paid = tok(c, 'Paid');
  const last = tok(c, 'Trigger');
  if (!paid) return null;
  const span = last ? join(tokenSpan(paid), tokenSpan(last)) : tokenSpan(paid);
  const lag = tok(c, 'lag');
  if (lag) return { kind: 'lag', days: { text: lag.image.replace(/,/g, ''), span: tokenSpan(lag) }, span };
  const ordinal = tok(c, 'Ordinal');
  if (tok(c, 'Monthly')) return ordinal ? { kind: 'monthly', day: { text: ordinal.image.replace(/\D/g, ''), span: tokenSpan(ordinal) }, span } : null;
  const weekday = tok(c, 'weekday');
  if (tok(c, 'Every')) {
    if (!weekday) return null;
    const anchor = tok(c, 'anchor');
    return { kind: 'weekly', every: tok(c, 'Other') ? 2 : 1, weekday: { name: weekday.image, span: tokenSpan(weekday) }, anchor: anchor ? { text: unquote(anchor.image), span: tokenSpan(anchor) } : null, span };
  }
  if (tok(c, 'Business')) return { kind: 'businessDay', span };
  return null;
}

/** `clawed back on reversal` / `clawed back when cash is not collected within N days of booking`; null when a word is missing. */
function clawbackClause(node: CstNode): ClawbackClause | null {
  const c = node.children;
  const first = tok(c, 'Clawed');
  if (!first) return null;
  const named = (t: IToken) => ({ name: t.image, span: tokenSpan(t) });
  const event = tok(c, 'event');
  if (event) return { kind: 'reversal', event: named(event), span: join(tokenSpan(first), tokenSpan(event)) };
  const deal = tok(c, 'Deal');
  if (deal) return { kind: 'topUp', span: join(tokenSpan(first), tokenSpan(deal)) };
  const [measure, days, anchor] = [tok(c, 'measure'), tok(c, 'days'), tok(c, 'anchor')];
  if (!measure || !days || !anchor) return null;
  return { kind: 'window', measure: named(measure), days: { text: days.image.replace(/,/g, ''), span: tokenSpan(days) }, anchor: named(anchor), span: join(tokenSpan(first), tokenSpan(anchor)) };
}

/** `minimum 500 per deal` / `cap 250,000 per year`; null when a word is missing. */
function limitClause(node: CstNode): LimitClause | null {
  const c = node.children;
  const first = tok(c, 'Minimum') ?? tok(c, 'Cap');
  const [amount, scope] = [tok(c, 'NumberLiteral'), tok(c, 'scope')];
  if (!first || !amount || !scope) return null;
  return { kind: first.image.toLowerCase() === 'cap' ? 'cap' : 'minimum', amount: { text: amount.image.replace(/,/g, ''), written: amount.image, span: tokenSpan(amount) }, scope: { name: scope.image, span: tokenSpan(scope) }, span: join(tokenSpan(first), tokenSpan(scope)) };
}

/** Builds the AST of a `stagesRule` CST node; null when the parser could not read its names. */
export function stagesRuleOf(node: CstNode, span: Span): StagesRule | null {
  const c = node.children;
  const components = toks(c, 'StringLiteral').map((t) => ({ name: unquote(t.image), span: tokenSpan(t) }));
  if (components.length === 0) return null;
  const stages = subs(c, 'stageItem').map(stageItem).filter((s): s is StageItem => s !== null);
  const paidNode = subs(c, 'paidClause')[0];
  const clawbacks = subs(c, 'clawbackClause').map(clawbackClause).filter((x): x is ClawbackClause => x !== null);
  const limits = subs(c, 'limitClause').map(limitClause).filter((x): x is LimitClause => x !== null);
  return { kind: 'stages', components, stages, paid: paidNode ? paidClause(paidNode) : null, clawbacks, limits, span };
}

/** Builds the AST of a `payTimeBudget` CST node; null when its number is missing. */
export function payTimeBudgetOf(node: CstNode, span: Span): PayTimeBudget | null {
  const n = tok(node.children, 'NumberLiteral');
  return n ? { kind: 'payTimeBudget', days: { text: n.image.replace(/,/g, ''), span: tokenSpan(n) }, span } : null;
}
