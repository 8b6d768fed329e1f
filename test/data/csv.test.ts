import { describe, expect, it } from 'vitest';
import { readCsv } from '../../src/data/csv.js';
import { DataError } from '../../src/data/index.js';

const lines = (f: ReturnType<typeof readCsv>) => f.records.map((r) => [r.line, r.cells]);

describe('readCsv', () => {
  it('reads header and records with physical line numbers', () => {
    const f = readCsv('a,b\n1,2\n3,4\n', ',', 't.csv');
    expect(f.header).toEqual(['a', 'b']);
    expect(f.headerLine).toBe(1);
    expect(lines(f)).toEqual([[2, ['1', '2']], [3, ['3', '4']]]);
  });

  it('ignores a UTF-8 BOM', () => {
    const f = readCsv('\uFEFFa,b\n1,2', ',', 't.csv');
    expect(f.header).toEqual(['a', 'b']);
  });

  it('handles CRLF, including CRLF inside a quoted cell', () => {
    const f = readCsv('a,b\r\n1,"x\r\ny"\r\n3,4\r\n', ',', 't.csv');
    expect(lines(f)).toEqual([[2, ['1', 'x\ny']], [4, ['3', '4']]]);
  });

  it('handles old Mac CR line ends', () => {
    expect(lines(readCsv('a,b\r1,2\r3,4', ',', 't.csv'))).toEqual([[2, ['1', '2']], [3, ['3', '4']]]);
  });

  it('keeps quoted delimiters and quotes', () => {
    const f = readCsv('a,b\n"Smith, John","say ""hi"""\n', ',', 't.csv');
    expect(lines(f)).toEqual([[2, ['Smith, John', 'say "hi"']]]);
  });

  it('counts lines across quoted newlines and blank lines', () => {
    const text = ['a,b', '', '1,2', '"multi', 'line",3', '', '   ', ',,', '4,"x', '', 'y"', '5,6', '', ''].join('\n');
    const f = readCsv(text, ',', 't.csv');
    expect(lines(f)).toEqual([
      [3, ['1', '2']],
      [4, ['multi\nline', '3']],
      [9, ['4', 'x\n\ny']],
      [12, ['5', '6']],
    ]);
  });

  it('finds the header after leading blank lines', () => {
    const f = readCsv('\n\na;b\n1;2', ';', 't.csv');
    expect(f.headerLine).toBe(3);
    expect(f.header).toEqual(['a', 'b']);
    expect(lines(f)).toEqual([[4, ['1', '2']]]);
  });

  it('trims header names', () => {
    expect(readCsv(' a , b \n1,2', ',', 't.csv').header).toEqual(['a', 'b']);
  });

  it('tolerates a stray quote inside an unquoted cell', () => {
    expect(lines(readCsv('a,b\n24" monitor,2\n', ',', 't.csv'))).toEqual([[2, ['24" monitor', '2']]]);
  });

  it('rejects an empty file', () => {
    expect(() => readCsv('', ',', 'empty.csv')).toThrow(DataError);
    expect(() => readCsv('\uFEFF\r\n\r\n', ',', 'empty.csv')).toThrow('empty.csv: the file is empty; it needs a header row naming its columns');
  });

  it('reports an unclosed quote with the line where it opens', () => {
    const text = 'a,b\n1,2\n\n3,"oops\n4,5\n6,7\n';
    let err: unknown;
    try {
      readCsv(text, ',', 'q.csv');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DataError);
    expect((err as DataError).line).toBe(4);
    expect((err as DataError).message).toBe(
      'q.csv:4: a quoted value starts on this line but its closing quote (") is missing, so the rest of the file cannot be read (the line reads "3,\\"oops"); close the quote, or remove the stray one',
    );
  });
});
