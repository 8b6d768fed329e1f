/**
 * The terminal tables' alignment (text-table.ts): by display width, where a Chinese character
 * takes two columns and an ASCII character one — and a table of more rows than a function can
 * take arguments (the audit's "By rep and month" over a million deals) still renders.
 */
import { describe, expect, it } from 'vitest';
import { renderTable } from '../../src/simulate/text-table.js';

describe('renderTable', () => {
  it('aligns ASCII and double-width cells by display width (worked by hand)', () => {
    const text = renderTable(
      [
        { title: 'Rep', align: 'left' },
        { title: 'Payout', align: 'right' },
      ],
      [['Ann', '1,200.00'], ['王小明', '75.50'], null, ['Total', '1,275.50']],
    );
    // Widest rep: 王小明 = 3 characters × 2 columns = 6; widest payout: "1,200.00" = 8.
    expect(text.split('\n')).toEqual([
      'Rep       Payout',
      '──────  ────────',
      'Ann     1,200.00',
      '王小明     75.50',
      '──────  ────────',
      'Total   1,275.50',
    ]);
  });

  it('renders 300,000 rows (more than a spread of arguments allows)', () => {
    const rows = Array.from({ length: 300_000 }, (_, i) => [`rep ${i}`, String(i)]);
    const text = renderTable([{ title: 'Rep', align: 'left' }, { title: 'Deals', align: 'right' }], rows);
    const lines = text.split('\n');
    expect(lines.length).toBe(300_002);
    // "rep 299999" is 10 columns wide, "299999" 6: the last row fills both.
    expect(lines[0]).toBe('Rep          Deals');
    expect(lines[300_001]).toBe('rep 299999  299999');
    expect(lines[2]).toBe('rep 0            0');
  });
});
