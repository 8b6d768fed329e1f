/** `simulate`'s terminal table fits 100 columns by default; `--wide` shows one column per payout component. */
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_DATA, KEY_ACCOUNT, playbook } from './helpers.js';

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
});
