/**
 * `playbook check plan.tests.playbook`: a tests file is not a plan, so the plan checker would
 * report hundreds of false errors on it. It is read as `playbook test` reads it instead: its layout
 * (sections, tables of cases, expectations) and the plan it names, without running a test.
 */
import { ExpectationSyntaxError } from '../simulate/tests/expect.js';
import { TestFileError } from '../simulate/tests/model.js';
import { parseTestFile, requirePlan } from '../simulate/tests/parse-tests.js';
import { readPlaybookFile } from '../simulate/playbook-file.js';

/**
 * Checks the tests file `file`: 0 when it reads as `playbook test` reads it and its plan exists
 * (one line on standard output says how many tests and how to run them), 1 with the first mistake
 * (its line, as `playbook test` words it).
 * @throws PlaybookFileError when the file cannot be read (main.ts: exit 2).
 */
export function runCheckTests(file: string): number {
  const text = readPlaybookFile(file).replace(/^\ufeff/, '');
  try {
    const parsed = parseTestFile(file, text);
    requirePlan(parsed);
    const n = parsed.tests.length;
    process.stdout.write(`${file}: a tests file with ${n} test${n === 1 ? '' : 's'} of ${parsed.plan}: no problems found in its layout; run them with playbook test ${file} (check the plan itself with playbook check ${parsed.plan})\n`);
    return 0;
  } catch (e) {
    if (!(e instanceof TestFileError || e instanceof ExpectationSyntaxError)) throw e;
    process.stdout.write(`${e.message.startsWith(file) ? e.message : `${file}: ${e.message}`}\n`);
    return 1;
  }
}
