/** `playbook explain` end to end: text and JSON, and the usage errors an analyst will meet. */
import { afterAll, describe, expect, it } from 'vitest';
import { EXAMPLE_DATA, KEY_ACCOUNT, playbook, removeTempDirs } from './helpers.js';

afterAll(removeTempDirs);

describe('playbook explain', () => {
  it('explains a rep by name or key as a statement tree', () => {
    const r = playbook('explain', KEY_ACCOUNT, '--data', EXAMPLE_DATA, '--rep', 'R01', '--component', 'monthly ranking');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('monthly ranking of R01 for 2026');
    expect(r.stdout).toMatch(/├─ monthly ranking \(2026\) +60,000\.00 {3}playbooks\/key-account\.playbook:111/);
  });
  it('says which rep was meant, and refuses a request without --rep or --deal', () => {
    const unknown = playbook('explain', KEY_ACCOUNT, '--data', EXAMPLE_DATA, '--rep', 'R1O');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('error: there is no rep "R1O" in reps.csv; did you mean "R10"?');
    const neither = playbook('explain', KEY_ACCOUNT, '--data', EXAMPLE_DATA);
    expect(neither.status).toBe(2);
    expect(neither.stderr).toContain('say which rep (--rep) or which deal (--deal) to explain');
  });
  it('explains a deal as JSON', () => {
    const r = playbook('explain', KEY_ACCOUNT, '--data', EXAMPLE_DATA, '--deal', 'D0380', '--format', 'json');
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.kind).toBe('deal');
    expect(doc.deal.credit.why).toBe('not credited: blocked by red line "margin floor"');
  });
});

describe('playbook score', () => {
  it('an unknown account gets "did you mean", ignoring case', () => {
    const r = playbook('score', KEY_ACCOUNT, '--data', EXAMPLE_DATA, '--account', 'a012');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('error: there is no account "a012" in accounts.csv; did you mean "A012"?');
  });
});
