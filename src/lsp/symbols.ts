/**
 * The names a playbook declares, for the language server: where each is
 * declared (go to definition), what to show on hover (a field's type and
 * column, a derived field's, indicator's or tier's formula as written), and
 * what to offer for completion. Read from the AST, so it works on a file with
 * errors as far as the parser got.
 */
import { keywords } from '../../grammar/tokens.js';
import type { PlaybookAst, Span } from '../language/ast.js';

export type SymbolKind = 'table' | 'field' | 'derived' | 'quota' | 'indicator' | 'tier' | 'rule';

export interface PlaybookSymbol {
  name: string;
  kind: SymbolKind;
  /** Where the name is written in its declaration. */
  nameSpan: Span;
  /** The whole declaration (shown on hover as written). */
  span: Span;
  /** One line about it: `field amount: money, column "close_value" (table deals)`. */
  detail: string;
}

/** The source text of `span`, whole lines (a declaration as the analyst wrote it). */
export function sourceLines(text: string, span: Span): string {
  return text.split(/\r?\n/).slice(span.line - 1, span.endLine).join('\n').trim();
}

/** Every name declared in `ast`, in file order. */
export function symbolsOf(ast: PlaybookAst): PlaybookSymbol[] {
  const out: PlaybookSymbol[] = [];
  for (const t of ast.tables) {
    out.push({ name: t.name.name, kind: 'table', nameSpan: t.name.span, span: t.span, detail: `table ${t.name.name} from "${t.file}" (${t.fields.length} fields)` });
    for (const f of t.fields) {
      const column = f.column ?? f.name.name;
      const extras = [f.key ? 'key' : '', f.optional ? 'optional' : '', f.lookup ? `lookup ${f.lookup.name}` : ''].filter(Boolean).join(', ');
      out.push({ name: f.name.name, kind: 'field', nameSpan: f.name.span, span: f.span, detail: `field ${f.name.name}: ${f.type.name}${f.format ? ` "${f.format}"` : ''}, column "${column}" (table ${t.name.name}${extras ? `; ${extras}` : ''})` });
    }
    for (const d of t.derived) out.push({ name: d.name.name, kind: 'derived', nameSpan: d.name.span, span: d.span, detail: `derived field of table ${t.name.name}` });
  }
  for (const r of ast.rules) {
    switch (r.kind) {
      case 'quota':
        out.push({ name: r.name.name, kind: 'quota', nameSpan: r.name.span, span: r.span, detail: `quota ${r.name.name}` });
        break;
      case 'indicator':
        out.push({ name: r.name.name, kind: 'indicator', nameSpan: r.name.span, span: r.span, detail: `indicator ${r.name.name}` });
        break;
      case 'tier':
        out.push({ name: r.name.name, kind: 'tier', nameSpan: r.name.span, span: r.span, detail: `tier ${r.name.name}, win probability ${r.probability.text}%` });
        break;
      case 'budget':
        break;
      default:
        if ('name' in r && r.name) out.push({ name: r.name.name, kind: 'rule', nameSpan: r.name.span, span: r.span, detail: `${r.kind} "${r.name.name}"` });
    }
  }
  return out;
}

/** The words of the language (for completion), without the quotes of their labels. */
export const keywordWords: readonly string[] = keywords.map((k) => String(k.LABEL ?? k.name).replace(/'/g, ''));
