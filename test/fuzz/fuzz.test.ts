/**
 * Robustness: no text makes `check` throw, hang or overflow the stack, and no
 * generated history makes a report contain NaN, Infinity or undefined or differ
 * between two runs. Seeded; the number of cases comes from PLAYBOOK_FUZZ_RUNS
 * (default 300 in `npm test`; the long run is 100,000, see README "Testing").
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { playbookLexer } from '../../grammar/lexer.js';
import { checkSource } from '../../src/check/index.js';
import { compileGraph } from '../../src/graph/compile.js';
import { checkInvariants } from '../../src/graph/invariants.js';
import { formatDiagnostic } from '../../src/language/format-diagnostic.js';
import { evaluate } from '../../src/runtime/evaluate.js';
import { compilePlaybookSource } from '../../src/simulate/load-playbook.js';
import { formatCsv } from '../../src/simulate/report-csv.js';
import { simulationJson } from '../../src/simulate/report-json.js';
import type { Simulation } from '../../src/simulate/simulate.js';
import { historyShape } from '../../src/simulate/verify/arbitraries.js';
import { toTables } from '../../src/simulate/verify/history.js';

const RUNS = Number(process.env.PLAYBOOK_FUZZ_RUNS ?? 300);
const TIMEOUT = Math.max(60_000, RUNS * 20);
const REFERENCES = ['playbooks/maven-crm-2017.playbook', 'playbooks/key-account.playbook'];
const sources = REFERENCES.map((f) => readFileSync(f, 'utf8'));
const tokens = sources.map((s) => playbookLexer.tokenize(s).tokens);
const vocabulary = [...new Set(tokens.flat().map((t) => t.image))];

/** check never throws, and every finding has a code, a message and a position inside the text. */
function checkHolds(text: string): boolean {
  const result = checkSource(text);
  const lines = text.split(/\r?\n/).length;
  for (const d of result.diagnostics) {
    if (!/^PB\d{4}$/.test(d.code) || d.message.length === 0) return false;
    if (!(d.span.line >= 1 && d.span.line <= lines && d.span.column >= 1)) return false;
    formatDiagnostic(d, 'fuzz.playbook', text);
  }
  if ((result.checked === null) !== result.diagnostics.some((d) => d.severity === 'error')) return false;
  // A playbook the checker accepts compiles to a rule graph that holds every invariant (compileGraph checks them and throws otherwise).
  if (result.checked !== null) {
    const graph = compileGraph(result.checked, { ast: result.ast, file: 'fuzz.playbook' });
    if (checkInvariants(graph).length > 0) return false;
  }
  return true;
}

/** A reference playbook with tokens deleted, inserted (from the language's vocabulary) or swapped. */
const mutated = fc
  .tuple(fc.nat({ max: REFERENCES.length - 1 }), fc.array(fc.tuple(fc.constantFrom('delete', 'insert', 'swap'), fc.nat(), fc.nat()), { minLength: 1, maxLength: 6 }))
  .map(([which, edits]) => {
    const text = sources[which];
    const list = tokens[which].map((t) => ({ start: t.startOffset, end: t.endOffset! + 1, image: t.image }));
    let out = text;
    // Apply edits from the end so earlier offsets stay valid.
    const ordered = edits.map(([kind, a, b]) => ({ kind, at: list[a % list.length], other: list[b % list.length], word: vocabulary[b % vocabulary.length] })).sort((x, y) => y.at.start - x.at.start);
    for (const e of ordered) {
      if (e.kind === 'delete') out = out.slice(0, e.at.start) + out.slice(e.at.end);
      else if (e.kind === 'insert') out = `${out.slice(0, e.at.start)}${e.word} ${out.slice(e.at.start)}`;
      else out = out.slice(0, e.at.start) + e.other.image + out.slice(e.at.end);
    }
    return out;
  });

describe('check never throws, hangs or overflows', () => {
  it(`random text (${RUNS} cases)`, () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), checkHolds), { seed: 1, numRuns: RUNS });
  }, TIMEOUT);

  it(`text made of the language's own words (${RUNS} cases)`, () => {
    const words = fc.array(fc.constantFrom(...vocabulary, '\n', '(', ')', '"', '#', '%', ','), { maxLength: 200 }).map((w) => w.join(' '));
    fc.assert(fc.property(words, checkHolds), { seed: 2, numRuns: RUNS });
  }, TIMEOUT);

  it(`reference playbooks with tokens inserted, deleted or swapped (${RUNS} cases)`, () => {
    fc.assert(fc.property(mutated, checkHolds), { seed: 3, numRuns: RUNS });
  }, TIMEOUT);

  it(`truncated reference playbooks (${Math.min(RUNS, 2000)} cases)`, () => {
    const truncated = fc.tuple(fc.nat({ max: 1 }), fc.nat()).map(([w, n]) => sources[w].slice(0, n % sources[w].length));
    fc.assert(fc.property(truncated, checkHolds), { seed: 4, numRuns: Math.min(RUNS, 2000) });
  }, TIMEOUT);
});

describe('reports on generated histories', () => {
  for (const file of REFERENCES) {
    it(`${file}: no NaN, Infinity or undefined; two runs give byte-identical JSON and CSV (${Math.ceil(RUNS / 3)} histories)`, () => {
      const graph = compilePlaybookSource(file, readFileSync(file, 'utf8')).graph!;
      const shape = historyShape(graph, null);
      fc.assert(
        fc.property(shape.arbitrary, (history) => {
          const render = () => {
            const sim: Simulation = { graph, playbookFile: file, input: [], rejectedRows: [], evaluation: evaluate(graph, toTables(graph, history)), tables: new Map() };
            return JSON.stringify(simulationJson(sim)) + formatCsv(sim);
          };
          const a = render();
          return a === render() && !/NaN|Infinity|undefined|\[object Object\]/.test(a);
        }),
        { seed: 5, numRuns: Math.ceil(RUNS / 3) },
      );
    }, TIMEOUT);
  }
});

describe('guarantees', () => {
  it('user text is never evaluated as JavaScript: the engine has no eval or new Function', () => {
    const files = readdirSync('src', { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(30);
    for (const f of files) {
      const text = readFileSync(join(f.parentPath, f.name), 'utf8');
      expect(text, f.name).not.toMatch(/\beval\s*\(|new\s+Function\s*\(/);
    }
  });

  it('CSV statements neutralise spreadsheet formulas coming from the data', () => {
    const graph = compilePlaybookSource('f.playbook', readFileSync(REFERENCES[0], 'utf8')).graph!;
    const shape = historyShape(graph, null);
    const [history] = fc.sample(shape.arbitrary, { seed: 9, numRuns: 1 });
    // A rep whose name is a formula, as a hand-edited export might contain.
    history.reps = history.reps.map((r, i) => (i === 0 ? { ...r, name: '=HYPERLINK("http://x","pay me")' } : r));
    const sim: Simulation = { graph, playbookFile: 'f', input: [], rejectedRows: [], evaluation: evaluate(graph, toTables(graph, history)), tables: new Map() };
    const csv = formatCsv(sim);
    expect(csv).toContain(`"'=HYPERLINK(""http://x"",""pay me"")"`);
    expect(csv.split('\n').some((line) => line.startsWith('='))).toBe(false);
  });
});
