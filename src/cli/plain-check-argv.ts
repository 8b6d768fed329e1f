/** Which command lines are a plain check (run by plain-check.ts without commander); loaded at every start, so it imports nothing. */
import type { CheckFlags } from './check-command.js';

/**
 * `playbook check FILE` or `playbook check FILE --strict` (either order), the commonest short run, as
 * commander would read it (the file is not an option, nothing else is given); null for anything else,
 * which goes through commander: its start-up costs about as much as checking a small playbook.
 * `argv` is process.argv: node, script, command, arguments…
 */
export function plainCheck(argv: readonly string[]): { file: string; flags: CheckFlags } | null {
  if (argv[2] !== 'check') return null;
  const rest = argv.slice(3);
  const files = rest.filter((a) => a !== '--strict');
  const strict = rest.length - files.length;
  // A tests file (plan.tests.playbook) is not a plan: commander's path reads it as `playbook test` does.
  if (files.length !== 1 || files[0].startsWith('-') || files[0] === '' || files[0].endsWith('.tests.playbook') || strict > 1) return null;
  return { file: files[0], flags: strict === 1 ? { strict: true } : {} };
}
