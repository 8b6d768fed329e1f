/**
 * Issue 8, "A stage written won, WON or Closed Won": deals stay open silently.
 * `simulate` now warns with the values and their counts, next to the data
 * warnings of the loader (a percent column of fractions).
 */
import { describe, expect, it } from 'vitest';
import { compilePlaybookSource } from '../../src/simulate/load-playbook.js';
import { simulate } from '../../src/simulate/simulate.js';
import { edit } from '../diagnostics/helpers.js';
import { tempFolders } from './temp.js';

const folder = tempFolders();

/** The diagnostics suite's minimal playbook, with a percent field and the won condition given. */
const playbook = (won: string) =>
  edit(['  field amount  money\n', '  field amount  money\n  field discount percent\n'], ['  won  when stage = "Won"', `  won  when ${won}`]);

const deals = [
  'id,rep,stage,closed,amount,discount',
  'D1,ann,Won,2017-03-01,100,0.1',
  'D2,ann,won,2017-03-02,200,0.2',
  'D3,bob,WON,2017-03-03,300,0.05',
  'D4,bob,WON,2017-03-04,400,0.3',
  'D5,bob,Closed Won,2017-03-05,500,0',
  'D6,ann,Lost,2017-03-06,600,0.1',
  'D7,ann,Engaging,2017-03-07,700,0.1',
  'D8,bob,Won,2017-03-08,800,0.1',
].join('\n');

function run(won: string) {
  const compiled = compilePlaybookSource('stages.playbook', playbook(won));
  expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return simulate(compiled.graph!, 'stages.playbook', folder({ 'reps.csv': 'name\nann\nbob\n', 'deals.csv': deals }));
}

describe('stage values no won/lost condition names', () => {
  it('are listed with their counts; Engaging (not like any named value) is not', () => {
    const sim = run('stage = "Won"');
    const stage = sim.evaluation.warnings.filter((w) => w.startsWith('deals.csv: column "stage"'));
    expect(stage).toEqual([
      'deals.csv: column "stage": 4 deals have a stage that no "won when" or "lost when" names, so they stay open (neither won nor lost): ' +
        '"WON" (2 rows, like "Won"), "Closed Won" (1 row, like "Won"), "won" (1 row, like "Won"). ' +
        'If they are won or lost, map the spelling on the field (alias "WON" = "Won") or name it in the condition (stage in ("Won", "WON"))',
    ]);
    // Only D1 and D8 ("Won") are credited: 100 + 800.
    expect(sim.evaluation.deals.filter((d) => d.credited).map((d) => d.id)).toEqual(['D1', 'D8']);
  });

  it('a stage typed in full-width letters (Ｗｏｎ, from a Chinese export) is reported like won', () => {
    const compiled = compilePlaybookSource('stages.playbook', playbook('stage = "Won"'));
    const sim = simulate(compiled.graph!, 'stages.playbook', folder({ 'reps.csv': 'name\nann\n', 'deals.csv': 'id,rep,stage,closed,amount,discount\nD1,ann,Won,2017-03-01,100,1\nD2,ann,\uff37\uff4f\uff4e,2017-03-02,200,1\n' }));
    expect(sim.evaluation.warnings.filter((w) => w.includes('column "stage"'))).toEqual([
      'deals.csv: column "stage": 1 deal has a stage that no "won when" or "lost when" names, so it stays open (neither won nor lost): "\uff37\uff4f\uff4e" (1 row, like "Won"). ' +
        'If they are won or lost, map the spelling on the field (alias "\uff37\uff4f\uff4e" = "Won") or name it in the condition (stage in ("Won", "\uff37\uff4f\uff4e"))',
    ]);
  });

  it('a stage one letter off (Wonn, or Won with a Greek omicron) is reported like won', () => {
    const compiled = compilePlaybookSource('stages.playbook', playbook('stage = "Won"'));
    // Equal counts are listed in code-unit order: "o" (U+006F) before the omicron (U+03BF).
    const sim = simulate(compiled.graph!, 'stages.playbook', folder({ 'reps.csv': 'name\nann\n', 'deals.csv': 'id,rep,stage,closed,amount,discount\nD1,ann,Won,2017-03-01,100,1\nD2,ann,Wonn,2017-03-02,200,1\nD3,ann,W\u03bfn,2017-03-03,300,1\nD4,ann,Engaging,2017-03-04,400,1\n' }));
    expect(sim.evaluation.warnings.filter((w) => w.includes('column "stage"'))).toEqual([
      'deals.csv: column "stage": 2 deals have a stage that no "won when" or "lost when" names, so they stay open (neither won nor lost): "Wonn" (1 row, like "Won"), "W\u03bfn" (1 row, like "Won"). ' +
        'If they are won or lost, map the spelling on the field (alias "Wonn" = "Won") or name it in the condition (stage in ("Won", "Wonn"))',
    ]);
  });

  it('values named in an `in (…)` list are not reported', () => {
    const sim = run('stage in ("Won", "won", "WON", "Closed Won")');
    expect(sim.evaluation.warnings.filter((w) => w.includes('column "stage"'))).toEqual([]);
  });

  it('the percent column of fractions is reported in the same warnings', () => {
    const sim = run('stage = "Won"');
    expect(sim.evaluation.warnings.filter((w) => w.includes('column "discount"'))).toEqual([
      'deals.csv: column "discount": all 8 values are bare numbers between 0 and 1 (7 with decimals, such as "0.1" on line 2). ' +
        'A bare number in a percent column is in percent points, so "0.1" is read as 0.1%, not 10%. ' +
        'If the column holds fractions, declare it as a number and derive the percent: field discount_fraction number column "discount", derive discount = discount_fraction × 100%',
    ]);
  });
});
