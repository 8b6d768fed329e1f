/**
 * Progress on the terminal while a long run works: reading each table (rows and rows per
 * second), evaluating the rule graph (steps done of all), writing the report (rows and rows per
 * second). On standard error, and only when standard error is a terminal: nothing at all when it
 * is piped to a file or another program, so logs and scripts see exactly what they saw before.
 * Each line rewrites itself (cli-progress, redrawn at most every 200 ms from inside the work,
 * which is synchronous) and is cleared when the run ends, so the report is not interleaved with it.
 */
import cliProgress from 'cli-progress';
import type { ProgressHooks } from '../simulate/simulate.js';

/** The part of a stream progress needs (process.stderr, or a fake terminal in tests). */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

const grouped = (n: number) => Math.round(n).toLocaleString('en-US');

/** What a run tells its progress display: see {@link runProgress}. */
export interface RunProgress {
  /** Hooks to hand to `simulate` and `loadData` (`SimulateOptions.progress`). */
  hooks: ProgressHooks;
  /** Rows of the report written so far (give to `emitStreamed`). */
  written: (rows: number) => void;
  /** Clears the progress line; call when the run ends, however it ends. */
  stop: () => void;
}

/**
 * A progress display for one run of `verb` on `stream` (standard error by default), or hooks
 * that do nothing when the stream is not a terminal.
 */
export function runProgress(verb: string, stream: ProgressStream = process.stderr): RunProgress {
  if (!stream.isTTY) return { hooks: {}, written: () => {}, stop: () => {} };
  let bar: cliProgress.SingleBar | null = null;
  let phase = '';
  let started = 0;
  const begin = (name: string, format: string, total: number, since?: number) => {
    if (phase === name && bar !== null) return bar;
    bar?.stop();
    phase = name;
    started = since ?? Date.now();
    bar = new cliProgress.SingleBar(
      { stream: stream as NodeJS.WritableStream, format: `${verb}: ${format}`, clearOnComplete: true, hideCursor: false, gracefulExit: false, fps: 5, barsize: 20, linewrap: false },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { phase: name, rows: '0', rate: '0' });
    // A table read in a worker thread is shown only once this thread is free, long after it
    // began: its rate and time count from when it began (cli-progress's own clock, `startTime`,
    // is the field its time token reads).
    if (since !== undefined) (bar as unknown as { startTime: number }).startTime = since;
    return bar;
  };
  const rate = (rows: number) => grouped(rows / Math.max(0.001, (Date.now() - started) / 1000));
  const counting = (name: string, rows: number, since?: number) => begin(name, '{phase} {rows} rows, {rate} rows/s, {duration_formatted}', 0, since).update(0, { phase: name, rows: grouped(rows), rate: rate(rows) });
  return {
    hooks: {
      onRows: (table, rows, since) => counting(`reading ${table}`, rows, since),
      onStep: (done, total) => begin('evaluating', '{phase} [{bar}] {value}/{total} rule steps, {duration_formatted}', total).update(done, { phase: 'evaluating' }),
    },
    written: (rows) => counting('writing the report', rows),
    stop: () => {
      bar?.stop();
      bar = null;
    },
  };
}
