/**
 * The json-rules-engine export of playbooks/maven-crm-2017.playbook run over every deal of
 * the real Maven CRM export: the exported `deep-discount` rule flags exactly the 92 deals
 * `audit` lists, and the must-win rule exactly the 45 lost deals on must-win accounts it lists.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decider, exportJsonRulesEngine } from '../../src/interop/jre/index.js';
import { audit } from '../../src/simulate/audit.js';
import { compilePlaybookFile } from '../../src/simulate/load-playbook.js';
import { auditJson } from '../../src/simulate/report-audit.js';
import { csvRecords } from './csv-records.js';

const DATA = '../shared/data/maven-crm';
const PLAYBOOK = 'playbooks/maven-crm-2017.playbook';

describe.skipIf(!existsSync(DATA))('json-rules-engine export on the Maven CRM export', () => {
  const graph = compilePlaybookFile(PLAYBOOK).graph!;
  const doc = exportJsonRulesEngine(graph);
  const table = (name: string) => graph.tables.find((t) => t.name === name)!;

  it('deep-discount flags exactly the deals audit lists (92), must-win exactly its lost deals (45)', async () => {
    const listed = auditJson(audit(graph, PLAYBOOK, DATA)) as { records: { redline: string; deal: string }[] };
    const decide = decider(doc, 'deals', { products: csvRecords(DATA, table('products')), accounts: csvRecords(DATA, table('accounts')), reps: csvRecords(DATA, table('reps')) });
    const flagged = new Map<string, string[]>();
    for (const deal of csvRecords(DATA, table('deals'))) {
      for (const e of await decide(deal)) {
        if (e.type !== 'red-line') continue;
        const id = String(e.params.redline);
        flagged.set(id, [...(flagged.get(id) ?? []), String(deal.id)]);
      }
    }
    const audited = (id: string) => listed.records.filter((r) => r.redline === id).map((r) => r.deal).sort();
    expect(audited('deep-discount')).toHaveLength(92);
    expect(flagged.get('deep-discount')!.sort()).toEqual(audited('deep-discount'));
    // audit scans the whole data, as the exported rules do: the same lost deals on must-win accounts.
    expect(audited('must-win accounts')).toHaveLength(45);
    expect(flagged.get('must-win accounts')!.sort()).toEqual(audited('must-win accounts'));
  }, 120_000);

  it('lists what it cannot export, with the reason', () => {
    expect(doc.notExported.map((n) => n.id)).toEqual(['commission:commission', 'bonus:strategic', 'ranking:ranking', 'payout']);
    expect(doc.notExported.find((n) => n.id === 'bonus:strategic')!.reason).toMatch(/first credited per/);
  });
});
