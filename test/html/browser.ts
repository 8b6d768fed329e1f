/**
 * Opens an HTML report in Debian's chromium, headless, through playwright-core:
 * collects console errors, page errors and every network request, counts the
 * marks of each chart, and saves a full-page screenshot.
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

export interface PageCheck {
  consoleErrors: string[];
  /** Requests other than the report file itself. */
  requests: string[];
  /** Per chart (figure), how many drawn marks (bars, points, lines, areas) it has. */
  marks: number[];
  /** The text of the first table's first column after clicking its header `clicks` times. */
  firstColumnAfterSort: (header: string) => Promise<string[]>;
  /** Chooses `option` (its text) in the list that shows one panel at a time; returns the headings of the panels then visible and their table rows. */
  choosePanel: (option: string) => Promise<{ headings: string[]; rows: string[][] }>;
  /** Saves a screenshot of the first element matching `selector` (a section of the page). */
  screenshotOf: (selector: string, path: string) => Promise<void>;
  close: () => Promise<void>;
}

/** Loads `file` in headless chromium; call `close()` when done. */
export async function openReport(file: string, screenshot?: string): Promise<PageCheck> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const consoleErrors: string[] = [];
  const requests: string[] = [];
  const url = pathToFileURL(file).href;
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  page.on('request', (r) => {
    if (r.url() !== url) requests.push(r.url());
  });
  await page.goto(url, { waitUntil: 'load' });
  if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });
  const marks = await page.$$eval('figure.chart svg', (svgs) =>
    svgs.map((svg) => svg.querySelectorAll('g.mark-rect path, g.mark-symbol path, g.mark-line path, g.mark-area path, g.mark-rule line').length),
  );
  return {
    consoleErrors,
    requests,
    marks,
    firstColumnAfterSort: async (header: string) => {
      await page.locator('table.sortable th button', { hasText: header }).first().click();
      return page.$$eval('table.sortable', (tables, h) => {
        const table = tables.find((t) => [...t.querySelectorAll('th')].some((th) => th.textContent === h))!;
        return [...table.querySelectorAll('tbody tr')].map((tr) => (tr as HTMLTableRowElement).cells[0].textContent ?? '');
      }, header);
    },
    choosePanel: async (option: string) => {
      await page.locator('select[data-panels]').first().selectOption({ label: option });
      return page.$$eval('[data-panel-of]', (panels) => {
        const shown = panels.filter((p) => !(p as HTMLElement).hidden);
        return {
          headings: shown.map((p) => p.querySelector('h3')?.textContent ?? ''),
          rows: shown.flatMap((p) => [...p.querySelectorAll('tbody tr')].map((tr) => [...(tr as HTMLTableRowElement).cells].map((c) => c.textContent ?? ''))),
        };
      });
    },
    screenshotOf: async (selector: string, path: string) => {
      // A clip of the full page, not an element screenshot: that scrolls, and sticky table headers would cover rows.
      const box = await page.locator(selector).first().boundingBox();
      if (!box) throw new Error(`${selector} is not on the page`);
      const top = await page.evaluate(() => window.scrollY);
      await page.screenshot({ path, fullPage: true, clip: { x: box.x, y: box.y + top, width: box.width, height: box.height } });
    },
    close: () => browser.close(),
  };
}
