/**
 * The verify report: one line per property, and for a failed one its minimal
 * counterexample as small CSV tables, written where `simulate` can re-run them.
 */
import { join } from 'node:path';
import type { RuleGraph } from '../../graph/nodes.js';
import type { InputFile } from '../files/index.js';
import { writeHistory } from './history.js';
import type { PropertyResult } from './index.js';

const marks = { holds: '✓', fails: '✗', skipped: '–' };

/**
 * Writes each counterexample under `outDir/<property>/<label>/` (never over a file in
 * `reads`, the files the run reads); returns the report text.
 * @throws OutputFileError when a counterexample file must not or cannot be written.
 */
export function formatVerify(graph: RuleGraph, playbookFile: string, results: PropertyResult[], outDir: string, reads: readonly InputFile[] = []): string {
  const out: string[] = [`${graph.playbook.name} — property checks over generated histories`, ''];
  for (const r of results) {
    out.push(`${marks[r.status]} ${r.property}: ${r.statement}`);
    out.push(`    ${r.detail}`);
    if (r.largestGain && r.status === 'fails') out.push(`    largest timing gain seen: ${r.largestGain.detail}`);
    if (r.counterexample) {
      const slug = r.property.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase();
      for (const c of r.counterexample) {
        const dir = join(outDir, slug, c.label);
        const files = writeHistory(graph, c.history, dir, reads);
        out.push(`    ${c.label}: npx playbook simulate ${playbookFile} --data ${dir}`);
        for (const f of files) {
          if (f.text.split('\n').length <= 2 && !f.file.includes('deal')) continue;
          out.push(`      ${f.file}${f.file === f.declared ? '' : ` (the playbook reads "${f.declared}"; written under a plain file name inside the folder)`}`);
          for (const line of f.text.trimEnd().split('\n')) out.push(`        ${line}`);
        }
      }
    }
    out.push('');
  }
  const failed = results.filter((r) => r.status === 'fails').length;
  const held = results.filter((r) => r.status === 'holds').length;
  const notTested = results.length - failed - held;
  const tail = notTested > 0 ? ` (${notTested} not tested)` : '';
  out.push(failed === 0 ? `No property failed: ${held} held${tail}. Passing is evidence on the histories tried, not a proof.` : `${failed} propert${failed === 1 ? 'y fails' : 'ies fail'}; ${held} held${tail}.`);
  return `${out.join('\n')}\n`;
}
