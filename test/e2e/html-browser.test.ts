// The HTML report and the e-mail digest opened in a real headless browser (Debian's chromium,
// driven by playwright-core): the key numbers are visible, nothing errors or loads from the
// network, the team picture comes first, and at 760 px and on a phone nothing needs sideways
// scrolling and every chart is drawn. Screenshots go to test/artifacts/; with
// FUNNEL_DOCS_SCREENSHOTS=1 the ones in docs/images/ are refreshed too. Skipped, with the
// reason, when /usr/bin/chromium is not installed.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { funnel, ROOT, tempDir } from './run.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(ROOT, 'test', 'artifacts');
const ACME = join(ROOT, 'examples', 'acme');
const hasChromium = existsSync(CHROMIUM);

if (!hasChromium) console.warn(`html-browser: skipped: ${CHROMIUM} not found (apt-get install -y chromium)`);

let browser: Browser;

beforeAll(async () => {
  if (!hasChromium) return;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

interface Opened {
  page: Page;
  problems: string[];
}

/** Opens a local file, collecting console errors, page errors and any request off the file. */
async function open(file: string, viewport: { width: number; height: number }): Promise<Opened> {
  const page = await browser.newPage({ viewport });
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    if (!r.url().startsWith('file:')) problems.push(`request: ${r.url()}`);
  });
  await page.goto(pathToFileURL(file).href);
  return { page, problems };
}

/** Widest content against the viewport: more than the viewport means sideways scrolling. */
function pageWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

/**
 * Layout sanity at a given width: no sideways scrolling, and every chart (the table-cell bars and
 * the SVG pictures) drawn with a real size inside the page.
 */
async function expectSaneLayout(page: Page, width: number): Promise<void> {
  expect(await pageWidth(page)).toBeLessThanOrEqual(width);
  const charts = await page.evaluate(() =>
    [...document.querySelectorAll('table.bar, svg.chart, svg.spark')]
      .filter((el) => getComputedStyle(el.closest('td') ?? el).display !== 'none')
      .map((el) => {
        const r = el.getBoundingClientRect();
        return { kind: el.getAttribute('class'), width: Math.round(r.width), height: Math.round(r.height), right: Math.round(r.right) };
      }),
  );
  expect(charts.length).toBeGreaterThan(0);
  for (const c of charts) {
    expect(c.width, `${c.kind} width`).toBeGreaterThan(20);
    expect(c.height, `${c.kind} height`).toBeGreaterThan(4);
    expect(c.right, `${c.kind} right edge`).toBeLessThanOrEqual(width);
  }
}

/** Writes a screenshot of the first screen for the documentation when FUNNEL_DOCS_SCREENSHOTS=1 (kept in docs/images/). */
async function docsScreenshot(page: Page, name: string): Promise<void> {
  if (process.env.FUNNEL_DOCS_SCREENSHOTS !== '1') return;
  const dir = join(ROOT, 'docs', 'images');
  mkdirSync(dir, { recursive: true });
  // The first screen: what a reader sees before scrolling.
  await page.screenshot({ path: join(dir, name) });
}

