/** `playbook fmt FILE… [--check|--write|--diff]`: the canonical layout of playbooks. */
import { lineDiff } from '../language/format/diff.js';
import { FormatError, formatPlaybook } from '../language/format/format.js';
import { readPlaybookFile } from '../simulate/load-playbook.js';
import { writeFileAtomic } from '../simulate/files/atomic-write.js';
import { UsageError } from './errors.js';
import { say } from './output.js';

export interface FmtFlags {
  check?: boolean;
  write?: boolean;
  diff?: boolean;
}

/**
 * `formatted` (lines ended by LF) with the line endings of `text`, the file as written: CRLF when its
 * first line ends so. A file saved on Windows keeps its CRLF, and `--check` does not call a formatted
 * one unformatted for its line endings alone (a diff of no visible change).
 */
function withLineEndingsOf(text: string, formatted: string): string {
  const firstBreak = text.indexOf('\n');
  return firstBreak > 0 && text[firstBreak - 1] === '\r' ? formatted.replace(/\n/g, '\r\n') : formatted;
}

/**
 * Without a flag, prints the formatted text; `--write` rewrites files that are not formatted;
 * `--diff` prints what would change; `--check` prints that diff and exits 1 if any file is not
 * formatted. Exit 2 when a file cannot be read or has syntax errors.
 */
export function runFmt(files: string[], flags: FmtFlags): number {
  if ([flags.check, flags.write, flags.diff].filter(Boolean).length > 1) throw new UsageError('use one of --check, --write and --diff');
  let unformatted = 0;
  let broken = 0;
  for (const file of files) {
    // Tests beside a plan have their own syntax (playbook test); fmt lays out plans only.
    if (file.endsWith('.tests.playbook')) {
      say(`${file}: skipped: fmt lays out plans; tests files (*.tests.playbook) are left as written`);
      continue;
    }
    const text = readPlaybookFile(file);
    let formatted: string;
    try {
      formatted = withLineEndingsOf(text, formatPlaybook(text));
    } catch (e) {
      if (!(e instanceof FormatError)) throw e;
      say(`${file}: ${e.message}`);
      broken++;
      continue;
    }
    if (flags.write) {
      if (formatted !== text) writeFileAtomic(file, formatted);
    } else if (flags.check || flags.diff) {
      const diff = lineDiff(file, text, formatted);
      if (diff) {
        unformatted++;
        process.stdout.write(diff);
      }
    } else process.stdout.write(formatted);
  }
  if (flags.check && unformatted > 0) say(`${unformatted} file${unformatted === 1 ? ' is' : 's are'} not formatted; run playbook fmt --write to format ${unformatted === 1 ? 'it' : 'them'}`);
  return broken > 0 ? 2 : flags.check && unformatted > 0 ? 1 : 0;
}
