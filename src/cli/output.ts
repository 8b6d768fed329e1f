/**
 * Where command output goes: stdout by default, or a file with `--out` — never a
 * file the run reads, and always written whole or not at all (see src/simulate/files).
 */
import { checkOutputPath, type InputFile, reportPlace, writeOutput, writeOutputWith } from '../simulate/files/index.js';
import { ChunkedSink, type TextSink } from '../simulate/text-sink.js';

/**
 * Writes the report to `out`, or to standard output.
 * @throws OutputFileError when `out` is one of `inputs` or cannot be written (the old file is then untouched).
 */
export function emit(text: string, out: string | undefined, inputs: readonly InputFile[]): void {
  if (!out) {
    process.stdout.write(text);
    return;
  }
  writeOutput(out, text, inputs, reportPlace(out));
}

/**
 * Writes a report produced piece by piece (`produce` writes it to the sink it is given) to `out`,
 * or to standard output, in chunks of about a megabyte: a report over a million deals
 * is never one string. Same bytes as {@link emit} of the whole text. `onRows` gets the rows
 * written so far (for progress).
 * @throws OutputFileError when `out` is one of `inputs` or cannot be written (the old file is then untouched).
 */
export function emitStreamed(produce: (sink: TextSink) => void, out: string | undefined, inputs: readonly InputFile[], onRows?: (rows: number) => void): void {
  if (!out) {
    // Standard output may keep the bytes to write later: it gets its own copy of the reused buffer.
    const sink = new ChunkedSink((chunk) => process.stdout.write(Buffer.from(chunk)), onRows);
    produce(sink);
    sink.end();
    return;
  }
  writeOutputWith(
    out,
    (write) => {
      const sink = new ChunkedSink(write, onRows);
      produce(sink);
      sink.end();
    },
    inputs,
    reportPlace(out),
  );
}

/**
 * Refuses, before the run does any work, an `--out` that is one of `inputs` (the playbook,
 * a data file; by device and inode, so links count) or that cannot be a file.
 * @throws OutputFileError saying why and what to do.
 */
export function guardOut(out: string | undefined, inputs: readonly InputFile[]): void {
  if (out) checkOutputPath(out, inputs, reportPlace(out));
}

export function say(text: string): void {
  process.stderr.write(`${text}\n`);
}

/** Lists rows left out with --skip-bad-rows on standard error (reports without a place for them). */
export function sayLeftOut(rows: { messages: string[] }[]): void {
  if (rows.length === 0) return;
  say(`${rows.length} bad row${rows.length === 1 ? ' was' : 's were'} left out of this report:`);
  for (const r of rows) for (const m of r.messages) say(`  ${m}`);
}
