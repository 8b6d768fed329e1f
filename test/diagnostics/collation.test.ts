/**
 * `check` prints the same on every machine (issue 8): texts are sorted in plain
 * code-point order (src/language/collation.ts), never by the system locale. In
 * Swedish `å` sorts after `z`; in English before it; by code point, after both
 * `Z` and `z`.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compareText, sortedText } from '../../src/language/collation.js';
import { diagnose, editText, SCORED, withRules } from './helpers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('code-point order', () => {
  it('sorts tricky strings by code point: Z < a < z < å < é < U+FFFD < 𝒜', () => {
    expect(sortedText(['é', 'z', '𝒜', 'å', 'Z', '\uFFFD', 'a'])).toEqual(['Z', 'a', 'z', 'å', 'é', '\uFFFD', '𝒜']);
  });

  it('compares prefixes first and equal texts as 0', () => {
    expect(compareText('ab', 'abc')).toBeLessThan(0);
    expect(compareText('abc', 'ab')).toBeGreaterThan(0);
    expect(compareText('Åsa', 'Åsa')).toBe(0);
  });
});

/** Two tiers on two text fields whose names sort differently by locale: `zone` and `ålder`. */
const TWO_FIELDS = editText(
  SCORED,
  ['  field amount  money\n  field account text\n', '  field amount  money\n  field account text\n  field zone    text\n  field ålder   text\n'],
  [
    'tier warm when toured win probability 60%\ntier cold otherwise win probability 10%\n',
    'tier warm when zone = "n" and ålder = "x" win probability 60%\ntier cold when zone = "s" win probability 10%\n',
  ],
);

describe('findings that list names are in code-point order', () => {
  it('PB4103 names the example deal\'s fields in code-point order (zone before ålder)', () => {
    const found = diagnose(TWO_FIELDS).filter((d) => d.code === 'PB4103');
    expect(found.map((d) => d.message)).toEqual(['no tier matches a deal with zone "n", ålder other than "x", so such deals get no tier and no win probability']);
  });

  it('"known fields" hints list names in code-point order', () => {
    const text = editText(withRules('red line "r" on deals when qqqqqqqq > 1 review\n'), ['  field amount  money\n', '  field amount  money\n  field Zeta    money\n  field émis    date\n']);
    const [d] = diagnose(text);
    // Ten names, eight shown: by code point `Zeta` comes first and `émis` after `won`.
    expect(d.hint).toBe('known fields of deals: Zeta, amount, closed, id, lost, rep, stage, won, …');
  });

  it('check prints the same findings under an English and a Swedish locale', () => {
    // A child process, because the locale of a running process is fixed at start-up.
    const script = `const { checkSource } = await import(${JSON.stringify(`${ROOT}src/check/index.ts`)});
      const text = ${JSON.stringify(TWO_FIELDS)};
      console.log(JSON.stringify({ locale: new Intl.Collator().resolvedOptions().locale, diagnostics: checkSource(text).diagnostics }));`;
    const run = (locale: string) => {
      const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, LC_ALL: locale, LANG: locale },
      });
      expect(result.stderr).toBe('');
      return JSON.parse(result.stdout) as { locale: string; diagnostics: unknown[] };
    };
    const english = run('en_US.UTF-8');
    const swedish = run('sv_SE.UTF-8');
    expect([english.locale, swedish.locale]).toEqual(['en-US', 'sv-SE']);
    expect(swedish.diagnostics).toEqual(english.diagnostics);
    expect(english.diagnostics).toEqual(diagnose(TWO_FIELDS));
  });
});
