/**
 * Reads a playbook file, checks it and compiles it into its rule graph: the file reading of
 * `playbook-file.ts` in front of the compile driver of `src/graph/driver.ts`.
 */
import { type CompiledPlaybook, compilePlaybookSource } from '../graph/driver.js';
import { readPlaybookFile } from './playbook-file.js';

export { type CompiledPlaybook, compilePlaybookSource } from '../graph/driver.js';
export { MAX_PLAYBOOK_BYTES, PlaybookFileError, readPlaybookFile } from './playbook-file.js';

/**
 * Reads and compiles `file`.
 * @throws PlaybookFileError when the file is missing, not a regular file, too large or not UTF-8.
 */
export function compilePlaybookFile(file: string): CompiledPlaybook {
  return compilePlaybookSource(file, readPlaybookFile(file));
}
