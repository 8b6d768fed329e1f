/** `playbook audit FILE --data DIR`: the red lines the scheme's history trips, record by record. */
import { formatDiagnostic } from '../language/diagnostics.js';
import { audit } from '../simulate/audit.js';
import { compilePlaybookFile } from '../simulate/load-playbook.js';
import { formatAuditCsv, formatAuditJson, formatAuditTable } from '../simulate/report-audit.js';
import { BadRowsError } from '../simulate/simulate.js';
import { UsageError } from './errors.js';
import { emit, say } from './output.js';
import { reportBadRows, requireDataFolder } from './simulate-command.js';

export interface AuditFlags {
  data: string;
  format: string;
  out?: string;
  skipBadRows?: boolean;
}

const formats = ['table', 'json', 'csv'];

/** Exit status 0 when the audit ran (violations are findings to read, not failures); 1 for playbook errors; 2 for bad rows. */
export function runAudit(file: string, flags: AuditFlags): number {
  if (!formats.includes(flags.format)) throw new UsageError(`--format must be one of ${formats.join(', ')}, not "${flags.format}"`);
  requireDataFolder(flags.data);
  const compiled = compilePlaybookFile(file);
  if (!compiled.graph) {
    for (const d of compiled.diagnostics) say(formatDiagnostic(d, file, compiled.source));
    say(`${file}: fix the errors above, then run audit again (playbook check ${file} lists them too)`);
    return 1;
  }
  try {
    const result = audit(compiled.graph, file, flags.data, { skipBadRows: flags.skipBadRows ?? false });
    const text = flags.format === 'json' ? formatAuditJson(result) : flags.format === 'csv' ? formatAuditCsv(result) : formatAuditTable(result);
    emit(text, flags.out);
    if (result.rejectedRows.length > 0) say(`${result.rejectedRows.length} bad row(s) were skipped and not audited; they are listed in the report`);
    return 0;
  } catch (e) {
    if (!(e instanceof BadRowsError)) throw e;
    return reportBadRows(e);
  }
}
