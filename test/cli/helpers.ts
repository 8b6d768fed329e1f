/**
 * Runs the real `playbook` binary (node bin/playbook.js …) from the repository
 * root, as a user would, on the JavaScript built into dist/ (`npm test` builds it first). The CLI tests
 * still share runs across assertions to keep the suite quick.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const EXAMPLE_DATA = 'examples/key-account';
export const KEY_ACCOUNT = 'playbooks/key-account.playbook';
export const MAVEN = 'playbooks/maven-crm-2017.playbook';
/** Generous: one run is 2–4 s, but CI machines vary. */
export const TIMEOUT = 60_000;

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `node bin/playbook.js ...args` in the repository root. */
export function playbook(...args: string[]): Run {
  const result = spawnSync(process.execPath, ['bin/playbook.js', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: TIMEOUT,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const made: string[] = [];

/** A fresh temporary folder (removed by {@link removeTempDirs}). */
export function tempDir(prefix = 'playbook-cli-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Removes the folders made by {@link tempDir}; call it in `afterAll`. */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A copy of the example data folder, to corrupt. */
export function copyOfExampleData(): string {
  const dir = tempDir('playbook-data-');
  cpSync(join(ROOT, EXAMPLE_DATA), dir, { recursive: true });
  return dir;
}

/** True when a text looks like it contains a JavaScript stack trace. */
export function hasStackTrace(text: string): boolean {
  return /^\s+at .+[(:]\d+/m.test(text) || /\.ts:\d+:\d+/.test(text);
}

/** The compiled validator of schema/simulate-output.schema.json (Ajv strict mode, all errors). */
export function simulateOutputValidator() {
  const schema = JSON.parse(readFileSync(join(ROOT, 'schema/simulate-output.schema.json'), 'utf8')) as Record<string, unknown>;
  return new Ajv2020({ allErrors: true, strict: true }).compile(schema);
}

/** What a run of the key-account reference says on stderr: it has two deliberate warnings (PB4301). */
export const KEY_ACCOUNT_NOTE = 'note: playbooks/key-account.playbook has 2 warnings; playbook check playbooks/key-account.playbook lists them\n';
