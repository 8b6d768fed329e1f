/**
 * Issue 8, "Files": only regular files are read (a FIFO must not hang), the size
 * limit is stated and checked before reading, an Excel workbook is recognised,
 * and no message echoes a huge value whole.
 */
import { execFileSync } from 'node:child_process';
import { truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataError, loadDataset } from '../../src/data/index.js';
import { MAX_DATA_FILE_BYTES, readRegularFile, UnreadableFile } from '../../src/data/read-file.js';
import { compilePlaybookFile, PlaybookFileError } from '../../src/simulate/load-playbook.js';
import { field, table } from './helpers.js';
import { tempFolders, thrown } from './temp.js';

const folder = tempFolders();
const reps = table('reps', 'reps.csv', [field('name', 'text', { key: true })]);
const UTC = { timeZone: 'UTC' };

// No timings are asserted here (speed belongs to the benchmark): a read that waits on a pipe or
// reads a whole sparse file would show as the test runner's own time-out.
describe('data files that are not regular files', () => {
  it('a FIFO is refused at once instead of waiting for a writer', () => {
    const dir = folder({});
    execFileSync('mkfifo', [join(dir, 'reps.csv')]);
    const err = thrown(() => loadDataset([reps], dir, UTC));
    expect(err).toBeInstanceOf(DataError);
    expect(err.message).toBe(
      'reps.csv: this is a named pipe (FIFO), not a regular file; only regular files are read (a pipe or device could make the run wait forever)',
    );
  });

  it('a folder is refused by name', () => {
    const dir = folder({});
    execFileSync('mkdir', [join(dir, 'reps.csv')]);
    expect(thrown(() => loadDataset([reps], dir, UTC)).message).toBe(`reps.csv: this is a folder, not a CSV file (in ${dir})`);
  });
});

describe('the size limit', () => {
  it('is 500 MiB per JSON Lines (or Excel) file, checked before anything is read', () => {
    expect(MAX_DATA_FILE_BYTES).toBe(524_288_000);
    const jsonl = table('reps', 'reps.jsonl', [field('name', 'text', { key: true })]);
    const dir = folder({ 'reps.jsonl': '{"name":"ann"}\n' });
    // A sparse file: 524,288,001 bytes that take no disk space and are never read.
    truncateSync(join(dir, 'reps.jsonl'), 524_288_001);
    const err = thrown(() => loadDataset([jsonl], dir, UTC));
    expect(err.message).toBe(
      'reps.jsonl: the file is 524.3 MB; the limit is 500 MiB per JSON Lines, Excel or Parquet file. Export it as CSV (a CSV file has no size limit), or split the export (for example by year)',
    );
  });

  it('a CSV file has no size limit: it is read as a stream, and only its first chunk is read to refuse a binary file', () => {
    // Changed on purpose (issue 10): a CSV of 524,288,001 bytes is no longer refused for its size.
    const dir = folder({ 'reps.csv': 'name\nann\n' });
    truncateSync(join(dir, 'reps.csv'), 524_288_001);
    const err = thrown(() => loadDataset([reps], dir, UTC));
    expect(err.message).toBe(
      'reps.csv: this is not a text file: it holds many NUL bytes (character 0), which CSV exports never do. Check that the table points at the right file, and export it again as "CSV UTF-8"',
    );
  });

  it('a file of exactly the limit is read; one byte more is refused (readRegularFile with a 10-byte limit)', () => {
    const dir = folder({ 'ten.csv': '0123456789', 'eleven.csv': '0123456789A' });
    expect(readRegularFile(join(dir, 'ten.csv'), 10, '10 bytes').toString()).toBe('0123456789');
    const err = thrown(() => readRegularFile(join(dir, 'eleven.csv'), 10, '10 bytes'));
    expect(err).toBeInstanceOf(UnreadableFile);
    expect(err.message).toBe('the file is 11 bytes; the limit is 10 bytes');
  });
});

