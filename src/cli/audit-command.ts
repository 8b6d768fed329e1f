/** `playbook audit FILE --data DIR`: the red lines the scheme's history trips, record by record. */
import { auditSimulation } from '../simulate/audit.js';
import { formatAuditTable, writeAuditCsv, writeAuditJson } from '../simulate/report-audit.js';
import { BadRowsError, simulate } from '../simulate/simulate.js';
import { compileForRun } from './compiled.js';
import { collectGarbage } from './full-collection.js';
import { UsageError } from './errors.js';
import { emit, emitStreamed, say } from './output.js';
import { runProgress } from './progress.js';
import { reportBadRows, requireDataFolder } from './simulate-command.js';

export interface AuditFlags {
  data: string;
  format: string;
  out?: string;
  skipBadRows?: boolean;
}

const formats = ['table', 'json', 'csv', 'html'];

/** Exit status 0 when the audit ran (violations are findings to read, not failures); 1 for playbook errors; 2 for bad rows. */
export async function runAudit(file: string, flags: AuditFlags): Promise<number> {
  if (!formats.includes(flags.format)) throw new UsageError(`--format must be one of ${formats.join(', ')}, not "${flags.format}"`);
  requireDataFolder(flags.data);
  const run = compileForRun(file, 'audit', flags);
  if (!run) return 1;
  const { graph, reads } = run;
  const progress = runProgress('audit');
  try {
    const sim = simulate(graph, file, flags.data, { skipBadRows: flags.skipBadRows ?? false, progress: progress.hooks });
    // The audit's records are kept on top of the evaluation's garbage unless it is collected (full-collection.ts).
    collectGarbage();
    const result = auditSimulation(sim);
    if (flags.format === 'json' || flags.format === 'csv') {
      // One line per offending record: written as it is produced, never built as one string.
      const write = flags.format === 'json' ? writeAuditJson : writeAuditCsv;
      // Progress of the writing only when the report does not go to the same terminal.
      if (flags.out === undefined && process.stdout.isTTY) progress.stop();
      emitStreamed((sink) => write(result, sink), flags.out, reads, progress.written);
    } else {
      progress.stop();
      // The HTML report (and its charting library) is loaded only when asked for.
      const text = flags.format === 'html' ? await (await import('../simulate/html/audit.js')).formatAuditHtml(result) : formatAuditTable(result);
      emit(text, flags.out, reads);
    }
    progress.stop();
    if (result.rejectedRows.length > 0) say(`${result.rejectedRows.length} bad row${result.rejectedRows.length === 1 ? " was" : "s were"} left out and not audited; they are listed in the report`);
    return 0;
  } catch (e) {
    if (!(e instanceof BadRowsError)) throw e;
    return reportBadRows(e);
  } finally {
    progress.stop();
  }
}
