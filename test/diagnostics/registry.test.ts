/**
 * The diagnostic registry (src/language/codes.ts) against what uses it: the
 * source emits only registered codes and every registered code is emitted; each
 * code has exactly one section in docs/errors.md, under its anchor, with the
 * registry's title and severity, in the registry's order; each code is exercised
 * by a diagnostics test.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_CODES, DIAGNOSTIC_CODES, codeInfo, docsAnchor, docsLink } from '../../src/language/codes.js';
import { error, warning } from '../../src/language/diagnostics.js';

const ROOT = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, ROOT), 'utf8');

function filesUnder(dir: string, ext: string): string[] {
  return readdirSync(new URL(dir, ROOT), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(ext))
    .map((e) => join(e.parentPath, e.name));
}

/** Codes written as a quoted literal in the source, outside the registry itself. */
const emitted = new Set(
  filesUnder('src/', '.ts')
    .filter((f) => !f.endsWith(join('language', 'codes.ts')))
    .flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/'(PB\d{4})'/g)].map((m) => m[1])),
);

describe('the registry', () => {
  it('lists codes in ascending order, each once, with a title', () => {
    expect(ALL_CODES.length).toBeGreaterThan(60);
    expect([...ALL_CODES].sort()).toEqual(ALL_CODES);
    for (const code of ALL_CODES) {
      expect(code).toMatch(/^PB\d{4}$/);
      expect(codeInfo(code).title.length).toBeGreaterThan(3);
    }
  });

  it('keeps the codes that existed before the split, with their severity', () => {
    // The codes released before the registry; none may disappear or change severity.
    const released = {
      error: ['PB1001', 'PB1002', 'PB1003', 'PB1004', 'PB1005', 'PB1006', 'PB1007', 'PB2001', 'PB2002', 'PB2003', 'PB2004', 'PB2005', 'PB2006', 'PB2007',
        'PB2101', 'PB2102', 'PB2103', 'PB2104', 'PB2105', 'PB2106', 'PB2107', 'PB2108', 'PB2109',
        'PB3001', 'PB3002', 'PB3003', 'PB3004', 'PB3005', 'PB3006', 'PB3007', 'PB3008', 'PB3009', 'PB4001'],
      warning: ['PB2110', 'PB3010', 'PB4101', 'PB4102', 'PB4103', 'PB4104', 'PB4105', 'PB4201', 'PB4202', 'PB4301', 'PB4401', 'PB4402', 'PB4403', 'PB4404'],
    } as const;
    for (const severity of ['error', 'warning'] as const) {
      for (const code of released[severity]) expect(DIAGNOSTIC_CODES[code].severity, code).toBe(severity);
    }
  });

  it('links each code to its section in docs/errors.md', () => {
    expect(docsAnchor('PB2108')).toBe('PB2108');
    expect(docsLink('PB3005')).toBe('docs/errors.md#PB3005');
  });

  it('error() and warning() take the severity from the code they are given', () => {
    const span = { line: 1, column: 1, endLine: 1, endColumn: 1 };
    expect(error('PB2001', span, 'm').severity).toBe('error');
    expect(warning('PB3010', span, 'm').severity).toBe('warning');
    // @ts-expect-error an unregistered code does not compile
    void error('PB9999', span, 'm');
    // @ts-expect-error a warning code cannot make an error
    void error('PB3010', span, 'm');
    // @ts-expect-error an error code cannot make a warning
    void warning('PB2001', span, 'm');
  });
});

describe('the registry and the source', () => {
  it('the source emits only registered codes', () => {
    expect([...emitted].filter((c) => !(c in DIAGNOSTIC_CODES))).toEqual([]);
  });

  it('every registered code is emitted somewhere in the source', () => {
    expect(ALL_CODES.filter((c) => !emitted.has(c))).toEqual([]);
  });
});

describe('the registry and docs/errors.md', () => {
  const page = read('docs/errors.md');

  it('every code has one section: its anchor, then "## CODE — title" (and "(warning)" for warnings)', () => {
    for (const code of ALL_CODES) {
      const { title, severity } = codeInfo(code);
      const heading = `## ${code} — ${title}${severity === 'warning' ? ' (warning)' : ''}`;
      const section = `<a id="${docsAnchor(code)}"></a>\n${heading}\n`;
      expect(page.split(section).length - 1, `docs/errors.md needs exactly one:\n${section}`).toBe(1);
    }
  });

  it('the page documents no other code, and lists the sections in registry order', () => {
    const sections = [...page.matchAll(/^## (PB\d{4})\b/gm)].map((m) => m[1]);
    expect(sections).toEqual(ALL_CODES);
    const anchors = [...page.matchAll(/<a id="(PB\d{4})"><\/a>/g)].map((m) => m[1]);
    expect(anchors).toEqual(ALL_CODES);
  });

  it('every section has an example and says how to fix it', () => {
    const parts = page.split(/^<a id="(PB\d{4})"><\/a>$/m);
    for (let i = 1; i < parts.length; i += 2) {
      const body = parts[i + 1].split(/^<a id=|^# /m)[0];
      expect(body, parts[i]).toContain('**What it means.**');
      expect(body, parts[i]).toContain('**Example.**');
      expect(body, parts[i]).toContain('**How to fix it.**');
    }
  });
});

describe('the registry and the tests', () => {
  const tests = filesUnder('test/diagnostics/', '.test.ts')
    .filter((f) => !f.endsWith('registry.test.ts'))
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');

  it('every registered code is exercised by a diagnostics test (a case with `code: \'PBxxxx\'`)', () => {
    expect(ALL_CODES.filter((code) => !tests.includes(`code: '${code}'`))).toEqual([]);
  });
});
