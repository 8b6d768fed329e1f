/**
 * A percent complete outside 0%–100% in the progress table (an export error, such as 120% or
 * -5%) is counted as 100% or releases nothing, and the run says so once, with the first line.
 * Fixture: test/conformance/stages-held-and-completion, its progress file edited here.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadDatasetTexts } from '../../src/data/index.js';
import { evaluate } from '../../src/runtime/evaluate.js';
import type { TableLike } from '../../src/runtime/values.js';
import { compilePlaybookSource } from '../../src/simulate/load-playbook.js';

const DIR = fileURLToPath(new URL('../conformance/stages-held-and-completion/', import.meta.url));
const graph = compilePlaybookSource('scheme.playbook', readFileSync(join(DIR, 'scheme.playbook'), 'utf8')).graph!;
const files = Object.fromEntries(readdirSync(DIR).filter((f) => f.endsWith('.csv')).map((f) => [f, readFileSync(join(DIR, f), 'utf8')]));

function warningsWith(progress: string): string[] {
  const texts: Record<string, string> = { ...files, 'progress.csv': progress };
  const data = loadDatasetTexts(graph.tables, (schema) => texts[schema.file], { timeZone: 'UTC' });
  expect(data.rejected).toEqual([]);
  return evaluate(graph, data.tables as unknown as Map<string, TableLike>).warnings;
}

describe('progress outside 0% to 100%', () => {
  it('is named once, with its first line and value', () => {
    const w = warningsWith('deal,date,percent_complete\nC1,2026-04-30,25%\nC1,2026-07-31,-5%\nC1,2026-09-30,120%\n');
    expect(w.filter((x) => x.startsWith('progress.csv'))).toEqual(['progress.csv: 2 rows report a percent outside 0% to 100% (line 3: -5%); above 100% counts as 100%, below 0% releases nothing']);
  });
  it('says nothing when every value is within 0% to 100%', () => {
    expect(warningsWith(files['progress.csv']).filter((x) => x.startsWith('progress.csv'))).toEqual([]);
  });
});

describe('a date far after the plan period', () => {
  it('is named with its line, because it would become the end of the data and count everything as paid', () => {
    // 2062-09-30 typed for 2026-09-30: line 4 of the file (the header is line 1).
    const w = warningsWith('deal,date,percent_complete\nC1,2026-04-30,25%\nC1,2026-07-31,60%\nC1,2062-09-30,100%\n');
    expect(w.filter((x) => x.startsWith('progress.csv'))).toEqual([
      'progress.csv: line 4 is dated 2062-09-30, more than a year after the plan period ends (2026-12-31), and that day becomes the end of the data: every stage payable by then counts as paid. If the date is a typing error, correct it',
    ]);
  });
  it('says nothing for dates within a year of the plan period (cash collected in the next spring)', () => {
    const w = warningsWith('deal,date,percent_complete\nC1,2026-04-30,25%\nC1,2027-12-31,100%\n');
    expect(w.filter((x) => x.startsWith('progress.csv'))).toEqual([]);
  });
});
