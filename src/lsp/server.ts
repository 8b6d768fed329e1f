/**
 * `playbook lsp`: a language server over standard input and output.
 * - diagnostics as you type: exactly what `playbook check` reports (same codes, positions, messages);
 * - hover: a field's type and column, a derived field's, indicator's, tier's or rule's text as written;
 * - go to definition of a table, field, derived field, quota, indicator or tier;
 * - completion of declared names and the language's words.
 */
import {
  CompletionItemKind,
  type Connection,
  DiagnosticSeverity,
  type Diagnostic as LspDiagnostic,
  MarkupKind,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { checkSource } from '../check/index.js';
import type { Span } from '../language/ast.js';
import type { Diagnostic } from '../language/diagnostics.js';
import { type PlaybookSymbol, keywordWords, sourceLines, symbolsOf } from './symbols.js';

/** A 1-based inclusive span as an LSP range (0-based, end exclusive). */
export function rangeOf(span: Span): { start: { line: number; character: number }; end: { line: number; character: number } } {
  return { start: { line: span.line - 1, character: span.column - 1 }, end: { line: span.endLine - 1, character: span.endColumn } };
}

function toLsp(d: Diagnostic): LspDiagnostic {
  return {
    range: rangeOf(d.span),
    severity: d.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    code: d.code,
    source: 'playbook',
    message: d.hint ? `${d.message}\n${d.hint}` : d.message,
  };
}

/** The name under the cursor: letters, digits and `_` (any script), or a backticked name. */
export function wordAt(text: string, line: number, character: number): string | null {
  const lineText = text.split(/\r?\n/)[line] ?? '';
  const re = /`[^`]+`|[\p{L}\p{N}_]+/gu;
  for (const m of lineText.matchAll(re)) {
    if (m.index! <= character && character <= m.index! + m[0].length) return m[0].replace(/`/g, '');
  }
  return null;
}

/** The quoted text under the cursor, without its quotes (a rule's name: `"orders commission"`). */
export function quotedAt(text: string, line: number, character: number): string | null {
  const lineText = text.split(/\r?\n/)[line] ?? '';
  for (const m of lineText.matchAll(/"((?:[^"\\]|\\.)*)"/g)) {
    if (m.index! < character && character < m.index! + m[0].length) return m[1];
  }
  return null;
}

/** The declarations the cursor names: a name, or a rule's quoted name. */
function named(all: PlaybookSymbol[], text: string, line: number, character: number): PlaybookSymbol[] {
  const quoted = quotedAt(text, line, character);
  if (quoted !== null) return all.filter((s) => s.kind === 'rule' && s.name === quoted);
  const word = wordAt(text, line, character);
  return word === null ? [] : all.filter((s) => s.kind !== 'rule' && s.name === word);
}

const KIND: Record<PlaybookSymbol['kind'], CompletionItemKind> = {
  table: CompletionItemKind.Class,
  field: CompletionItemKind.Field,
  derived: CompletionItemKind.Field,
  quota: CompletionItemKind.Variable,
  indicator: CompletionItemKind.Variable,
  tier: CompletionItemKind.EnumMember,
  rule: CompletionItemKind.Function,
};

/** Wires the features to `connection` and starts listening. */
export function serve(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const symbols = (doc: TextDocument) => symbolsOf(checkSource(doc.getText()).ast);

  connection.onInitialize(() => ({
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Full,
      hoverProvider: true,
      definitionProvider: true,
      completionProvider: { triggerCharacters: ['.'] },
    },
    serverInfo: { name: 'playbook' },
  }));

  documents.onDidChangeContent(({ document }) => {
    const diagnostics = checkSource(document.getText()).diagnostics.map(toLsp);
    void connection.sendDiagnostics({ uri: document.uri, diagnostics });
  });

  connection.onHover(({ textDocument, position }) => {
    const doc = documents.get(textDocument.uri);
    if (!doc) return null;
    const found = named(symbols(doc), doc.getText(), position.line, position.character);
    if (found.length === 0) return null;
    const value = found.map((s) => `${s.detail}\n\n\`\`\`playbook\n${sourceLines(doc.getText(), s.span)}\n\`\`\``).join('\n\n---\n\n');
    return { contents: { kind: MarkupKind.Markdown, value } };
  });

  connection.onDefinition(({ textDocument, position }) => {
    const doc = documents.get(textDocument.uri);
    if (!doc) return null;
    return named(symbols(doc), doc.getText(), position.line, position.character).map((s) => ({ uri: textDocument.uri, range: rangeOf(s.nameSpan) }));
  });

  connection.onCompletion(({ textDocument }) => {
    const doc = documents.get(textDocument.uri);
    const declared = doc ? symbols(doc).filter((s) => s.kind !== 'rule') : [];
    const seen = new Set<string>();
    const items = declared.filter((s) => !seen.has(s.name) && seen.add(s.name)).map((s) => ({ label: s.name, kind: KIND[s.kind], detail: s.detail }));
    return [...items, ...keywordWords.filter((w) => !seen.has(w)).map((w) => ({ label: w, kind: CompletionItemKind.Keyword }))];
  });

  documents.listen(connection);
  connection.listen();
}

/** Starts the server on standard input and output (`playbook lsp`). */
export function startLanguageServer(): void {
  serve(createConnection(ProposedFeatures.all, new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout)));
}
