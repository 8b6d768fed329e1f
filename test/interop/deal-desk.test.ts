/**
 * examples/deal-desk: the committed rules.json is the current export of deal-desk.playbook,
 * and the program (plain json-rules-engine plus the package's fact module and operators)
 * reports the red lines a proposed deal trips. Expected values worked out by hand from the
 * list and floor prices in products.json. Runs dist/ (npm test builds it first).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exportJsonRulesEngine } from '../../src/interop/jre/index.js';
import { compilePlaybookFile } from '../../src/simulate/load-playbook.js';

const DIR = 'examples/deal-desk';

function desk(deal: unknown): { status: number | null; out: { red_lines: { red_line: string; effect: string; message: string }[]; discount: string | null } | null; stderr: string } {
  const r = spawnSync(process.execPath, [`${DIR}/deal-desk.mjs`], { input: JSON.stringify(deal), encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, out: r.stdout ? JSON.parse(r.stdout) : null, stderr: r.stderr };
}
const base = { id: 'Q-1', rep: 'Ann', product: 'Pro', stage: 'Open' };

describe('examples/deal-desk', () => {
  it('rules.json is the current export of deal-desk.playbook', () => {
    const graph = compilePlaybookFile(`${DIR}/deal-desk.playbook`).graph!;
    expect(JSON.parse(readFileSync(`${DIR}/rules.json`, 'utf8'))).toEqual(JSON.parse(JSON.stringify(exportJsonRulesEngine(graph))));
  });

  it('the sample deal: Pro at 3,700 is 1 − 3700/4821 ≈ 23.25% off and under the 3,900 floor', () => {
    const r = spawnSync(process.execPath, [`${DIR}/deal-desk.mjs`], { input: readFileSync(`${DIR}/deal.json`), encoding: 'utf8' });
    expect(r.status).toBe(2);
    const out = JSON.parse(r.stdout);
    expect(out.red_lines.map((l: { red_line: string }) => l.red_line)).toEqual(['deep-discount', 'below floor']);
    expect(out.red_lines[0]).toEqual({ red_line: 'deep-discount', effect: 'block', message: 'More than 20% below list price: no credit for this deal' });
    // 1121 / 4821 = 0.23252437253681808753370669985480190831777…, to 40 significant digits.
    expect(out.discount).toBe('0.2325243725368180875337066998548019083178');
  });

  it('exactly 20% off (3,856.80 of 4,821) is not a deep discount, but is under the floor', () => {
    const { status, out } = desk({ ...base, amount: '3856.80' });
    expect(status).toBe(2);
    expect(out!.discount).toBe('0.2');
    expect(out!.red_lines.map((l) => l.red_line)).toEqual(['below floor']);
  });

  it('list price trips nothing; a product without a floor is never under it; 100,000 goes to review', () => {
    expect(desk({ ...base, amount: 4821 }).status).toBe(0);
    const big = desk({ ...base, product: 'Enterprise', amount: '100000' });
    expect(big.out!.red_lines.map((l) => l.red_line)).toEqual(['large deal']);
  });

  it('a deal with no amount trips nothing (its discount is missing, never 0 or 100%)', () => {
    const { status, out } = desk(base);
    expect(status).toBe(0);
    expect(out!.discount).toBeNull();
  });

  it('refuses an unknown product, a misspelt field and an inexact number, saying why', () => {
    expect(desk({ ...base, product: 'Ultra', amount: '10' })).toMatchObject({ status: 1, stderr: expect.stringContaining('"Ultra" is not in the products table') });
    expect(desk({ ...base, ammount: '10' })).toMatchObject({ status: 1, stderr: expect.stringContaining('no field "ammount"') });
    expect(desk({ ...base, amount: 3856.8 })).toMatchObject({ status: 1, stderr: expect.stringContaining('write 3856.8 as text ("3856.8")') });
  });
});
