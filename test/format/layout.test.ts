/** The canonical layout of `playbook fmt`, on small texts whose formatted form is written out by hand. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FormatError, formatPlaybook } from '../../src/language/format/format.js';
import { playbook, removeTempDirs, tempDir } from '../cli/helpers.js';

afterAll(removeTempDirs);

const messy = [
  '# The plan',
  'playbook   "P"',
  '    currency USD ; time zone "UTC"   fiscal year starts January',
  '  plan period 2017',
  'table deals from "d.csv"',
  '  field id text column "id" key     # the key',
  '        field rep text column "rep"',
  '  field close_date date "YYYY-MM-DD" column "close"',
  '  field amount money column "amount"',
  '',
  '',
  '',
  '  won  when stage = "Won"',
  'credit deals when won to rep on close_date amount amount',
  'commission "c" on credited per year marginal',
  '  base rate 2 %',
  '  from 0 pay base',
  '  from 300,000   pay 2 × base',
  '  from 450,000 pay 3×base',
  'bonus "b" per deal when min( amount , 10 ) > -5 pay 1',
].join('\n');

const formatted = [
  '# The plan',
  'playbook "P"',
  '  currency USD · time zone "UTC" · fiscal year starts January',
  '  plan period 2017',
  '',
  'table deals from "d.csv"',
  '  field id         text  column "id" key  # the key',
  '  field rep        text  column "rep"',
  '  field close_date date  "YYYY-MM-DD" column "close"',
  '  field amount     money column "amount"',
  '',
  '  won when stage = "Won"',
  '',
  'credit deals when won to rep on close_date amount amount',
  '',
  'commission "c" on credited per year marginal',
  '  base rate 2%',
  '  from 0       pay base',
  '  from 300,000 pay 2 × base',
  '  from 450,000 pay 3 × base',
  '',
  'bonus "b" per deal when min(amount, 10) > -5 pay 1',
  '',
].join('\n');

describe('playbook fmt layout', () => {
  it('aligns columns, separates sections and items, keeps comments', () => {
    expect(formatPlaybook(messy)).toBe(formatted);
  });

  it('writes a comma between header items as the separator ·, and leaves other commas alone', () => {
    const text = 'playbook "P"\n  currency USD, time zone "UTC", fiscal year starts January\n  plan period 2017\n\ntable reps from "reps.csv"\n  field name text key\n';
    expect(formatPlaybook(text)).toBe('playbook "P"\n  currency USD · time zone "UTC" · fiscal year starts January\n  plan period 2017\n\ntable reps from "reps.csv"\n  field name text key\n');
  });

  it('keeps the bands of a table aligned around a comment line between them; a blank line ends the run', () => {
    const head = 'playbook "P"\n  currency USD\n  plan period 2017\n\ncommission "c" on credited per year marginal\n  base rate 2%\n';
    const bands = '  from 0 pay base\n  # the accelerator starts at 100,000\n  from 100,000 pay 2 × base\n  from 1,000,000 pay 3 × base\n';
    // "from 1,000,000" is the widest first column (14 characters): every band's "pay" starts after it.
    expect(formatPlaybook(head + bands)).toBe(
      `${head}  from 0         pay base\n  # the accelerator starts at 100,000\n  from 100,000   pay 2 × base\n  from 1,000,000 pay 3 × base\n`,
    );
    const apart = '  from 0 pay base\n\n  # the accelerator starts at 100,000\n  from 100,000 pay 2 × base\n';
    expect(formatPlaybook(head + apart)).toBe(`${head}  from 0 pay base\n\n  # the accelerator starts at 100,000\n  from 100,000 pay 2 × base\n`);
  });

  it('refuses a text with syntax errors', () => {
    expect(() => formatPlaybook('playbook "P"\ntable')).toThrow(FormatError);
  });

  it('refuses, as check does (PB1007, PB1006), parentheses nested 1,000 deep and a text over a million characters, instead of running out of stack', () => {
    const deep = `${messy}\nbonus "d" per deal when ${'('.repeat(1000)}amount${')'.repeat(1000)} > 5 pay 1\n`;
    expect(() => formatPlaybook(deep)).toThrow(FormatError);
    const long = `${messy}\n# ${'x'.repeat(1_000_000)}\n`;
    expect(long.length).toBeGreaterThan(1_000_000);
    expect(() => formatPlaybook(long)).toThrow(FormatError);
    // 20,000 operators in one expression (PB1007) are refused too.
    expect(() => formatPlaybook(`${messy}\nbonus "e" per deal when amount${' + amount'.repeat(20_000)} > 5 pay 1\n`)).toThrow(FormatError);
    // Nested 50 deep is within the limit and is laid out.
    expect(formatPlaybook(`${messy}\nbonus "d" per deal when ${'('.repeat(50)}amount${')'.repeat(50)} > 5 pay 1\n`)).toContain(`${'('.repeat(50)}amount${')'.repeat(50)} > 5 pay 1`);
  });

  it('fmt --check exits 1 with a diff; --write formats the file; then --check passes', () => {
    const dir = tempDir();
    const file = join(dir, 'plan.playbook');
    writeFileSync(file, messy);
    const check = playbook('fmt', '--check', file);
    expect(check.status).toBe(1);
    expect(check.stdout).toContain('-  base rate 2 %');
    expect(check.stdout).toContain('+  base rate 2%');
    expect(check.stderr).toContain('1 file is not formatted');
    expect(playbook('fmt', '--write', file).status).toBe(0);
    const again = playbook('fmt', '--check', file);
    expect(again.status).toBe(0);
    expect(again.stdout).toBe('');
  });

  it('a formatted file saved with CRLF line endings passes --check; --write keeps CRLF; mixed endings are said', () => {
    const dir = tempDir();
    const file = join(dir, 'plan.playbook');
    const crlf = formatted.replace(/\n/g, '\r\n');
    writeFileSync(file, crlf);
    const check = playbook('fmt', '--check', file);
    expect([check.status, check.stdout]).toEqual([0, '']);
    writeFileSync(file, messy.replace(/\n/g, '\r\n'));
    expect(playbook('fmt', '--write', file).status).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(crlf);
    // The first line ends LF, the last CRLF: fmt writes LF, and the line endings are the only change.
    writeFileSync(file, formatted.replace(/\n$/, '\r\n'));
    const mixed = playbook('fmt', '--check', file);
    expect(mixed.status).toBe(1);
    expect(mixed.stdout).toBe(`${file}: only line endings differ (some lines end CRLF, others LF); playbook fmt --write ends them all LF\n`);
  });

  it('keeps a byte-order mark, and does not lay the first line out as indented by it', () => {
    // Before: "\ufeff# top comment" came out as "  # top comment", the mark gone.
    expect(formatPlaybook(`\ufeff# top comment\n${formatted}`)).toBe(`\ufeff# top comment\n${formatted}`);
    expect(formatPlaybook(`\ufeff${messy}`)).toBe(`\ufeff${formatted}`);
  });

  it('the project playbooks are formatted', () => {
    const r = playbook('fmt', '--check', 'playbooks/key-account.playbook', 'playbooks/maven-crm-2017.playbook');
    expect(r.status).toBe(0);
  });
});
