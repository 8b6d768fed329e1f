/**
 * Syntax diagrams of the playbook grammar, generated from the parser itself with
 * chevrotain's `createSyntaxDiagramsCode` (an HTML page; open it in a browser).
 * `npm run diagrams` writes docs/syntax-diagrams.html; a test checks the committed page
 * matches the grammar.
 */
import { createSyntaxDiagramsCode } from './chevrotain.js';
import { PlaybookParser } from './parser.js';

/** The HTML page of railroad diagrams, one per grammar rule. */
export function syntaxDiagramsHtml(): string {
  return createSyntaxDiagramsCode(new PlaybookParser().getSerializedGastProductions());
}
