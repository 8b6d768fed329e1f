/**
 * A rule comparing a field with a text no row holds, while a row holds a text near it
 * (`must win … when account in ("Sonronn")` against an export that says `Sonron`): simulate warns,
 * naming the rule, the file, the column and the near value, as the rule then never matches.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { smallScheme } from '../helpers/small-scheme.js';
import { TIMEOUT, playbook, removeTempDirs, tempDir } from './helpers.js';

const DEALS = 'id,rep,stage,close_date,amount\nD1,Anna,Won,2017-03-10,1000\nD2,Ben,Won,2017-04-01,500\n';

/** JSON warnings of simulate over two reps and two won deals, with `rules` appended to the small scheme. */
function warningsWith(rules: string): string[] {
  const dir = tempDir();
  writeFileSync(join(dir, 'p.playbook'), `${smallScheme()}\n${rules}`);
  writeFileSync(join(dir, 'reps.csv'), 'rep\nAnna\nBen\n');
  writeFileSync(join(dir, 'deals.csv'), DEALS);
  const run = playbook('simulate', join(dir, 'p.playbook'), '--data', dir, '--format', 'json');
  expect(run.status, run.stderr).toBe(0);
  return (JSON.parse(run.stdout) as { warnings: string[] }).warnings;
}

describe('a compared text that no row holds but one is near', () => {
  afterAll(removeTempDirs);

  it(
    'in (…) with a slip of one letter: the rule, the file, the column and the near value',
    () => {
      expect(warningsWith('red line "key reps" on deals\n  when won and rep in ("Ben", "Annna")\n  review\n')).toEqual([
        '"key reps" compares rep with "Annna", but no row of deals.csv has that rep (column "rep"); did you mean "Anna"? As written, that part of the rule never matches. Correct the spelling in the playbook, or in the file if the playbook is right',
      ]);
    },
    TIMEOUT,
  );

  it(
    'an = with other capitals is named too; a text that is there, or near nothing, is not',
    () => {
      expect(warningsWith('red line "anna" on deals\n  when won and rep = "ANNA"\n  review\n')).toEqual([
        '"anna" compares rep with "ANNA", but no row of deals.csv has that rep (column "rep"); did you mean "Anna"? As written, that part of the rule never matches. Correct the spelling in the playbook, or in the file if the playbook is right',
      ]);
      expect(warningsWith('red line "both" on deals\n  when won and rep in ("Anna", "Ben", "Zhou Xiaoming")\n  review\n')).toEqual([]);
    },
    TIMEOUT,
  );
});
