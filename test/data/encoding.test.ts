/**
 * Issue 8, "Encodings": bytes that are not UTF-8 stop the run with the place and
 * what the file looks like; a declared encoding is decoded exactly. Latin-1
 * `Müller`/`Möller` and GB18030 `王芳`/`李娜`/`刘洋` used to collapse into one
 * name each (every invalid byte became U+FFFD).
 */
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { checkSource } from '../../src/check/index.js';
import { DataError, loadDataset } from '../../src/data/index.js';
import type { TableSchema } from '../../src/graph/tables.js';
import { ENCODINGS } from '../../src/language/encodings.js';
import { edit } from '../diagnostics/helpers.js';
import { expectCounts, field, table } from './helpers.js';
import { tempFolders, thrown } from './temp.js';

const folder = tempFolders();
const UTC = { timeZone: 'UTC' };

function schemas(encoding?: string): TableSchema[] {
  const extra = encoding === undefined ? {} : { encoding };
  return [
    table('reps', 'reps.csv', [field('name', 'text', { key: true })], extra),
    table('deals', 'deals.csv', [field('id', 'text', { key: true }), field('rep', 'text', { lookup: 'reps' }), field('amount', 'money')], extra),
  ];
}

/** Rep of each deal, by deal id. */
function repsOfDeals(dir: string, encoding?: string): Record<string, string> {
  const ds = loadDataset(schemas(encoding), dir, UTC);
  const deals = ds.tables.get('deals')!;
  expect(ds.rejected).toEqual([]);
  return Object.fromEntries(deals.rows.map((r) => [r.values[0] as string, r.values[1] as string]));
}

const latinReps = 'name\nMüller\nMöller\n';
const latinDeals = 'id,rep,amount\nD1,Müller,500\nD2,Möller,700\n';
const chineseReps = 'name\n王芳\n李娜\n刘洋\n';
const chineseDeals = 'id,rep,amount\nD1,王芳,100\nD2,李娜,200\nD3,刘洋,300\n';

describe('Windows-1252 (Latin-1) names', () => {
  const dir = folder({ 'reps.csv': iconv.encode(latinReps, 'windows-1252'), 'deals.csv': iconv.encode(latinDeals, 'windows-1252') });

  it('undeclared: stops at the first bad byte, with line, column, the bytes and the likely encoding', () => {
    const err = thrown(() => loadDataset(schemas(), dir, UTC));
    expect(err).toBeInstanceOf(DataError);
    // "Müller" is on line 2; ü is byte FC, the 2nd character of the line.
    expect(err.message).toBe(
      'reps.csv:2:2: the file is not UTF-8: the bytes FC 6C 6C 65 here are not valid UTF-8 text. ' +
        'It looks like Windows-1252 (Western European, as Excel on Windows saves "CSV (Comma delimited)"); read so, line 2 is "Müller". ' +
        'If that is right, declare it on the table: table reps from "reps.csv" encoding "windows-1252"; or save the file again as "CSV UTF-8"',
    );
    expect((err as DataError).line).toBe(2);
  });

  it('declared windows-1252: two different reps, each with their own deal', () => {
    expect(repsOfDeals(dir, 'windows-1252')).toEqual({ D1: 'Müller', D2: 'Möller' });
  });

  it('declared iso-8859-1 reads the same letters', () => {
    const latin1 = folder({ 'reps.csv': iconv.encode(latinReps, 'iso-8859-1'), 'deals.csv': iconv.encode(latinDeals, 'iso-8859-1') });
    expect(repsOfDeals(latin1, 'iso-8859-1')).toEqual({ D1: 'Müller', D2: 'Möller' });
  });

  it('a UTF-8 file declared windows-1252 is refused: Müller would become MÃ¼ller', () => {
    const utf8 = folder({ 'reps.csv': latinReps, 'deals.csv': latinDeals });
    expect(thrown(() => loadDataset(schemas('windows-1252'), utf8, UTC)).message).toBe(
      'reps.csv:2:2: the playbook declares encoding "windows-1252", but the file is UTF-8: line 2 reads "Müller" as UTF-8 and "MÃ¼ller" as windows-1252. ' +
        'Remove encoding "windows-1252" from table reps',
    );
  });

  it('a Windows-1252 file read as ISO-8859-1: the euro sign becomes U+0080, and the row says to declare windows-1252', () => {
    const dir = folder({ 'reps.csv': iconv.encode('name\n€uro Kft\n', 'windows-1252'), 'deals.csv': 'id,rep,amount\n' });
    const ds = loadDataset(schemas('iso-8859-1'), dir, UTC);
    expect(ds.rejected.flatMap((r) => r.issues.map((i) => i.message))).toEqual([
      'reps.csv:2: name: "\\u0080uro Kft" holds a control character of the range \\u0080–\\u009F, which is what a Windows-1252 file (€, “, ”) gives when read as ISO-8859-1: declare encoding "windows-1252" on the table',
    ]);
    expect(repsOfDeals(dir, 'windows-1252')).toEqual({});
    expect(loadDataset(schemas('windows-1252'), dir, UTC).tables.get('reps')!.rows[0].values).toEqual(['€uro Kft']);
  });

  it('a byte Windows-1252 does not define (0x81) stops the run with its place', () => {
    const bad = folder({ 'reps.csv': Buffer.concat([Buffer.from('name\nAnn\nB'), Buffer.from([0x81]), Buffer.from('ob\n')]), 'deals.csv': 'id,rep,amount\n' });
    expect(thrown(() => loadDataset(schemas('windows-1252'), bad, UTC)).message).toBe(
      'reps.csv:3:2: the file cannot be read as windows-1252: the bytes here mean no character in windows-1252 (line 3 reads "B\uFFFDob"). ' +
        'Check which encoding the export uses and declare that one, or save the file again as "CSV UTF-8"',
    );
  });
});

