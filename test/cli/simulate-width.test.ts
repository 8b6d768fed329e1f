/** `simulate`'s terminal table fits 100 columns by default; `--wide` shows one column per payout component. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_DATA, KEY_ACCOUNT, ROOT, playbook } from './helpers.js';

describe('simulate --format table width', () => {
  it('fits 100 columns: components added up by kind, with a legend', () => {
    const r = playbook('simulate', KEY_ACCOUNT, '--data', EXAMPLE_DATA);
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(Math.max(...lines.map((l) => stringWidth(l)))).toBeLessThanOrEqual(100);
    expect(lines[2].split(/\s{2,}/)).toEqual(['Rep', 'Credited', 'Commission', 'Bonuses', 'Ranking', 'Forfeited', 'Payout']);
    expect(r.stdout).toContain('Columns: Commission = orders commission + over-target reward; Bonuses = strategic breakthrough +');
  });
  it('--wide: one column per component, as the playbook names them', () => {
    const r = playbook('simulate', KEY_ACCOUNT, '--data', EXAMPLE_DATA, '--wide');
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[2].split(/\s{2,}/)).toEqual(['Rep', 'Deals', 'Credited', 'orders commission', 'over-target reward', 'strategic breakthrough', 'margin share', 'monthly ranking', 'Forfeited', 'Payout']);
  });
  it('a rule name of 100 characters is shortened in the legend and the forfeits as in findings (first 40 … last 12)', () => {
    const long = `margin share ${'x'.repeat(74)} for the year`;
    expect([...long].length).toBe(100);
    const file = join(mkdtempSync(join(tmpdir(), 'pb-legend-')), 'long.playbook');
    writeFileSync(file, readFileSync(join(ROOT, KEY_ACCOUNT), 'utf8').replaceAll('"margin share"', `"${long}"`));
    const r = playbook('simulate', file, '--data', EXAMPLE_DATA);
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain(long);
    const shown = `${long.slice(0, 40)}…${long.slice(-12)}`;
    expect(r.stdout.replace(/\n\s+/g, ' ')).toContain(`strategic breakthrough + ${shown}`);
    // The forfeits listed under the table too (R01 loses its margin share to the must-win red line).
    expect(r.stdout).toMatch(new RegExp(`\\n  R01: ${shown} [0-9,.]+ \\(must-win accounts\\)\\n`));
  });
});
