/**
 * Start-up measured in instructions, not milliseconds: `valgrind --tool=callgrind` counts the
 * instructions a command executes, nearly the same count whatever else the machine is doing (two
 * runs of the same `check` side by side differed by 0.03% at a load average of 13; runs an hour
 * apart, by up to 3%). On this shared 2-core machine wall times move by 2–3× with the load, so a
 * start-up change is judged by instruction counts taken side by side; the section is skipped when
 * valgrind is not installed.
 */
import { spawnSync } from 'node:child_process';

/** Instructions executed by `node ...args` under callgrind, or null when valgrind is missing or fails. */
export function instructionsOf(root: string, args: string[]): number | null {
  const r = spawnSync('valgrind', ['--tool=callgrind', '--callgrind-out-file=/dev/null', '--smc-check=all', process.execPath, ...args], { cwd: root, encoding: 'utf8' });
  if (r.error || (r.status !== 0 && r.status !== 1)) return null;
  const m = /refs:\s+([\d,]+)/.exec(r.stderr);
  return m ? Number(m[1].replace(/,/g, '')) : null;
}

/** The Markdown section: Node alone, then each command, in millions of instructions and as a multiple of Node's own. */
export function instructionsSection(root: string, commands: { label: string; args: string[] }[]): string[] {
  const node = instructionsOf(root, ['-e', '0']);
  if (node === null) return ['## Start-up in instructions', '', 'Skipped: valgrind is not installed (Debian package `valgrind`).', ''];
  const rows = ['## Start-up in instructions (`valgrind --tool=callgrind`, repeatable whatever the load)', '', '| command | million instructions | × node -e 0 |', '|---|---:|---:|', `| \`node -e 0\` (Node's own start-up) | ${(node / 1e6).toFixed(0)} | 1.0 |`];
  for (const c of commands) {
    const n = instructionsOf(root, c.args);
    rows.push(`| ${c.label} | ${n === null ? 'failed' : (n / 1e6).toFixed(0)} | ${n === null ? '—' : (n / node).toFixed(1)} |`);
  }
  rows.push('');
  return rows;
}
