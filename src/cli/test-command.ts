/** `playbook test FILE|DIR`: run the tests written beside a plan (`plan.tests.playbook`). */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Evaluation } from '../runtime/result.js';
import { coverageOf, formatCoverage } from '../simulate/coverage.js';
import { ExpectationSyntaxError } from '../simulate/tests/expect.js';
import { type TestOutcome, TestFileError } from '../simulate/tests/model.js';
import { parseTestFile, requirePlan } from '../simulate/tests/parse-tests.js';
import { formatTestJson, formatTestJunit, formatTestText } from '../simulate/tests/report.js';
import { readTestFile, runTestFile } from '../simulate/tests/run.js';
import { compileOrSay } from './compiled.js';
import { UsageError } from './errors.js';
import { emit, guardOut, say } from './output.js';
import { playbookInput } from '../simulate/files/index.js';

export interface TestFlags {
  run?: string;
  format: string;
  out?: string;
  coverage?: boolean;
}

const formats = ['text', 'json', 'junit'];
const SUFFIX = '.tests.playbook';

/** The test files `target` names: the file itself, the tests beside a plan, or every test file under a folder. */
export function findTestFiles(target: string): string[] {
  if (!existsSync(target)) throw new UsageError(`"${target}" does not exist`);
  if (statSync(target).isDirectory()) {
    return readdirSync(target, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith(SUFFIX) && !f.split(/[\\/]/).includes('node_modules'))
      .sort()
      .map((f) => join(target, f));
  }
  if (target.endsWith(SUFFIX)) return [target];
  const beside = target.replace(/\.playbook$/, SUFFIX);
  return existsSync(beside) ? [beside] : [];
}

export function runTest(target: string, flags: TestFlags): number {
  if (!formats.includes(flags.format)) throw new UsageError(`--format must be one of ${formats.join(', ')}, not "${flags.format}"`);
  let filter: RegExp | null = null;
  try {
    filter = flags.run === undefined ? null : new RegExp(flags.run);
  } catch {
    throw new UsageError(`--run "${flags.run}" is not a valid pattern`);
  }
  const outcomes: TestOutcome[] = [];
  const coverage: string[] = [];
  let broken = false;
  const testFiles = findTestFiles(target);
  // The results must never be written over a test file or a plan it tests.
  const reads = testFiles.flatMap((f) => [playbookInput(f), playbookInput(f.replace(/\.tests\.playbook$/, '.playbook'))]);
  guardOut(flags.out, reads);
  for (const path of testFiles) {
    try {
      const file = parseTestFile(path, readTestFile(path));
      requirePlan(file);
      const graph = compileOrSay(file.plan, 'test');
      if (!graph) {
        broken = true;
        continue;
      }
      const seen: Evaluation[] = [];
      outcomes.push(...runTestFile(graph, file, filter, seen));
      if (flags.coverage) coverage.push(formatCoverage(coverageOf(graph, seen), `of ${file.plan} by its tests`));
    } catch (e) {
      if (!(e instanceof TestFileError || e instanceof ExpectationSyntaxError)) throw e;
      // Name the file, and go on with the others: one broken test file must not hide the rest.
      say(`error: ${e.message.startsWith(path) ? e.message : `${path}: ${e.message}`}`);
      broken = true;
    }
  }
  if (broken && outcomes.length === 0) return 2;
  if (outcomes.length === 0) {
    say(`no tests found in ${target}${filter ? ` matching --run ${flags.run}` : ''} (tests live in files named *${SUFFIX})`);
    return 1;
  }
  const text = flags.format === 'json' ? formatTestJson(outcomes) : flags.format === 'junit' ? formatTestJunit(outcomes) : formatTestText(outcomes);
  emit(text, flags.out, reads);
  // On standard error, so JSON and JUnit output stay valid.
  for (const c of coverage) say(c);
  if (broken) return 2;
  return outcomes.every((o) => o.passed) ? 0 : 1;
}
