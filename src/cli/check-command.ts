/** `playbook check FILE`: every syntax and semantic finding, compiler style. */
import { checkSource } from '../check/index.js';
import { readPlaybookFile } from '../simulate/playbook-file.js';
import { setClosedPipeStatus } from './stdout-errors.js';

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
  const status = errors > 0 || (flags.strict && warnings > 0) ? 1 : 0;
  // A reader that stops early (`| head -1`) does not turn the verdict into success.
  setClosedPipeStatus(status);
  // The renderer is loaded only when there is a finding to print, and the display-width library (slow to
  // load: language/diagnostic-text.ts) only when a caret line is not plain ASCII; the text is the same.
  if (compiled.diagnostics.length > 0) {
    const { asciiWidth, renderDiagnostic } = await import('../language/diagnostic-text.js');
    let plain = true;
    let texts = compiled.diagnostics.map((d) => renderDiagnostic(d, file, compiled.source, (text) => asciiWidth(text) ?? ((plain = false), 0)));
    if (!plain) {
      const { default: stringWidth } = await import('string-width');
      texts = compiled.diagnostics.map((d) => renderDiagnostic(d, file, compiled.source, (text) => asciiWidth(text) ?? stringWidth(text)));
    }
    for (const text of texts) process.stdout.write(`${text}\n\n`);
  }
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (compiled.diagnostics.length === 0) process.stdout.write(`${file}: no problems found\n`);
  else process.stdout.write(`${file}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}${flags.strict && warnings > 0 ? ' (--strict: warnings count as errors)' : ''}\n`);
  return status;
}
