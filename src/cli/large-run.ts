/**
 * Heap tuning for large runs (issue 10, scale). A run over a large export (`simulate`, `audit`,
 * `backtest` … over hundreds of megabytes of CSV) makes many short-lived values; with Node's
 * default young generation (16 MB semi-spaces) they are collected so often that garbage
 * collection takes a sixth of the run's CPU. V8 reads the young generation's size once, when the
 * process starts, so `bin/playbook.js` starts the command again in a child Node process with
 * {@link LARGE_RUN_FLAGS} when {@link largeRunFlags} says so (measured over 100,000 deals and
 * 1,000,000 activities: 18.2 → 15.3 s of CPU for `simulate`, the same peak memory;
 * bench/RESULTS.md). Small runs are not restarted: a second Node start costs about 60 ms.
 * The outputs are the same byte for byte either way.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The flags a large run is started with: 32 MB semi-spaces (Node's default is 16 MB). */
export const LARGE_RUN_FLAGS: readonly string[] = ['--max-semi-space-size=32'];
/** Commands that read a `--data` folder and evaluate the whole of it. */
const DATA_COMMANDS = new Set(['simulate', 'compare', 'curve', 'audit', 'backtest', 'score', 'explain', 'verify']);
/** Size of the `--data` folder's files, in bytes, from which a run counts as large. */
export const LARGE_RUN_MIN_BYTES = 64 * 1024 * 1024;
/** Set in the child's environment (and usable by hand) to run in this process whatever the size. */
export const NO_RESTART_VARIABLE = 'PLAYBOOK_NO_RESTART';

/**
 * The Node flags to restart this command with, or null to run it in this process: null unless
 * `argv` (process.argv: node, script, command, arguments…) is a data command whose `--data`
 * folder (or file) holds at least {@link LARGE_RUN_MIN_BYTES}, and Node was not already given a
 * young-generation size (`execArgv`, NODE_OPTIONS) nor {@link NO_RESTART_VARIABLE} set. A
 * missing or unreadable folder runs in this process (the command's own messages name it).
 */
export function largeRunFlags(argv: readonly string[], execArgv: readonly string[], env: NodeJS.ProcessEnv): string[] | null {
  if (!DATA_COMMANDS.has(argv[2] ?? '')) return null;
  if (env[NO_RESTART_VARIABLE]) return null;
  const tuned = (a: string) => a.includes('semi-space-size');
  if (execArgv.some(tuned) || (env.NODE_OPTIONS ?? '').split(/\s+/).some(tuned)) return null;
  const data = dataArgument(argv.slice(3));
  if (data === null) return null;
  return bytesIn(data) >= LARGE_RUN_MIN_BYTES ? [...LARGE_RUN_FLAGS] : null;
}

/** The value of `--data X` or `--data=X` among the arguments, or null. */
function dataArgument(args: readonly string[]): string | null {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--data') return args[i + 1] ?? null;
    if (args[i].startsWith('--data=')) return args[i].slice('--data='.length);
  }
  return null;
}

/** Bytes in a file, or in a folder's files (not its sub-folders); 0 when it cannot be read. */
function bytesIn(path: string): number {
  try {
    const s = statSync(path);
    if (s.isFile()) return s.size;
    if (!s.isDirectory()) return 0;
    let total = 0;
    for (const name of readdirSync(path)) {
      try {
        const f = statSync(join(path, name));
        if (f.isFile()) total += f.size;
      } catch {
        // A file that vanished or cannot be read counts as empty here; the command says so.
      }
    }
    return total;
  } catch {
    return 0;
  }
}