describe('GB18030 Chinese names', () => {
  const dir = folder({ 'reps.csv': iconv.encode(chineseReps, 'gb18030'), 'deals.csv': iconv.encode(chineseDeals, 'gb18030') });

  it('the test data really is GB18030: 王芳 is CD F5 B7 BC', () => {
    expect([...iconv.encode('王芳', 'gb18030')]).toEqual([0xcd, 0xf5, 0xb7, 0xbc]);
  });

  it('undeclared: stops, saying the file looks like GB18030/GBK', () => {
    const err = thrown(() => loadDataset(schemas(), dir, UTC));
    expect(err.message).toBe(
      'reps.csv:2:1: the file is not UTF-8: the bytes CD F5 B7 BC here are not valid UTF-8 text. ' +
        'It looks like GB18030/GBK (Simplified Chinese, as Chinese Windows and many Chinese CRMs export); read so, line 2 is "王芳". ' +
        'If that is right, declare it on the table: table reps from "reps.csv" encoding "gb18030"; or save the file again as "CSV UTF-8"',
    );
  });

  it('declared gb18030: three different reps, each with their own deal', () => {
    expect(repsOfDeals(dir, 'gb18030')).toEqual({ D1: '王芳', D2: '李娜', D3: '刘洋' });
  });

  it('declared gbk reads the same names', () => {
    const gbk = folder({ 'reps.csv': iconv.encode(chineseReps, 'gbk'), 'deals.csv': iconv.encode(chineseDeals, 'gbk') });
    expect(repsOfDeals(gbk, 'gbk')).toEqual({ D1: '王芳', D2: '李娜', D3: '刘洋' });
  });

  it('a UTF-8 file declared as gb18030 is refused when it has a BOM (the BOM says UTF-8)', () => {
    const utf8 = folder({ 'reps.csv': `\uFEFF${chineseReps}`, 'deals.csv': chineseDeals });
    expect(thrown(() => loadDataset(schemas('gb18030'), utf8, UTC)).message).toBe(
      'reps.csv: the file starts with a UTF-8 byte-order mark, so it is UTF-8, but the playbook declares encoding "gb18030"; remove encoding "gb18030" from table reps',
    );
  });
});

