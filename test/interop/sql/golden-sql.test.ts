/**
 * The SQL a few small playbooks compile to, per dialect, kept as reviewed files under golden/
 * (`playbook compile FILE --target sql --dialect D` prints the same). A change to the SQL shows
 * up as a diff to review; PLAYBOOK_UPDATE_GOLDEN=1 rewrites the files after such a review.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileToSql, formatSqlProgram } from '../../../src/interop/sql/index.js';
import { compilePlaybookFile } from '../../../src/simulate/load-playbook.js';

const PLAYBOOKS = {
  'marginal-vs-retroactive': 'test/conformance/commission-marginal-vs-retroactive/scheme.playbook',
  'strategic-first-deal': 'test/conformance/bonus-strategic-first-deal/scheme.playbook',
  'quotas': 'test/conformance/quotas/scheme.playbook',
  'quota-accelerator': 'test/conformance/commission-domain-example-double/scheme.playbook',
};

describe('golden SQL', () => {
  for (const [name, file] of Object.entries(PLAYBOOKS)) {
    for (const dialect of ['duckdb', 'spark'] as const) {
      it(`${name} in ${dialect}`, () => {
        const compiled = compilePlaybookFile(file);
        const sql = formatSqlProgram(compileToSql(compiled.graph!, { dialect, source: compiled.source, materialize: dialect === 'duckdb' }), compiled.graph!);
        const golden = `test/interop/sql/golden/${name}.${dialect}.sql`;
        if (process.env.PLAYBOOK_UPDATE_GOLDEN === '1' || !existsSync(golden)) writeFileSync(golden, sql);
        expect(sql).toBe(readFileSync(golden, 'utf8'));
      });
    }
  }
});
