/**
 * PB2114: a playbook reads only files inside the data folder (issue 8). A
 * table names its file by a plain file name; a path — `..`, an absolute path,
 * a folder, a drive letter, a NUL — would let a shared playbook read any file
 * the user can read.
 */
import { describe, expect, it } from 'vitest';
import { diagnose, diagnosticCase, edit } from './helpers.js';

const FIX = (name: string) => `put the file in the data folder and name it by its file name: from "${name}"`;

describe('PB2114 a table file outside the data folder', () => {
  diagnosticCase({
    name: 'a Windows relative path: the backslash is kept, not dropped',
    code: 'PB2114',
    bad: edit(['from "deals.csv"', 'from ⟦"..\\deals.csv"⟧']),
    fixed: edit(['from "deals.csv"', 'from "deals.csv"']),
    message: 'table deals reads "..\\deals.csv", which leads out of the data folder (..); a playbook reads only files in the data folder',
    hint: FIX('deals.csv'),
  });
  diagnosticCase({
    name: 'a Windows path whose backslash-r became a line break',
    code: 'PB2114',
    bad: edit(['from "reps.csv"', 'from ⟦"..\\reps.csv"⟧']),
    fixed: edit(['from "reps.csv"', 'from "reps.csv"']),
    message: 'table reps reads "..\\u000deps.csv", which contains a control character; a playbook reads only files in the data folder',
    hint: 'a backslash in quoted text starts an escape (\\r, \\n, \\t): do not write a folder path; put the file in the data folder and name it by its file name only',
  });
  diagnosticCase({
    name: 'a path that climbs out of the data folder',
    code: 'PB2114',
    bad: edit(['from "deals.csv"', 'from ⟦"../../secret/deals.csv"⟧']),
    fixed: edit(['from "deals.csv"', 'from "deals.csv"']),
    message: 'table deals reads "../../secret/deals.csv", which leads out of the data folder (..); a playbook reads only files in the data folder',
    hint: FIX('deals.csv'),
  });
  diagnosticCase({
    name: 'an absolute path',
    code: 'PB2114',
    bad: edit(['from "reps.csv"', 'from ⟦"/etc/passwd"⟧']),
    fixed: edit(['from "reps.csv"', 'from "passwd"']),
    message: 'table reps reads "/etc/passwd", which is an absolute path; a playbook reads only files in the data folder',
    hint: FIX('passwd'),
  });
  diagnosticCase({
    name: 'a file in a subfolder',
    code: 'PB2114',
    bad: edit(['from "deals.csv"', 'from ⟦"exports/deals.csv"⟧']),
    fixed: edit(['from "deals.csv"', 'from "deals.csv"']),
    message: 'table deals reads "exports/deals.csv", which names a folder as well as the file; a playbook reads only files in the data folder',
    hint: FIX('deals.csv'),
  });
  diagnosticCase({
    name: 'a Windows path with a drive letter and backslashes',
    code: 'PB2114',
    bad: edit(['from "deals.csv"', 'from ⟦"C:\\\\Users\\\\ann\\\\deals.csv"⟧']),
    fixed: edit(['from "deals.csv"', 'from "deals.csv"']),
    message: 'table deals reads "C:\\Users\\ann\\deals.csv", which is an absolute path; a playbook reads only files in the data folder',
    hint: FIX('deals.csv'),
  });

  it('a NUL or another control character is shown, not printed raw', () => {
    const [d] = diagnose(edit(['from "deals.csv"', 'from "deals.csv\u0000.txt"']));
    expect([d.code, d.message, d.hint]).toEqual([
      'PB2114',
      'table deals reads "deals.csv\\u0000.txt", which contains a control character; a playbook reads only files in the data folder',
      'put the file in the data folder and name it by its file name, without control characters',
    ]);
  });

  it('an empty name, "." and ".." are not file names', () => {
    for (const [name, why] of [['', 'is empty'], ['.', 'is a folder, not a file'], ['..', 'leads out of the data folder (..)']]) {
      const [d] = diagnose(edit(['from "deals.csv"', `from "${name}"`]));
      expect([d.code, d.message], name).toEqual(['PB2114', `table deals reads "${name}", which ${why}; a playbook reads only files in the data folder`]);
    }
  });

  it('plain names are fine, also with dots, spaces and any script', () => {
    for (const name of ['deals..csv', 'deals 2017.csv', '.hidden.csv', '销售 数据.csv', 'Müller-Ä.CSV']) {
      expect(diagnose(edit(['from "deals.csv"', `from "${name}"`])), name).toEqual([]);
    }
  });
});
