/**
 * A diagnostic rendered for a terminal, compiler style (diagnostic-text.ts), its caret placed by
 * string-width's display width. Its own module because loading string-width costs about a tenth of a
 * small check's instructions (it builds an `Intl.Segmenter`): `playbook check` renders with
 * diagnostic-text.ts directly and loads string-width only for a caret line that is not plain ASCII.
 */
import stringWidth from 'string-width';
import type { Diagnostic } from './diagnostics.js';
import { renderDiagnostic } from './diagnostic-text.js';
export { visible } from './diagnostic-text.js';

/**
 * Renders one diagnostic the way compilers do:
 * ```
 * file:line:col: error PB2001: message
 *   12 |   when won and discont > 20%
 *      |                ^^^^^^^
 *   hint: did you mean "discount"?
 * ```
 */
export function formatDiagnostic(d: Diagnostic, file: string, source: string): string {
  return renderDiagnostic(d, file, source, stringWidth);
}
