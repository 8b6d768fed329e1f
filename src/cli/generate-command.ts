/** `playbook generate`: a CRM history of any size in the key-account playbook's shape. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { GENERATED_FILES, generate } from '../simulate/generate/index.js';
import { UsageError } from './errors.js';
import { say } from './output.js';

export interface GenerateFlags {
  reps: string;
  accounts: string;
  deals: string;
  activities: string;
  seed: string;
  dirty: string;
  out: string;
  force?: boolean;
}

const whole = (name: string, text: string) => {
  const n = Number(text.replace(/_/g, ''));
  // `-3` is a whole number: what is wrong with it is the sign (the range check in generate/ names the bounds).
  if (/^-[0-9_]+$/.test(text)) throw new UsageError(`--${name} cannot be negative: "${text}"`);
  if (!/^[0-9_]+$/.test(text) || !Number.isSafeInteger(n)) throw new UsageError(`--${name} must be a whole number, not "${text}"`);
  return n;
};

export function runGenerate(flags: GenerateFlags): number {
  const dirty = Number(flags.dirty);
  if (!/^(0(\.\d+)?|1(\.0+)?)$/.test(flags.dirty)) throw new UsageError(`--dirty must be a share from 0 to 1 (0.01 is one row in a hundred), not "${flags.dirty}"`);
  const taken = GENERATED_FILES.filter((f) => existsSync(join(flags.out, f)));
  if (taken.length > 0 && !flags.force) {
    throw new UsageError(`the folder "${flags.out}" already has ${taken.join(', ')}: choose an empty folder, or add --force to replace them`);
  }
  const started = Date.now();
  try {
    const result = generate(flags.out, { reps: whole('reps', flags.reps), accounts: whole('accounts', flags.accounts), deals: whole('deals', flags.deals), activities: whole('activities', flags.activities), seed: whole('seed', flags.seed), dirty });
    for (const [file, rows] of Object.entries(result.rows)) say(`wrote ${join(flags.out, file)}: ${rows.toLocaleString('en-US')} rows`);
  } catch (e) {
    if (e instanceof RangeError) throw new UsageError(e.message);
    throw e;
  }
  say(`done in ${((Date.now() - started) / 1000).toFixed(1)} s; run it with: playbook simulate playbooks/key-account.playbook --data ${flags.out}${Number(flags.dirty) > 0 ? ' --skip-bad-rows' : ''}`);
  return 0;
}
