/**
 * CSV text as RFC 4180 describes it: comma-separated, a header row, a field is
 * quoted only when it holds a comma, a double quote or a line break (quotes
 * doubled inside). Lines end with LF; the file ends with one LF.
 */

/** One field, quoted only where needed. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** A whole file: header, then rows; every row must have the header's width. */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [header, ...rows].map((row, i) => {
    if (row.length !== header.length) {
      throw new Error(`CSV row ${i} has ${row.length} fields, header has ${header.length}`);
    }
    return row.map(csvField).join(',');
  });
  return lines.join('\n') + '\n';
}
