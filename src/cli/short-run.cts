/**
 * Start-up tuning for short commands. `playbook check` and `playbook fmt` on a playbook of
 * normal size finish in a few hundred milliseconds, most of it spent running each function of
 * the parser once or twice: V8's optimising compiler, which starts compiling hot functions on
 * a background thread, costs more CPU than it gives back in so short a run (measured on the
 * 2,000-line benchmark playbook: 510 ms of CPU with it, 350 ms without; bench/RESULTS.md).
 * On a large playbook the optimised code wins again (a 1,000,000-character playbook: 2.2 s
 * with it, 3.2 s without), so the tuning applies only below {@link SHORT_RUN_MAX_BYTES}.
 * Long commands (simulate, audit, backtest, verify, lsp …) are never tuned.
 *
 * The young generation keeps V8's own growth (twice at a step). Growing it four times at a step
 * (`--semi-space-growth-factor=4`, kept until 2026-12-04) ran 6% fewer instructions on the 2,000-line
 * benchmark playbook but took longer on the clock: each larger step commits fresh memory, which the
 * kernel pays for and an instruction count does not see (medians over 21 interleaved runs: 279–286 ms
 * without it against 299–305 with it; the Maven playbook 175 against 183; bench/RESULTS.md).
 *
 * And it marks the old generation only when it must (`--no-incremental-marking`): a check's objects
 * all live until it ends, yet the growing heap started an incremental marking that the process then
 * finished just before exiting, freeing nothing it needed (5% of the benchmark's instructions). A
 * short run's heap stays far below the limits (a 250 KB playbook: under 80 MB, no full collection).
 *
 * Nor does it schedule a young-generation collection ahead of need (`--no-minor-gc-task`): the task ran
 * one more scavenge as the check was ending, copying objects that live until the exit anyway (2,000-line
 * benchmark playbook: 3% fewer instructions). And every function is compiled by V8's baseline compiler,
 * Sparkplug, when first called (`--always-sparkplug`), instead of being interpreted until it is warm: with
 * the optimising compiler off, the parser's loops then run as machine code from the start (2,000-line
 * playbook: median 304 ms instead of 316 over 25 runs; the bundled Maven playbook: 182 instead of 186).
 */
import { statSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';

/** Commands that read a playbook (or a few) and stop. */
const SHORT_COMMANDS = new Set(['check', 'fmt']);
/** Largest playbook, in bytes, for which the optimising compiler is switched off. */
export const SHORT_RUN_MAX_BYTES = 256 * 1024;

/**
 * Whether `argv` (process.argv: node, script, command, arguments…) is a short command over
 * files that are all smaller than {@link SHORT_RUN_MAX_BYTES}. A folder, a missing file or
 * standard input counts as large (the command's own messages handle the missing ones).
 */
export function isShortRun(argv: readonly string[]): boolean {
  const command = argv[2];
  if (command === '--version' || command === '-V') return true;
  if (!SHORT_COMMANDS.has(command ?? '')) return false;
  const files = argv.slice(3).filter((a) => !a.startsWith('-'));
  if (files.length === 0) return false;
  for (const file of files) {
    try {
      const s = statSync(file);
      if (!s.isFile() || s.size > SHORT_RUN_MAX_BYTES) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/** The V8 flags of a short run, set in this order (the plain check's code cache is made with them: check-bundle/make-cache.ts). */
export const SHORT_RUN_FLAGS = ['--no-opt', '--no-incremental-marking', '--no-minor-gc-task', '--always-sparkplug'] as const;

/** Sets {@link SHORT_RUN_FLAGS}, whatever the command line. */
export function applyShortRunFlags(): void {
  for (const flag of SHORT_RUN_FLAGS) setFlagsFromString(flag);
}

/** Switches V8's optimising compiler and incremental marking off for a short run (and sets the rest of {@link SHORT_RUN_FLAGS}); see the file's comment for why. */
export function tuneForShortRun(argv: readonly string[]): void {
  if (isShortRun(argv)) applyShortRunFlags();
}
