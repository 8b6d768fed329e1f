/** `playbook check FILE`: every syntax and semantic finding, compiler style. */
import { checkSource } from '../check/index.js';
import { readPlaybookFile } from '../simulate/playbook-file.js';

export interface CheckFlags {
  strict?: boolean;
}

/** Prints findings; resolves to the exit status (0 clean, 1 findings). */
export async function runCheck(file: string, flags: CheckFlags): Promise<number> {
  // Checking needs no rule graph: stop after the checker (and skip loading the graph's schemas).
  const source = readPlaybookFile(file);
  const compiled = { source, diagnostics: checkSource(source.replace(/^\ufeff/, '')).diagnostics };
  const errors = compiled.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = compiled.diagnostics.length - errors;
  // The renderer (and its display-width library) is loaded only when there is a finding to print.
  if (compiled.diagnostics.length > 0) {
    const { formatDiagnostic } = await import('../language/format-diagnostic.js');
    for (const d of compiled.diagnostics) process.stdout.write(`${formatDiagnostic(d, file, compiled.source)}\n\n`);
  }
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (compiled.diagnostics.length === 0) process.stdout.write(`${file}: no problems found\n`);
  else process.stdout.write(`${file}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}${flags.strict && warnings > 0 ? ' (--strict: warnings count as errors)' : ''}\n`);
  return errors > 0 || (flags.strict && warnings > 0) ? 1 : 0;
}
