/**
 * A ranking rewards its top group only for a measure above zero (docs/language.md, rankings): a rep
 * who sold nothing is not rewarded because few reps sold that month. The rep's line says so, in both
 * engines, so a hand check of the group size (⌈n × P%⌉) is not left wondering.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { playbook, removeTempDirs, tempDir } from './helpers.js';
import { smallScheme } from '../helpers/small-scheme.js';

afterAll(removeTempDirs);

describe('a ranking whose top group holds reps with nothing credited', () => {
  const dir = tempDir();
  const scheme = smallScheme({ name: 'Ranking', rules: 'ranking "monthly" per month by credited\n  top 30% reward 200\n  only periods with credited deals\n\n' });
  writeFileSync(join(dir, 'scheme.playbook'), scheme);
  writeFileSync(join(dir, 'reps.csv'), 'rep\nAnn\nBen\nCat\nDan\n');
  writeFileSync(join(dir, 'deals.csv'), 'id,rep,stage,close_date,amount\nD1,Ann,Won,2017-03-10,5\n');

  for (const engine of [[], ['--engine', 'duckdb']]) {
    it(`rewards only Ann, and says why Ben (rank 2 of the top ⌈4 × 30%⌉ = 2) is not rewarded${engine.length ? ' (DuckDB)' : ''}`, () => {
      const run = playbook('simulate', join(dir, 'scheme.playbook'), '--data', dir, '--format', 'json', ...engine);
      expect(run.status, run.stderr).toBe(0);
      const doc = JSON.parse(run.stdout);
      // March only (the one month with a credited deal); Ben, Cat and Dan tie at 0 and are ordered by key.
      expect(doc.ranking.map((r: { rep: string; rank: number; band: string; reward: string }) => [r.rep, r.rank, r.band, r.reward])).toEqual([
        ['Ann', 1, 'top', '200.00'],
        ['Ben', 2, 'middle', '0.00'],
        ['Cat', 3, 'middle', '0.00'],
        ['Dan', 4, 'middle', '0.00'],
      ]);
      const line = (rep: string) => doc.reps.find((r: { rep: string }) => r.rep === rep).lines.find((l: { component: string }) => l.component === 'monthly').explain;
      expect(line('Ann')).toBe('rewarded in 1 period: 2017-03 rank 1 (200.00)');
      expect(line('Ben')).toBe("no rewarded rank in any period; in the top group's places but not rewarded (its reward needs a credited amount above 0): 2017-03 rank 2 (0.00)");
      expect(line('Cat')).toBe('no rewarded rank in any period');
    });
  }
});
