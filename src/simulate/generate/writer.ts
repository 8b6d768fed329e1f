/** CSV files written row by row in large chunks, so ten million rows never sit in one string. */
import { closeSync, openSync, writeSync } from 'node:fs';

const CHUNK = 1 << 20;

export class CsvWriter {
  private fd: number;
  private buffer: string[] = [];
  private size = 0;
  rows = 0;

  constructor(path: string, header: readonly string[]) {
    this.fd = openSync(path, 'w');
    this.line(header);
    this.rows = 0;
  }

  /** One row; cells are written as given (the generator's cells need no quoting). */
  line(cells: readonly string[]): void {
    const text = `${cells.join(',')}\n`;
    this.buffer.push(text);
    this.size += text.length;
    this.rows++;
    if (this.size >= CHUNK) this.flush();
  }

  private flush(): void {
    if (this.buffer.length > 0) writeSync(this.fd, this.buffer.join(''));
    this.buffer = [];
    this.size = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}
