/**
 * Where each rule graph node was written: the playbook file, line, column and
 * the rule's name as the analyst wrote it. Traces, `explain` and reports point
 * at these.
 */
import type { PlaybookAst, Span } from '../language/ast.js';
import { derivedId, stagesId } from './dependencies.js';
import type { SourceSpan } from './ir.js';

/** Node id → where it was written, for the nodes the compiler makes from `ast`. */
export function nodeSources(ast: PlaybookAst, file: string): Map<string, SourceSpan> {
  const out = new Map<string, SourceSpan>();
  const put = (id: string, span: Span, name: string) => {
    if (!out.has(id)) out.set(id, { file, line: span.line, column: span.column, name });
  };
  for (const t of ast.tables) {
    for (const d of t.derived) put(derivedId(t.name.name, d.name.name), d.span, d.name.name);
    for (const o of t.outcomes) put(`outcome:${o.outcome}`, o.span, `${o.outcome} when`);
  }
  for (const r of ast.rules) {
    switch (r.kind) {
      case 'credit':
        put('credit', r.span, r.label);
        break;
      case 'redline':
      case 'mustwin':
        put(`redline:${r.name.name}`, r.span, r.name.name);
        break;
      case 'quota':
      case 'commission':
      case 'bonus':
      case 'ranking':
      case 'indicator':
        put(`${r.kind}:${r.name.name}`, r.span, r.name.name);
        break;
      case 'scoring':
        put('scoring', r.span, r.name.name);
        if (r.reviews[0]) put('review', r.reviews[0].span, 'review accounts');
        break;
      case 'tier':
        put('tiers', r.span, 'tiers');
        break;
      case 'budget':
        put('validation', r.span, 'budget');
        break;
      case 'assert':
        put('validation', r.span, r.name.name);
        break;
      case 'stages':
        if (r.components[0]) put(stagesId(r.components[0].name), r.span, r.components.map((c) => c.name).join(', '));
        put('statements', r.span, 'statements');
        break;
      case 'payTimeBudget':
        break;
      case 'draw':
        put('draw', r.span, 'draw');
        break;
    }
  }
  put('payout', ast.header.span, 'payout');
  return out;
}
