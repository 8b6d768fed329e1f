/**
 * `playbook compare` as a user runs it, on the bundled key-account example and a
 * proposal that lowers the margin floor, starts the doubled rate at 90% of the floor
 * target and pays the top 20% of the monthly ranking 30,000.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import stringWidth from 'string-width';
import { afterAll, describe, expect, it } from 'vitest';
import { EXAMPLE_DATA, KEY_ACCOUNT, playbook, removeTempDirs, tempDir } from '../cli/helpers.js';

const PROPOSAL = 'playbooks/key-account-proposal.playbook';
const cents = (text: string): bigint => {
  const m = /^(-?)(\d+)\.(\d{2})$/.exec(text);
  if (!m) throw new Error(`not money: ${text}`);
  return (m[1] ? -1n : 1n) * (BigInt(m[2]) * 100n + BigInt(m[3]));
};

describe('playbook compare', () => {
  afterAll(removeTempDirs);
  const table = playbook('compare', KEY_ACCOUNT, PROPOSAL, '--data', EXAMPLE_DATA, '--threshold', '5%');
  const json = playbook('compare', KEY_ACCOUNT, PROPOSAL, '--data', EXAMPLE_DATA, '--format', 'json');

  it('prints a report that fits 100 columns, in the analyst’s words', () => {
    expect(table.status, table.stderr).toBe(0);
    const widest = Math.max(...table.stdout.split('\n').map((l) => stringWidth(l)));
    expect(widest).toBeLessThanOrEqual(100);
    // Long lines wrap onto indented continuation lines: read them joined.
    const text = table.stdout.replace(/\n {3,}/g, ' ');
    expect(text).toContain('red line "margin floor": when won and margin < 15% (was won and margin < 20%)');
    expect(text).toContain('commission "orders commission": the band paying 2 × base starts at 90% of floor (was 100% of floor)');
    expect(text).toContain('ranking "monthly ranking": top 20% reward 30,000 (was 30% reward 20,000)');
    expect(table.stdout).toContain('Winners and losers (a change of at least 5% of A\'s payout)');
    expect(table.stdout).toMatch(/D0297 {2}R03 +500,000\.00 {2}blocked by margin floor +credited/);
  });

  it('--wide shows attainment and cost of sales under each plan', () => {
    const wide = playbook('compare', KEY_ACCOUNT, PROPOSAL, '--data', EXAMPLE_DATA, '--wide');
    expect(wide.status).toBe(0);
    expect(wide.stdout).toContain('floor att. A');
    expect(wide.stdout).toContain('CoS B');
    expect(Math.max(...wide.stdout.split('\n').map((l) => stringWidth(l)))).toBeGreaterThan(100);
  });

  it('json: every rep’s attribution adds up to its difference, and the differences to the total', () => {
    expect(json.status, json.stderr).toBe(0);
    const c = JSON.parse(json.stdout) as {
      reps: { rep: string; a: { payout: string; credited: string; attainment: Record<string, string> }; b: { payout: string }; difference: string; attribution: { amount: string }[] }[];
      totals: { a: { total_cost: string }; b: { total_cost: string }; difference: string };
      deals: { id: string; a: { fate: string }; b: { fate: string } }[];
    };
    let total = 0n;
    for (const r of c.reps) {
      expect(cents(r.b.payout) - cents(r.a.payout), r.rep).toBe(cents(r.difference));
      expect(r.attribution.reduce((s, p) => s + cents(p.amount), 0n), r.rep).toBe(cents(r.difference));
      total += cents(r.difference);
    }
    expect(total).toBe(cents(c.totals.difference));
    expect(cents(c.totals.b.total_cost) - cents(c.totals.a.total_cost)).toBe(total);
    // R02's floor attainment: credited ÷ its floor target (reps.csv), to 4 places.
    const r02 = c.reps.find((r) => r.rep === 'R02')!;
    const floor = readFileSync(join(EXAMPLE_DATA, 'reps.csv'), 'utf8').split('\n').find((l) => l.startsWith('R02,'))!;
    expect(floor).toBeDefined();
    expect(r02.a.attainment.floor).toMatch(/^\d+\.\d{4}$/);
    expect(c.deals.filter((d) => d.a.fate !== d.b.fate).map((d) => d.id).sort()).toEqual(['D0130', 'D0176', 'D0212', 'D0217', 'D0297', 'D0394']);
  });

  it('csv: one row per rep with a column per component that moved', () => {
    const csv = playbook('compare', KEY_ACCOUNT, PROPOSAL, '--data', EXAMPLE_DATA, '--format', 'csv');
    expect(csv.status).toBe(0);
    const [header, ...rows] = csv.stdout.trimEnd().split('\n');
    expect(header).toContain('rep,payout_a,payout_b,difference,change,verdict,credited_a,credited_b');
    expect(header).toContain('change_monthly ranking');
    expect(rows).toHaveLength(24);
  });

  it('--min-group merges small groups and names no rep', () => {
    const run = playbook('compare', KEY_ACCOUNT, PROPOSAL, '--data', EXAMPLE_DATA, '--threshold', '5%', '--min-group', '5');
    expect(run.status).toBe(0);
    expect(run.stdout).not.toMatch(/\bR\d\d\b/);
    // 1 loser, 21 unchanged, 2 winners: both small groups are merged into the unchanged one.
    expect(run.stdout).toContain('losers + unchanged + winners: 24 reps');
    const j = JSON.parse(playbook('compare', KEY_ACCOUNT, PROPOSAL, '--data', EXAMPLE_DATA, '--format', 'json', '--min-group', '5').stdout) as { reps: unknown; groups: { reps: number }[] };
    expect(j.reps).toBeNull();
    expect(j.groups.every((g) => g.reps >= 5)).toBe(true);
  });

  it('refuses a threshold it cannot read, and an --out that is one of the playbooks', () => {
    const bad = playbook('compare', KEY_ACCOUNT, PROPOSAL, '--data', EXAMPLE_DATA, '--threshold', 'five');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--threshold must be a percent such as 5% or an amount such as 1,000, not "five"');
    const dir = tempDir();
    const copy = join(dir, 'b.playbook');
    writeFileSync(copy, readFileSync(PROPOSAL, 'utf8'));
    const over = playbook('compare', KEY_ACCOUNT, copy, '--data', EXAMPLE_DATA, '--out', copy);
    expect(over.status).toBe(2);
    expect(readFileSync(copy, 'utf8')).toBe(readFileSync(PROPOSAL, 'utf8'));
  });
});
