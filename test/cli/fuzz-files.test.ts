/**
 * The whole command on messy exports (seeded): random bytes, other encodings, stray quotes and
 * cut lines in a real-shaped deals/reps pair. Whatever the input, `simulate --out` either
 * writes its report with every row accounted for (read = used + rejected) and exit 0, or stops
 * with a plain message and exit 2 — never a stack trace, never a change to an input file, never
 * a file written anywhere but the requested output. PLAYBOOK_FUZZ_RUNS sets the number of cases.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { playbook, removeTempDirs, tempDir } from './helpers.js';
import { smallScheme } from '../helpers/small-scheme.js';

afterAll(removeTempDirs);

const SCHEME = smallScheme({ name: 'Fuzz' });
const REPS = 'rep\nAnn Müller\nBo Möller\n王芳\n';
const DEALS = [
  'id,rep,stage,close_date,amount',
  'D1,Ann Müller,Won,2017-01-31,"1,200.50"',
  'D2,Bo Möller,Lost,2017-02-28,800',
  'D3,王芳,Won,2017-03-31,2500',
  'D4,Ann Müller,Won,2017-12-31,99.99',
].join('\n');

/** Every file under `dir` with its content hash. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), createHash('sha256').update(readFileSync(p)).digest('hex'));
    }
  };
  walk(dir);
  return out;
}

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('byte' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('quote' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('latin1' as const) }),
  fc.record({ kind: fc.constant('utf16' as const) }),
);

function mutate(text: string, m: { kind: string; at?: number; byte?: number }): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  const at = (m.at ?? 0) % (bytes.length + 1);
  switch (m.kind) {
    case 'byte':
      return Buffer.concat([bytes.subarray(0, at), Buffer.from([m.byte ?? 0]), bytes.subarray(at)]);
    case 'quote':
      return Buffer.concat([bytes.subarray(0, at), Buffer.from('"'), bytes.subarray(at)]);
    case 'cut':
      return bytes.subarray(0, at);
    case 'latin1':
      return Buffer.from(text, 'latin1');
    default:
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  }
}

const RUNS = Number(process.env.PLAYBOOK_FUZZ_RUNS ?? 12);

describe('simulate on messy exports', () => {
  it(`exit 0 with every row accounted for, or exit 2 with a plain message; inputs untouched, nothing else written (${RUNS} cases)`, () => {
    fc.assert(
      fc.property(mutation, fc.boolean(), (m, onDeals) => {
        const dir = tempDir('playbook-fuzz-');
        mkdirSync(join(dir, 'data'));
        mkdirSync(join(dir, 'out'));
        writeFileSync(join(dir, 'scheme.playbook'), SCHEME);
        writeFileSync(join(dir, 'data', 'reps.csv'), onDeals ? REPS : mutate(REPS, m));
        writeFileSync(join(dir, 'data', 'deals.csv'), onDeals ? mutate(DEALS, m) : DEALS);
        const before = snapshot(dir);
        const r = playbook('simulate', join(dir, 'scheme.playbook'), '--data', join(dir, 'data'), '--format', 'json', '--out', join(dir, 'out', 'report.json'), '--skip-bad-rows');
        expect([0, 2], r.stderr).toContain(r.status);
        expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
        const after = snapshot(dir);
        const written = [...after.keys()].filter((k) => !before.has(k));
        for (const [file, hash] of before) expect(after.get(file), `${file} changed`).toBe(hash);
        if (r.status === 0) {
          expect(written).toEqual(['out/report.json']);
          const doc = JSON.parse(readFileSync(join(dir, 'out', 'report.json'), 'utf8'));
          for (const t of Object.values(doc.input) as { read: number; used: number; rejected: number }[]) expect(t.read).toBe(t.used + t.rejected);
        } else {
          expect(written).toEqual([]);
          expect(r.stderr).toMatch(/^error: /m);
        }
      }),
      { numRuns: RUNS, seed: 8 },
    );
  });
});
