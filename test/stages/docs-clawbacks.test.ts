/**
 * docs/language.md, section 12c (clawbacks, minimums and caps): its playbook fragments check
 * clean together in a small scheme; the section names every code the lines can raise and every
 * conformance folder its worked examples come from (so a reader can run them).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { docsFragments } from './docs-section.js';
import { checkSource } from '../../src/check/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const { page, start, section, fragments } = docsFragments('12c.', '13.');

const SCHEME = `playbook "Docs"
  currency USD · time zone "UTC" · fiscal year starts January
  plan period 2026

table reps from "reps.csv"
  field rep_id text key

table deals from "deals.csv"
  field id     text key
  field rep    text lookup reps
  field stage  text
  field closed date "YYYY-MM-DD"
  field amount money
  won when stage = "Won"

table collections from "collections.csv"
  field deal   text lookup deals
  field date   date "YYYY-MM-DD"
  field amount money

credit deals when won to rep on closed amount amount

commission "orders commission" on credited per year marginal
  from 0 pay 10%
`;

describe('docs/language.md §12c', () => {
  it('is there, after 12b and before 13', () => {
    expect(start).toBeGreaterThan(page.indexOf('## 12b.'));
    expect(fragments.length).toBeGreaterThanOrEqual(1);
  });
  it('its fragments check clean together in a scheme', () => {
    const result = checkSource([SCHEME, ...fragments].join('\n'));
    expect(result.diagnostics.map((d) => `${d.code} ${d.span.line}:${d.span.column} ${d.message}`)).toEqual([]);
  });
  it('names the codes and the conformance folders of its worked examples', () => {
    expect(section).toContain('PB5301 to PB5310');
    for (const folder of ['clawback-earlier-period-tier', 'clawback-partial', 'clawback-staged-unpaid', 'clawback-window', 'minimum-then-reversal', 'caps-per-deal-and-year']) {
      expect(section).toContain(folder);
      expect(existsSync(join(ROOT, 'test/conformance', folder, 'expected.json'))).toBe(true);
    }
  });
});