describe.skipIf(!hasChromium)(`HTML in ${CHROMIUM}`, () => {
  it('opens the report with the team picture, shows its key numbers, and lays out at 760 px and on a phone', async () => {
    const dir = tempDir();
    const out = join(dir, 'report.html');
    const r = await funnel(['report', '--as-of', '2026-11-18', '--format', 'html', '--out', out, '--quiet'], { cwd: ACME });
    expect(r.code, r.stderr).toBe(0);

    const { page, problems } = await open(out, { width: 760, height: 900 });
    for (const text of ['Funnel report: 2026-11', '4 of 11 reps behind pace', 'team 35 of 46 closes (76%)', 'The team at a glance', 'Team funnel against target', 'Declining activity', '2,144 of']) {
      await expect.poll(() => page.getByText(text, { exact: false }).first().isVisible(), text).toBe(true);
    }
    // The team chart is the first thing under the summary, riskiest rep first, and on screen without scrolling.
    const chart = page.locator('table.bars').first();
    expect(await chart.locator('td.bl').first().innerText()).toBe('Kenji Watanabe');
    expect((await chart.boundingBox())!.y).toBeLessThan(900);
    expect(await chart.locator('table.bar').first().getAttribute('aria-label')).toBe('Kenji Watanabe: 0 of 4 (0%), pace 65% by now, critical, 1% chance');
    await expectSaneLayout(page, 760);
    expect(await page.locator('script, link, img, iframe').count()).toBe(0);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'report-760.png'), fullPage: true });
    await docsScreenshot(page, 'report.png');
    await page.close();

    const phone = await open(out, { width: 390, height: 844 });
    await expectSaneLayout(phone.page, 390);
    await expect.poll(() => phone.page.getByText('team 35 of 46 closes').first().isVisible()).toBe(true);
    await phone.page.screenshot({ path: join(ARTIFACTS, 'report-phone.png'), fullPage: true });
    await phone.page.close();
    expect([...problems, ...phone.problems]).toEqual([]);
  });

  it("shows Kenji Watanabe's 1:1 view with his stage bars, sparkline and decline", async () => {
    const out = join(tempDir(), 'kenji.html');
    const r = await funnel(['report', '--rep', 'Kenji Watanabe', '--as-of', '2026-11-18', '--format', 'html', '--out', out, '--quiet'], { cwd: ACME });
    expect(r.code, r.stderr).toBe(0);
    const { page, problems } = await open(out, { width: 760, height: 900 });
    for (const text of ['1% likely to reach 4 by 2026-11-30', 'Dials 17 → 7 a working day since 2026-11-02 (−59%).', 'dropped from 17 to 7 two weeks ago', '90 of 485']) {
      await expect.poll(() => page.getByText(text, { exact: false }).first().isVisible(), text).toBe(true);
    }
    expect(await page.locator('svg.spark').first().getAttribute('aria-label')).toMatch(/the last week so far/);
    await expectSaneLayout(page, 760);
    await docsScreenshot(page, 'report-rep.png');
    await page.close();
    expect(problems).toEqual([]);
  });

  it('shows needed --rep "Wei Chen" with a done-against-needed bar per stage', async () => {
    const out = join(tempDir(), 'needed.html');
    const r = await funnel(['needed', '--rep', 'Wei Chen', '--as-of', '2026-11-18', '--format', 'html', '--out', out, '--quiet'], { cwd: ACME });
    expect(r.code, r.stderr).toBe(0);
    const { page, problems } = await open(out, { width: 760, height: 900 });
    expect(await page.locator('table.bar').count()).toBeGreaterThanOrEqual(6);
    await expectSaneLayout(page, 760);
    await page.close();
    expect(problems).toEqual([]);
  });

  it('shows the e-mail digest (the HTML part of --dry-run) on a phone, team picture first', async () => {
    const r = await funnel(['email', '--as-of', '2026-11-18', '--to', 'team@acme.example', '--dry-run', '--quiet'], { cwd: ACME });
    expect(r.code, r.stderr).toBe(0);
    const boundary = /boundary="([^"]+)"/.exec(r.stdout)![1];
    const htmlPart = r.stdout.split(`--${boundary}`).find((p) => /Content-Type: text\/html/.test(p))!;
    const [head, ...body] = htmlPart.replace(/^\n/, '').split('\n\n');
    const encoded = body.join('\n\n');
    const html = /base64/i.test(head)
      ? Buffer.from(encoded.replace(/\s+/g, ''), 'base64').toString('utf8')
      : Buffer.from(encoded.replace(/=\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
    const file = join(tempDir(), 'digest.html');
    writeFileSync(file, html);

    const { page, problems } = await open(file, { width: 390, height: 844 });
    for (const text of ['Week 47 (2026-11): 4 of 11 reps behind pace', 'The team at a glance', 'This week vs last week', 'team 35 of 46 closes (76%)', 'Commitments due', 'For the next 1:1']) {
      await expect.poll(() => page.getByText(text, { exact: false }).first().isVisible(), text).toBe(true);
    }
    await expectSaneLayout(page, 390);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'digest-phone.png'), fullPage: true });
    await docsScreenshot(page, 'digest-phone.png');
    await page.close();
    expect(problems).toEqual([]);
    expect(readFileSync(file, 'utf8')).not.toMatch(/<script/i);
  });
});
