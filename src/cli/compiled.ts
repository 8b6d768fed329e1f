/**
 * The step every running command shares: compile the playbook, or print its
 * errors with how to go on; note its warnings (check lists them).
 */
import type { RuleGraph } from '../graph/nodes.js';
import { formatDiagnostic } from '../language/format-diagnostic.js';
import { filesRead, type InputFile } from '../simulate/files/index.js';
import { compilePlaybookFile } from '../simulate/load-playbook.js';
import { guardOut, say } from './output.js';

/** The rule graph of `file`, or null after printing its errors on standard error. */
export function compileOrSay(file: string, verb: string): RuleGraph | null {
  const compiled = compilePlaybookFile(file);
  if (!compiled.graph) {
    for (const d of compiled.diagnostics) say(formatDiagnostic(d, file, compiled.source));
    say(`${file}: fix the errors above, then run ${verb} again (playbook check ${file} lists them too)`);
    return null;
  }
  const warnings = compiled.diagnostics.filter((d) => d.severity === 'warning').length;
  if (warnings > 0 && verb !== 'compile') say(`note: ${file} has ${warnings} warning${warnings === 1 ? '' : 's'}; playbook check ${file} lists ${warnings === 1 ? 'it' : 'them'}`);
  return compiled.graph;
}

/** A compiled playbook ready to run, with every file the run reads. */
export interface RunnablePlaybook {
  graph: RuleGraph;
  /** The playbook and each table file in `--data`: no output may be written over them. */
  reads: InputFile[];
}

/**
 * {@link compileOrSay}, then refuses an `--out` that is a file the run reads, before
 * any work is done (the data are read only later).
 * @throws OutputFileError when `out` is the playbook or one of its data files, or cannot be a file.
 */
export function compileForRun(file: string, verb: string, flags: { data?: string; out?: string }): RunnablePlaybook | null {
  const graph = compileOrSay(file, verb);
  if (!graph) return null;
  const reads = filesRead(file, graph, flags.data);
  guardOut(flags.out, reads);
  return { graph, reads };
}
