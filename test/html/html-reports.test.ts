/**
 * The HTML reports of simulate, compare, audit, curve, backtest and score (--history, --review): self-contained, escaped, and checked in a
 * real browser (Debian's chromium, headless): no console errors, no network requests,
 * every chart has marks, tables sort. Screenshots are written to docs/ (and looked at).
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXAMPLE_DATA, KEY_ACCOUNT, playbook, removeTempDirs, tempDir } from '../cli/helpers.js';
import { hasChromium, openReport } from './browser.js';

const PROPOSAL = 'playbooks/key-account-proposal.playbook';
const inCi = process.env.CI === 'true';
if (!hasChromium && !inCi) console.warn('skipping the browser tests of the HTML reports: /usr/bin/chromium is not installed (apt-get install -y chromium; .ci/run installs it)');

/**
 * The example data with rep R03's key replaced by markup, to prove the reports escape data,
 * and R05's by a Chinese name, to see Unicode labels in the charts and tables.
 */
function hostileData(): string {
  const dir = tempDir('playbook-html-');
  for (const f of ['reps.csv', 'accounts.csv', 'products.csv', 'deals.csv', 'activities.csv', 'collections.csv', 'progress.csv']) copyFileSync(join(EXAMPLE_DATA, f), join(dir, f));
  const rename = (text: string) => text.replace(/(^|,)R03,/gm, '$1"<script>alert(1)</script>",').replace(/(^|,)R05,/gm, '$1王伟 (华南),');
  for (const f of ['reps.csv', 'deals.csv', 'activities.csv']) writeFileSync(join(dir, f), rename(readFileSync(join(dir, f), 'utf8')));
  return dir;
}

describe('HTML reports', () => {
  afterAll(removeTempDirs);
  const out = tempDir('playbook-html-out-');
  const data = hostileData();
  const sim = join(out, 'simulate.html');
  const cmp = join(out, 'compare.html');
  const simRun = playbook('simulate', KEY_ACCOUNT, '--data', data, '--format', 'html', '--out', sim);
  const cmpRun = playbook('compare', KEY_ACCOUNT, PROPOSAL, '--data', data, '--format', 'html', '--threshold', '5%', '--out', cmp);
  const aud = join(out, 'audit.html');
  const audRun = playbook('audit', KEY_ACCOUNT, '--data', data, '--format', 'html', '--out', aud);
  const bt = join(out, 'backtest.html');
  const btRun = playbook('backtest', KEY_ACCOUNT, '--data', data, '--format', 'html', '--out', bt);
  const crv = join(out, 'curve.html');
  const crvRun = playbook('curve', KEY_ACCOUNT, '--data', data, '--rep', '<script>alert(1)</script>', '--format', 'html', '--out', crv);
  const hist = join(out, 'score-history.html');
  const histRun = playbook('score', KEY_ACCOUNT, '--data', data, '--account', 'A012', '--as-of', '2026-10-21', '--history', '--format', 'html', '--out', hist);
  const rev = join(out, 'review.html');
  const revRun = playbook('score', KEY_ACCOUNT, '--data', data, '--review', '--as-of', '2026-10-31', '--format', 'html', '--out', rev);

  it('are single files with no external reference, and escape a rep named <script>', () => {
    for (const [run, file] of [[simRun, sim], [cmpRun, cmp], [audRun, aud], [crvRun, crv], [btRun, bt], [histRun, hist], [revRun, rev]] as const) {
      expect(run.status, run.stderr).toBe(0);
      expect(run.stderr).not.toMatch(/WARN|ERROR/);
      const html = readFileSync(file, 'utf8');
      if (file === hist || file === rev) {
        // The living score names accounts and actions, not reps; no external reference all the same.
        expect(html.replace(/xmlns(:\w+)?="[^"]*"/g, '')).not.toMatch(/<(link|img|iframe)\b|\bsrc=|url\(|https?:\/\//i);
        expect(html.match(/<script>/g)).toHaveLength(1);
        continue;
      }
      if (file === bt) {
        // The backtest names tiers, not reps: its Unicode labels are the test here.
        expect(html).toContain('铁杆支持者 Champion');
        continue;
      }
      // SVG namespace names are URIs that are never fetched.
      expect(html.replace(/xmlns(:\w+)?="[^"]*"/g, '')).not.toMatch(/<(link|img|iframe)\b|\bsrc=|url\(|https?:\/\//i);
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      // The only script element is the report's own table sorter.
      expect(html.match(/<script>/g)).toHaveLength(1);
      expect(html).toContain("default-src 'none'");
      if (file === sim) expect(html).toContain('<option value="2">&lt;script&gt;alert(1)&lt;/script&gt;</option>');
    }
  });

  it.skipIf(!hasChromium && !inCi)('render in chromium: no console errors, no network, every chart has marks, tables sort', async () => {
    // The screenshots go to a temporary folder, so `npm test` leaves a checkout unchanged;
    // PLAYBOOK_UPDATE_SCREENSHOTS=1 writes them over the ones in docs/screenshots (README).
    const shotDir = process.env.PLAYBOOK_UPDATE_SCREENSHOTS === '1' ? 'docs/screenshots' : tempDir('playbook-shots-');
    mkdirSync(shotDir, { recursive: true });
    const shots: [string, string, number][] = [
      // payout per rep, attainment, red lines, and (the key-account plan pays in stages) paid vs held per month
      [sim, join(shotDir, 'simulate-report.png'), 4],
      [cmp, join(shotDir, 'compare-report.png'), 3],
      [aud, join(shotDir, 'audit-report.png'), 2],
      [crv, join(shotDir, 'curve-report.png'), 1],
      [bt, join(shotDir, 'backtest-report.png'), 1],
      [hist, join(shotDir, 'score-history-report.png'), 1],
      [rev, join(shotDir, 'review-report.png'), 1],
    ];
    for (const [file, shot, charts] of shots) {
      const page = await openReport(file, shot);
      try {
        expect(page.consoleErrors).toEqual([]);
        expect(page.requests).toEqual([]);
        expect(page.marks).toHaveLength(charts);
        for (const m of page.marks) expect(m).toBeGreaterThan(0);
        if (file === rev) {
          // Twelve important accounts (8 strategic and 4 must-win), one panel each.
          const accounts = await page.firstColumnAfterSort('Account');
          expect(accounts).toHaveLength(12);
        }
        if (file === sim) {
          // The payments section: one rep's statements at a time, chosen by an escaped name.
          await page.screenshotOf('section.payments', join(shotDir, 'simulate-payments.png'));
          const chosen = await page.choosePanel('<script>alert(1)</script>');
          expect(chosen.headings).toEqual(['Statements of <script>alert(1)</script>']);
          expect(chosen.rows.length).toBeGreaterThan(0);
          // Each statement line: month, component, earned, payable, paid, held.
          for (const r of chosen.rows) expect(r).toHaveLength(6);
          const other = await page.choosePanel('王伟 (华南)');
          expect(other.headings).toEqual(['Statements of 王伟 (华南)']);
        }
        if (file === sim || file === cmp) {
          const reps = await page.firstColumnAfterSort('Rep');
          expect(reps).toContain('<script>alert(1)</script>');
          expect(reps).toContain('王伟 (华南)');
          expect(reps).toEqual([...reps].sort((x, y) => x.localeCompare(y)));
        }
      } finally {
        await page.close();
      }
    }
  });
});
