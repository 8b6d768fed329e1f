/** `playbook audit … --format csv` end to end (one spawn). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../src/simulate/audit.js';
import { compilePlaybookFile } from '../../src/simulate/load-playbook.js';
import { formatAuditCsv } from '../../src/simulate/report-audit.js';
import { EXAMPLE_DATA, KEY_ACCOUNT, KEY_ACCOUNT_NOTE, ROOT, TIMEOUT, playbook } from '../cli/helpers.js';

describe('playbook audit', () => {
  it(
    'audit key-account.playbook --format csv: exit 0, a header, one row per offending record',
    () => {
      const run = playbook('audit', KEY_ACCOUNT, '--data', EXAMPLE_DATA, '--format', 'csv');
      expect(run.stderr).toBe(KEY_ACCOUNT_NOTE);
      expect(run.status).toBe(0);
      const lines = run.stdout.trimEnd().split('\n');
      expect(lines[0]).toBe('red_line,effect,rep,account,deal_id,activity_id,stage,date,month,amount,credit_blocked,source');
      expect(lines.length).toBeGreaterThan(1);
      // Same text as the library call.
      const lib = audit(compilePlaybookFile(join(ROOT, KEY_ACCOUNT)).graph!, KEY_ACCOUNT, join(ROOT, EXAMPLE_DATA));
      expect(run.stdout).toBe(formatAuditCsv(lib));
      // Every row points at the physical line of its deal (deals.csv) or activity (activities.csv),
      // whose first column is the record's id.
      const fileLines = (name: string) => readFileSync(join(ROOT, EXAMPLE_DATA, name), 'utf8').split('\n');
      const physical: Record<string, string[]> = { 'deals.csv': fileLines('deals.csv'), 'activities.csv': fileLines('activities.csv') };
      const redlines = new Set<string>();
      for (const row of lines.slice(1)) {
        const cells = row.split(',');
        redlines.add(cells[0]);
        const [file, line] = cells[cells.length - 1].split(':');
        const id = file === 'deals.csv' ? cells[4] : cells[5];
        expect(id).not.toBe('');
        expect(physical[file][Number(line) - 1].startsWith(`${id},`)).toBe(true);
      }
      expect([...redlines]).toEqual(['margin floor', 'must-win accounts', 'anti-bribery']);
    },
    TIMEOUT,
  );
});
