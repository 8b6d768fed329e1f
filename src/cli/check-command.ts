/** `playbook check FILE`: every syntax and semantic finding, compiler style. */
import { formatDiagnostic } from '../language/diagnostics.js';
import { compilePlaybookFile } from '../simulate/load-playbook.js';

export interface CheckFlags {
  strict?: boolean;
}

/** Prints findings; returns the exit status (0 clean, 1 findings). */
export function runCheck(file: string, flags: CheckFlags): number {
  const compiled = compilePlaybookFile(file);
  const errors = compiled.diagnostics.filter((d) => d.severity === 'error' || flags.strict).length;
  for (const d of compiled.diagnostics) process.stdout.write(`${formatDiagnostic(d, file, compiled.source)}\n\n`);
  const warnings = compiled.diagnostics.length - errors;
  if (compiled.diagnostics.length === 0) process.stdout.write(`${file}: no problems found\n`);
  else process.stdout.write(`${file}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}\n`);
  return errors > 0 ? 1 : 0;
}
