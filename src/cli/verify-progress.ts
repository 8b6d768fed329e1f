/**
 * What `verify` says while it runs, on standard error: a progress line that
 * rewrites itself when standard error is a terminal (nothing when it is piped to
 * a file or another program, so logs stay clean), and, for a long run, one line
 * with the estimated time, printed as soon as the first second of work gives a rate.
 */
import type { VerifyProgress } from '../simulate/verify/index.js';

/** The part of a stream the reporter needs (process.stderr, or a fake in tests). */
export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

/** A run projected to take at least this long (ms) gets an estimated-time line. */
const LONG_RUN_MS = 30_000;
/** The estimate waits for this much work (ms), so the rate is not one slow first history. */
const CALIBRATION_MS = 1_000;
/** The progress line is redrawn at most this often (ms). */
const REDRAW_MS = 200;

/** `12 seconds`, `3 minutes`, `1 hour 5 minutes`: rounded, in words. */
export function durationText(ms: number): string {
  const s = Math.max(1, Math.round(ms / 1000));
  if (s < 60) return `${s} second${s === 1 ? '' : 's'}`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} minute${m === 1 ? '' : 's'}`;
  const h = Math.floor(m / 60);
  const rest = m % 60;
  return `${h} hour${h === 1 ? '' : 's'}${rest > 0 ? ` ${rest} minute${rest === 1 ? '' : 's'}` : ''}`;
}

const grouped = (n: number) => n.toLocaleString('en-US');

/**
 * A progress reporter for one verify run: pass `update` as `onProgress`, call `done`
 * when verify returns (it clears the progress line).
 */
export function verifyProgress(stream: ProgressStream, now: () => number = Date.now): { update: (p: VerifyProgress) => void; done: () => void } {
  const start = now();
  let estimated = false;
  let drawn = 0;
  let lineShown = false;
  return {
    update(p) {
      const t = now();
      const elapsed = t - start;
      // Work done so far, in histories over all properties (shrinking is not counted: it cannot be foreseen).
      const done = p.index * p.runs + p.run;
      const total = p.properties * p.runs;
      const projected = (elapsed / done) * total;
      if (!estimated && elapsed >= CALIBRATION_MS) {
        estimated = true;
        if (projected >= LONG_RUN_MS) {
          if (lineShown) stream.write('\r\x1b[K');
          stream.write(`verify: ${p.properties} propert${p.properties === 1 ? 'y' : 'ies'} × ${grouped(p.runs)} histories will take about ${durationText(projected)} (more if a counterexample has to be shrunk)\n`);
        }
      }
      if (!stream.isTTY || t - drawn < REDRAW_MS) return;
      drawn = t;
      lineShown = true;
      const where = p.shrinking ? 'shrinking a counterexample' : `${grouped(p.run)} of ${grouped(p.runs)} histories`;
      const left = elapsed >= CALIBRATION_MS && !p.shrinking ? ` · about ${durationText(Math.max(0, projected - elapsed))} left` : '';
      stream.write(`\r\x1b[Kverify: property ${p.index + 1} of ${p.properties} (${p.property}) · ${where}${left}`);
    },
    done() {
      if (lineShown) stream.write('\r\x1b[K');
    },
  };
}