describe('UTF-16', () => {
  const le = (text: string, bom: boolean) => Buffer.concat([Buffer.from(bom ? [0xff, 0xfe] : []), Buffer.from(text, 'utf16le')]);
  const be = (text: string) => {
    const b = Buffer.from(text, 'utf16le');
    b.swap16();
    return Buffer.concat([Buffer.from([0xfe, 0xff]), b]);
  };

  it('with a byte-order mark it is read without a declaration (the mark says how)', () => {
    const dir = folder({ 'reps.csv': le(chineseReps, true), 'deals.csv': be(chineseDeals) });
    expect(repsOfDeals(dir)).toEqual({ D1: '王芳', D2: '李娜', D3: '刘洋' });
  });

  it('without a byte-order mark and undeclared: says it looks like UTF-16 and what to declare', () => {
    const dir = folder({ 'reps.csv': le(latinReps, false), 'deals.csv': latinDeals });
    expect(thrown(() => loadDataset(schemas(), dir, UTC)).message).toBe(
      'reps.csv: the file looks like UTF-16 little-endian (as Excel saves "Unicode Text") without a byte-order mark, but it is read as UTF-8 (no encoding is declared); ' +
        'declare it on the table: table reps from "reps.csv" encoding "utf-16le", or save the file again as "CSV UTF-8"',
    );
  });

  it('declared utf-16 without a byte-order mark: the NUL pattern tells the byte order', () => {
    const dir = folder({ 'reps.csv': le(latinReps, false), 'deals.csv': le(latinDeals, false) });
    expect(repsOfDeals(dir, 'utf-16')).toEqual({ D1: 'Müller', D2: 'Möller' });
  });

  it('a lone surrogate (half a character) stops the run at its line and column', () => {
    // "name\nA" then D800 (a high surrogate with no low one) then "b\n".
    const bytes = Buffer.concat([le('name\nA', true), Buffer.from([0x00, 0xd8]), Buffer.from('b\n', 'utf16le')]);
    const dir = folder({ 'reps.csv': bytes, 'deals.csv': latinDeals });
    expect(thrown(() => loadDataset(schemas(), dir, UTC)).message).toBe(
      'reps.csv:2:2: the file cannot be read as UTF-16 (little-endian): the bytes here mean no character in UTF-16 (little-endian) (line 2 reads "A\\uD800b"). ' +
        'Check which encoding the export uses and declare that one, or save the file again as "CSV UTF-8"',
    );
  });

  it('an odd number of bytes is refused (BOM 2 + 19 characters × 2 + 1 = 41)', () => {
    const dir = folder({ 'reps.csv': Buffer.concat([le(latinReps, true), Buffer.from([0x41])]), 'deals.csv': latinDeals });
    expect(thrown(() => loadDataset(schemas(), dir, UTC)).message).toBe(
      'reps.csv: the file cannot be UTF-16: it has an odd number of bytes (41), so its last character is cut off; export it again',
    );
  });
});

describe('the declaration in the playbook', () => {
  /** The diagnostics suite's minimal playbook, with options on the reps table and a multiline notes field. */
  const playbook = (options: string) =>
    edit(['table reps from "reps.csv"', `table reps from "reps.csv" ${options}`], ['  field amount  money\n', '  field amount  money\n  field notes   text optional multiline\n']);

  it('encoding "gb18030" and multiline reach the rule graph', () => {
    const checked = checkSource(playbook('encoding "GB18030"'));
    expect(checked.diagnostics).toEqual([]);
    expect(checked.checked!.tables.find((t) => t.name === 'reps')!.encoding).toBe('gb18030');
    expect(checked.checked!.tables.find((t) => t.name === 'deals')!.fields.find((f) => f.name === 'notes')!.multiline).toBe(true);
  });

  it('"utf-8" is the default and is not written into the graph', () => {
    const checked = checkSource(playbook('encoding "utf8"'));
    expect(checked.diagnostics).toEqual([]);
    expect(checked.checked!.tables.find((t) => t.name === 'reps')!.encoding).toBeUndefined();
  });

  it('an unknown encoding is error PB2107 at the name, with a suggestion', () => {
    const d = checkSource(playbook('encoding "gb18300"')).diagnostics;
    expect(d.map((x) => [x.code, x.severity, x.message, x.hint, x.span.line, x.span.column])).toEqual([
      ['PB2107', 'error', '"gb18300" is not an encoding this tool reads', 'did you mean "gb18030"?', 5, 37],
    ]);
  });

  it('every encoding the docs list is one iconv-lite decodes', () => {
    for (const e of ENCODINGS) expect([e, iconv.encodingExists(e)]).toEqual([e, true]);
  });
});

