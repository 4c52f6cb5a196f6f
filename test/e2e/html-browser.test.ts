// The HTML report and the e-mail digest opened in a real headless browser (Debian's chromium,
// driven by playwright-core): the key numbers are visible, nothing errors or loads from the
// network, and a phone-sized screen needs no sideways scrolling. Screenshots go to
// test/artifacts/. Skipped, with the reason, when /usr/bin/chromium is not installed.
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

describe.skipIf(!hasChromium)(`HTML in ${CHROMIUM}`, () => {
  it('shows the report with its key numbers, no errors, and fits a phone', async () => {
    const dir = tempDir();
    const out = join(dir, 'report.html');
    const r = await funnel(['report', '--as-of', '2026-11-18', '--format', 'html', '--out', out, '--quiet'], { cwd: ACME });
    expect(r.code, r.stderr).toBe(0);

    const { page, problems } = await open(out, { width: 1000, height: 900 });
    for (const text of ['Funnel report: 2026-11', '9 of 11', '35 of 46', 'Aisha Bello', 'Tomás Herrera', '2,144']) {
      await expect.poll(() => page.getByText(text, { exact: false }).first().isVisible(), text).toBe(true);
    }
    // Aisha Bello: 226 dials of 626 needed, 400 left at 57.1 a day; her weakest step in the chart.
    const aisha = page.locator('.rep', { hasText: 'Aisha Bello' }).first();
    await expect.poll(() => aisha.innerText()).toMatch(/Dials\s+226▼\s+626\s+400 \(57\.1\/day\)/);
    expect(await aisha.locator('svg.chart').getAttribute('aria-label')).toContain('Appts set to Appts kept 25% (team 69%)');
    expect(await page.locator('script, link, img, iframe').count()).toBe(0);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'report-desktop.png'), fullPage: true });
    await page.close();

    const phone = await open(out, { width: 390, height: 844 });
    expect(await pageWidth(phone.page)).toBeLessThanOrEqual(390);
    await expect.poll(() => phone.page.getByText('35 of 46').first().isVisible()).toBe(true);
    await phone.page.screenshot({ path: join(ARTIFACTS, 'report-phone.png'), fullPage: true });
    await phone.page.close();
    expect([...problems, ...phone.problems]).toEqual([]);
  });

  it('shows the e-mail digest (the HTML part of --dry-run) on a phone', async () => {
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
    for (const text of ['Week 47 (2026-11): 9 of 11 reps behind pace', 'This week vs last week', 'Team: 35 of 46 closes (76%)', 'Commitments due', 'For the next 1:1']) {
      await expect.poll(() => page.getByText(text, { exact: false }).first().isVisible(), text).toBe(true);
    }
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'digest-phone.png'), fullPage: true });
    await page.close();
    expect(problems).toEqual([]);
    expect(readFileSync(file, 'utf8')).not.toMatch(/<script/i);
  });
});
