/**
 * What the formatter needs to know about a playbook's structure, read from the
 * parse tree: where each section starts (and what kind it is), where header and
 * scoring items start (to put `·` between items on one line), and where the
 * columns of `field`, band and `action` lines begin (to align them).
 */
import type { CstElement, CstNode, IToken } from 'chevrotain';

/** A statement whose line is laid out in aligned columns. */
export interface ColumnLine {
  kind: 'field' | 'band' | 'action';
  /** Offset of the statement's first token. */
  start: number;
  /** Offset of its last token. */
  end: number;
  /** Offsets of the tokens that begin the second, third, … column. */
  breaks: number[];
}

export interface Structure {
  /** Section start offset → section kind (`header`, `tableSection`, `tierRule`, …). */
  sections: Map<number, string>;
  /** Offsets where a header or scoring item begins. */
  items: Set<number>;
  columns: ColumnLine[];
}

function isToken(e: CstElement): e is IToken {
  return (e as IToken).image !== undefined;
}

/** Every token under `node`, in no particular order. */
function tokensUnder(node: CstNode, out: IToken[] = []): IToken[] {
  for (const list of Object.values(node.children)) {
    for (const e of list) {
      if (isToken(e)) {
        if (!Number.isNaN(e.startOffset)) out.push(e);
      } else tokensUnder(e, out);
    }
  }
  return out;
}

function span(node: CstNode): { start: number; end: number } {
  const offsets = tokensUnder(node).map((t) => t.startOffset);
  return { start: Math.min(...offsets), end: Math.max(...offsets) };
}

function firstOffset(elements: CstElement[] | undefined): number | undefined {
  if (!elements || elements.length === 0) return undefined;
  const e = elements[0];
  return isToken(e) ? e.startOffset : span(e).start;
}

function nodes(node: CstNode, name: string): CstNode[] {
  return (node.children[name] ?? []).filter((e): e is CstNode => !isToken(e));
}

function columnLine(kind: ColumnLine['kind'], node: CstNode, breaks: (number | undefined)[]): ColumnLine {
  return { kind, ...span(node), breaks: breaks.filter((b): b is number => b !== undefined) };
}

/** Reads the structure of a parsed playbook (the CST of `parsePlaybookText`). */
export function structureOf(cst: CstNode): Structure {
  const sections = new Map<number, string>();
  const items = new Set<number>();
  const columns: ColumnLine[] = [];
  for (const header of nodes(cst, 'header')) {
    sections.set(span(header).start, 'header');
    for (const item of nodes(header, 'headerItem')) items.add(span(item).start);
  }
  for (const section of nodes(cst, 'section')) {
    const [kind, list] = Object.entries(section.children)[0];
    const inner = list[0] as CstNode;
    sections.set(span(inner).start, kind);
    for (const field of nodes(inner, 'fieldDecl')) {
      columns.push(columnLine('field', field, [firstOffset(field.children.type), firstOffset(field.children.format) ?? firstOffset(field.children.fieldOption)]));
    }
    for (const band of nodes(inner, 'band')) columns.push(columnLine('band', band, [firstOffset(band.children.Pay)]));
    for (const item of nodes(inner, 'scoringItem')) {
      items.add(span(item).start);
      for (const action of nodes(item, 'actionPoints')) {
        columns.push(columnLine('action', action, [firstOffset(action.children.Points), firstOffset(action.children.Label)]));
      }
    }
  }
  return { sections, items, columns };
}