describe('plain UTF-8 is unchanged', () => {
  it('reads UTF-8 Chinese and accented names, with and without a BOM', () => {
    const dir = folder({ 'reps.csv': `\uFEFF${chineseReps}`, 'deals.csv': chineseDeals });
    expect(repsOfDeals(dir)).toEqual({ D1: '王芳', D2: '李娜', D3: '刘洋' });
    const ds = loadDataset(schemas(), folder({ 'reps.csv': latinReps, 'deals.csv': latinDeals }), UTC);
    expectCounts(ds.tables.get('deals')!, 2, 2);
  });
});

describe('a UTF-8 file with one damaged byte', () => {
  it('is named as UTF-8 with a damaged character, not as another encoding to declare', () => {
    const deals = Buffer.concat([Buffer.from('id,rep,amount\nD1,王芳,100\nD2,'), Buffer.from([0xff]), Buffer.from('李娜,200\n')]);
    const dir = folder({ 'reps.csv': chineseReps, 'deals.csv': deals });
    const err = thrown(() => loadDataset(schemas(), dir, UTC));
    expect(err).toBeInstanceOf(DataError);
    expect(err.message).toBe(
      'deals.csv:3:4: the file is UTF-8 but has a damaged character here: the bytes FF E6 9D 8E are not valid UTF-8 ' +
        '(line 3 reads "D2,\uFFFD李娜,200", with \uFFFD where the bytes fail). The rest of the file is UTF-8, so do not declare another encoding: retype that character, or export the file again',
    );
  });
});

describe('a Chinese file declared in a Western encoding', () => {
  it('reads (any byte is a Western character) but warns with both readings of the first such line', () => {
    const dir = folder({ 'reps.csv': iconv.encode(chineseReps, 'gbk'), 'deals.csv': iconv.encode(chineseDeals, 'gbk') });
    const ds = loadDataset(schemas('windows-1252'), dir, UTC);
    expect(ds.warnings).toContain(
      'reps.csv: declared encoding "windows-1252", but its bytes look like GB18030/GBK (Chinese): line 2 reads "Íõ·¼" as declared, "王芳" as GB18030. If the names in the report look garbled, declare encoding "gb18030"',
    );
  });
  it('no such warning for Western names in a Western file', () => {
    const dir = folder({ 'reps.csv': iconv.encode(latinReps, 'windows-1252'), 'deals.csv': iconv.encode(latinDeals, 'windows-1252') });
    expect(loadDataset(schemas('windows-1252'), dir, UTC).warnings).toEqual([]);
  });
});

describe('a file that is not text at all (an image, a PDF, a compressed archive) named as a CSV table', () => {
  // The first bytes of each kind, then bytes no text encoding would refuse: the guess of an encoding would be advice to follow into garbage.
  const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Array.from({ length: 200 }, (_, i) => 0x80 + (i % 100))]);
  const pdf = new TextEncoder().encode('%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n');
  it('says what the file is, and what to point the table at, instead of guessing an encoding', () => {
    const cases: [Uint8Array, string][] = [
      [png, 'reps.csv: this is a PNG image, not a CSV file; point the table at the CRM export itself (table reps from "….csv")'],
      [pdf, 'reps.csv: this is a PDF document, not a CSV file; point the table at the CRM export itself (table reps from "….csv")'],
      [gzipSync(Buffer.from(latinReps)), 'reps.csv: this is a gzip-compressed file, not a CSV file; unpack it and point the table at the CSV file inside (table reps from "….csv")'],
    ];
    for (const [bytes, message] of cases) {
      const e = thrown(() => loadDataset(schemas(), folder({ 'reps.csv': bytes, 'deals.csv': latinDeals }), UTC));
      expect(e).toBeInstanceOf(DataError);
      expect(e.message).toBe(message);
    }
  });
});
