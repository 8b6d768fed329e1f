/**
 * The verify report: one line per property, and for a failed one its minimal
 * counterexample as small CSV tables, written where `simulate` can re-run them.
 */
import { join } from 'node:path';
import type { RuleGraph } from '../../graph/nodes.js';
import { writeHistory } from './history.js';
import type { PropertyResult } from './index.js';

const marks = { holds: '✓', fails: '✗', skipped: '–' };

/** Writes each counterexample under `outDir/<property>/<label>/`; returns the report text. */
export function formatVerify(graph: RuleGraph, playbookFile: string, results: PropertyResult[], outDir: string): string {
  const out: string[] = [`${graph.playbook.name} — property checks over generated histories`, ''];
  for (const r of results) {
    out.push(`${marks[r.status]} ${r.property}: ${r.statement}`);
    out.push(`    ${r.detail}`);
    if (r.largestGain && r.status === 'fails') out.push(`    largest timing gain seen: ${r.largestGain.detail}`);
    if (r.counterexample) {
      const slug = r.property.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase();
      for (const c of r.counterexample) {
        const dir = join(outDir, slug, c.label);
        const files = writeHistory(graph, c.history, dir);
        out.push(`    ${c.label}: npx playbook simulate ${playbookFile} --data ${dir}`);
        for (const f of files) {
          if (f.text.split('\n').length <= 2 && !f.file.includes('deal')) continue;
          out.push(`      ${f.file}`);
          for (const line of f.text.trimEnd().split('\n')) out.push(`        ${line}`);
        }
      }
    }
    out.push('');
  }
  const failed = results.filter((r) => r.status === 'fails').length;
  out.push(failed === 0 ? 'All properties hold.' : `${failed} propert${failed === 1 ? 'y fails' : 'ies fail'}.`);
  return `${out.join('\n')}\n`;
}
