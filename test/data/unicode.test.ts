/**
 * Issue 8, "Unicode forms" and "ANSI escape sequences": keys match in NFC,
 * invisible characters are shown in messages, control characters never reach a
 * message or a report raw.
 */
import { describe, expect, it } from 'vitest';
import { loadDataset, loadTableText } from '../../src/data/index.js';
import { escapeValue, showValue } from '../../src/data/show-value.js';
import { expectCounts, field, messages, table } from './helpers.js';
import { tempFolders } from './temp.js';

const folder = tempFolders();
const UTC = { timeZone: 'UTC' };
const reps = table('reps', 'reps.csv', [field('name', 'text', { key: true })]);
const deals = table('deals', 'deals.csv', [field('id', 'text', { key: true }), field('rep', 'text', { lookup: 'reps' })]);

describe('showValue', () => {
  it('quotes and writes out invisible and control characters', () => {
    expect(showValue('ann\u0000')).toBe('"ann\\u0000"');
    expect(showValue('ann\u200b')).toBe('"ann\\u200B"');
    expect(showValue('\u001b[2JBob')).toBe('"\\u001B[2JBob"');
    expect(showValue('a\nb\tc\rd')).toBe('"a\\nb\\tc\\rd"');
    expect(showValue('say "hi" \\ bye')).toBe('"say \\"hi\\" \\\\ bye"');
    expect(showValue('\u202eevil')).toBe('"\\u202Eevil"');
    expect(showValue('王芳 Müller')).toBe('"王芳 Müller"');
    // Spaces that are not a space: no-break (U+00A0), figure (U+2007), narrow no-break (U+202F).
    expect(showValue('10\u00a0000')).toBe('"10\\u00A0000"');
    expect(showValue('10\u202f000,50')).toBe('"10\\u202F000,50"');
    expect(showValue('1\u2007000')).toBe('"1\\u2007000"');
    expect(showValue('10 000')).toBe('"10 000"');
    // Half of an astral character cannot be printed; a whole one is kept.
    expect(showValue('A\ud800b \ud83d\ude00')).toBe('"A\\uD800b \ud83d\ude00"');
  });

  it('cuts after 60 characters and gives the full length in characters', () => {
    expect(showValue('x'.repeat(60))).toBe(`"${'x'.repeat(60)}"`);
    expect(showValue('x'.repeat(61))).toBe(`"${'x'.repeat(60)}… (61 characters)"`);
    // An astral character counts once and is never cut in half.
    expect(escapeValue(`${'x'.repeat(59)}😀😀`)).toBe(`${'x'.repeat(59)}😀… (61 characters)`);
    // Escapes count in the shown text: 10 NULs are 60 characters shown.
    expect(showValue('\u0000'.repeat(11))).toBe(`"${'\\u0000'.repeat(10)}… (11 characters)"`);
  });
});

describe('NFC matching', () => {
  it('José written with a combining accent (NFD) in deals matches José (NFC) in reps', () => {
    const nfd = 'Jose\u0301';
    const dir = folder({ 'reps.csv': 'name\nJos\u00e9\n', 'deals.csv': `id,rep\nD1,${nfd}\n` });
    const ds = loadDataset([reps, deals], dir, UTC);
    expect(ds.rejected).toEqual([]);
    expect(ds.tables.get('deals')!.rows[0].values[1]).toBe('Jos\u00e9');
  });

  it('a header written in NFD matches the column the playbook names in NFC', () => {
    const t = loadTableText(table('t', 't.csv', [field('region', 'text', { column: 'R\u00e9gion' })]), 'Re\u0301gion\nNord\n', UTC);
    expect(t.rows[0].values).toEqual(['Nord']);
  });

  it('aliases match in NFC too', () => {
    const s = table('t', 't.csv', [field('p', 'text', { aliases: [{ from: 'Cafe\u0301', to: 'Coffee' }] })]);
    expect(loadTableText(s, 'p\nCaf\u00e9\n', UTC).rows[0].values).toEqual(['Coffee']);
  });
});

describe('invisible and control characters', () => {
  it('a zero-width space in a looked-up name is shown, and the message says why the names differ', () => {
    const dir = folder({ 'reps.csv': 'name\nann\n', 'deals.csv': 'id,rep\nD1,ann\u200b\n' });
    const ds = loadDataset([reps, deals], dir, UTC);
    expect(messages(ds.tables.get('deals')!)).toEqual([
      'deals.csv:2: rep: "ann\\u200B" is not in reps (reps.csv); it holds invisible characters (shown as \\u…): remove them in the file',
    ]);
  });

  it('a NUL inside a key rejects the row, showing "ann\\u0000"', () => {
    const t = loadTableText(reps, 'name\nann\u0000\nbob\n', UTC);
    expectCounts(t, 2, 1);
    expect(messages(t)).toEqual([
      'reps.csv:2: name: "ann\\u0000" holds a control character (shown as \\u…), which is never part of a real value; remove it in the file',
    ]);
  });

  it('an ANSI escape sequence in a name never reaches a message raw', () => {
    const t = loadTableText(reps, 'name\n\u001b[2JMallory\n', UTC);
    const all = messages(t).join('\n');
    expect(all).not.toContain('\u001b');
    expect(all).toContain('"\\u001B[2JMallory"');
    expect(t.rows).toEqual([]);
  });

  it('U+FFFD (letters lost by an earlier conversion) rejects the row: Müller and Möller would be one name', () => {
    const t = loadTableText(reps, 'name\nM\ufffdller\n', UTC);
    expectCounts(t, 1, 0);
    expect(messages(t)).toEqual([
      'reps.csv:2: name: "M\ufffdller" holds the character \ufffd, which a conversion with the wrong encoding leaves where it could not read a letter (so "Müller" and "Möller" become one name); export the file again from the CRM as UTF-8',
    ]);
  });

  it('tabs are kept in text', () => {
    expect(loadTableText(reps, 'name\n"a\tb"\n', UTC).rows[0].values).toEqual(['a\tb']);
  });

  it('control characters in a number cell are escaped in the message', () => {
    const t = loadTableText(table('t', 't.csv', [field('n', 'money')]), 'n\n12\u001b[0m\n', UTC);
    expect(messages(t)).toEqual(['t.csv:2: n: expected an amount, got "12\\u001B[0m"']);
  });
});
