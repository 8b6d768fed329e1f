/** docs/api.md's runnable example works as written, through the package's own exports map. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_DATA, KEY_ACCOUNT, ROOT, playbook } from './helpers.js';

describe('examples/api/payouts.mjs', () => {
  it("prints each rep's payout and the total, as simulate --format json does", () => {
    const run = spawnSync(process.execPath, ['examples/api/payouts.mjs'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const json = JSON.parse(playbook('simulate', KEY_ACCOUNT, '--data', EXAMPLE_DATA, '--format', 'json').stdout);
    const lines = run.stdout.split('\n');
    for (const rep of json.reps) expect(lines).toContain(`${rep.rep}\t${rep.payout} CNY`);
    expect(lines).toContain(`total\t${json.totals.payout} CNY`);
  });
});
