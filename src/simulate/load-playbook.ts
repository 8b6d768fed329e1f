/**
 * Reads a playbook file, checks it and compiles it into its rule graph.
 */
import { readFileSync } from 'node:fs';
import { checkSource } from '../check/index.js';
import { compileGraph } from '../graph/compile.js';
import type { RuleGraph } from '../graph/nodes.js';
import type { Diagnostic } from '../language/diagnostics.js';

export interface CompiledPlaybook {
  file: string;
  source: string;
  diagnostics: Diagnostic[];
  /** Null when the playbook has errors. */
  graph: RuleGraph | null;
}

/** Thrown when the playbook file cannot be read at all. */
export class PlaybookFileError extends Error {}

/**
 * Reads and compiles `file`.
 * @throws PlaybookFileError when the file is missing or unreadable.
 */
export function compilePlaybookFile(file: string): CompiledPlaybook {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new PlaybookFileError(code === 'ENOENT' ? `${file}: no such file` : code === 'EISDIR' ? `${file}: is a folder, not a playbook file` : `${file}: cannot be read (${code ?? 'unknown error'})`);
  }
  return compilePlaybookSource(file, source);
}

/** Compiles playbook text; `file` is only used in messages. */
export function compilePlaybookSource(file: string, source: string): CompiledPlaybook {
  const checked = checkSource(source.replace(/^\ufeff/, ''));
  const graph = checked.checked ? compileGraph(checked.checked, { ast: checked.ast, file }) : null;
  return { file, source, diagnostics: checked.diagnostics, graph };
}