describe('huge values are never echoed whole', () => {
  it('a 20 MB header of NUL bytes: a short message naming the problem, no NUL in it', () => {
    const bytes = Buffer.concat([Buffer.alloc(20 * 1024 * 1024), Buffer.from('\nann\n')]);
    const dir = folder({ 'reps.csv': bytes });
    const err = thrown(() => loadDataset([reps], dir, UTC));
    expect(err.message).toBe(
      'reps.csv: this is not a text file: it holds many NUL bytes (character 0), which CSV exports never do. Check that the table points at the right file, and export it again as "CSV UTF-8"',
    );
  });

  it('a 900,000-character header cell is shown as its first 60 characters and its length', () => {
    const dir = folder({ 'reps.csv': `${'x'.repeat(900_000)}\nann\n` });
    const err = thrown(() => loadDataset([reps], dir, UTC));
    expect(err.message).toBe(`reps.csv: column "name" not found; the file has: "${'x'.repeat(60)}… (900000 characters)"`);
  });

  it('a 20 MB header line is refused as a row over 1,000,000 bytes, echoing 60 of its characters', () => {
    const dir = folder({ 'reps.csv': `${'x'.repeat(20_971_520)}\nann\n` });
    const err = thrown(() => loadDataset([reps], dir, UTC));
    expect(err.message).toBe(
      `reps.csv:1: the row starting on this line is longer than 1,000,000 bytes (1,000,000 plain letters; an accented letter counts as 2, a Chinese character as 3), so the file is not read (the line reads "${'x'.repeat(60)}… (20971520 characters)"). ` +
        'Usually a quote (") opens a value by mistake and the rest of the file becomes that value: remove the stray quote',
    );
  });
});

describe('Excel workbooks named as CSV', () => {
  it('.xlsx (a ZIP file: PK\\x03\\x04) says how to save it as CSV', () => {
    const dir = folder({ 'reps.csv': Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0xff, 0xfe, 0x00]) });
    expect(thrown(() => loadDataset([reps], dir, UTC)).message).toBe(
      'reps.csv: this is an Excel workbook (.xlsx, or another ZIP archive), not a CSV file. Open it in Excel, choose File › Save As › "CSV UTF-8 (Comma delimited) (*.csv)", and point the table at the saved file (table reps from "….csv"); or read the workbook itself by naming it with its .xlsx extension (table reps from "….xlsx" sheet "…")',
    );
  });

  it('.xls (OLE: D0 CF 11 E0 A1 B1 1A E1)', () => {
    const dir = folder({ 'reps.csv': Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]) });
    expect(thrown(() => loadDataset([reps], dir, UTC)).message).toMatch(/^reps\.csv: this is an old-style Excel workbook \(\.xls\), not a CSV file\. Open it in Excel/);
  });
});

describe('the playbook file', () => {
  it('a FIFO is refused at once', () => {
    const dir = folder({});
    const file = join(dir, 'plan.playbook');
    execFileSync('mkfifo', [file]);
    const err = thrown(() => compilePlaybookFile(file));
    expect(err).toBeInstanceOf(PlaybookFileError);
    expect(err.message).toBe(`${file}: this is a named pipe (FIFO), not a regular file; only regular files are read (a pipe or device could make the run wait forever)`);
  });

  it('a file over 4,000,003 bytes (1,000,000 characters of at most 4 bytes, and a BOM) is refused before reading', () => {
    const dir = folder({ 'plan.playbook': '' });
    const file = join(dir, 'plan.playbook');
    truncateSync(file, 4_000_004);
    expect(thrown(() => compilePlaybookFile(file)).message).toBe(
      `${file}: the file is 4,000,004 bytes; the limit is 4,000,003 bytes (a playbook has at most 1,000,000 characters); check that this is the playbook and not a data file`,
    );
  });

  it('a folder and a missing file keep their messages', () => {
    const dir = folder({});
    expect(thrown(() => compilePlaybookFile(dir)).message).toBe(`${dir}: is a folder, not a playbook file`);
    expect(thrown(() => compilePlaybookFile(join(dir, 'nope.playbook'))).message).toBe(`${join(dir, 'nope.playbook')}: no such file`);
  });

  it('a playbook saved in Latin-1 is refused at its first bad byte (an alias "Müller" would never match)', () => {
    const dir = folder({ 'plan.playbook': Buffer.from('playbook "P"\n  # M\xfcller\n', 'latin1') });
    const file = join(dir, 'plan.playbook');
    expect(thrown(() => compilePlaybookFile(file)).message).toBe(
      `${file}:2:6: the playbook is not UTF-8: the bytes FC 6C 6C 65 here are not valid UTF-8 text; save it as UTF-8 (in most editors: Save with Encoding › UTF-8)`,
    );
  });

  it('a file just under the byte limit with too many characters still gets PB1006', () => {
    const dir = folder({});
    const file = join(dir, 'plan.playbook');
    writeFileSync(file, '#'.repeat(1_000_001));
    expect(compilePlaybookFile(file).diagnostics.map((d) => d.code)).toEqual(['PB1006']);
  });
});
