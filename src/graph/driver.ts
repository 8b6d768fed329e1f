/**
 * The compile driver: playbook text → parse → check → rule graph, in one call. Below every
 * command that runs a playbook; `playbook check` stops after the checker (see `checkSource`).
 */
import { checkSource } from '../check/index.js';
import type { Diagnostic } from '../language/diagnostics.js';
import { compileGraph } from './compile.js';
import type { RuleGraph } from './nodes.js';

export interface CompiledPlaybook {
  file: string;
  source: string;
  /** Every error and warning, sorted by position. */
  diagnostics: Diagnostic[];
  /** Null when the playbook has errors. */
  graph: RuleGraph | null;
}

/** Compiles playbook text; `file` names it in messages and in the nodes' source spans. */
export function compilePlaybookSource(file: string, source: string): CompiledPlaybook {
  const checked = checkSource(source.replace(/^\ufeff/, ''));
  const graph = checked.checked ? compileGraph(checked.checked, { ast: checked.ast, file }) : null;
  return { file, source, diagnostics: checked.diagnostics, graph };
}
