/**
 * Browser side of the e2e journeys: Debian's Chromium through playwright-core (never a downloaded browser), a
 * fresh profile per journey, console errors collected (a journey fails on any), screenshots under
 * test-output/screenshots/.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const SCREENSHOTS = path.join(ROOT, 'test-output', 'screenshots');
export const CHROMIUM = '/usr/bin/chromium';
export const DEMO_PASSWORD = 'phaseout-demo';

export interface Journey {
  context: BrowserContext;
  page: Page;
  /** console errors and uncaught page errors seen so far */
  errors: string[];
  /** HTTP answers >= 500 seen so far */
  serverErrors: string[];
  /** saves a full-page screenshot as <journey>-<nn>-<name>.png */
  shot: (name: string) => Promise<string>;
  close: () => Promise<void>;
}

/**
 * Chromium logs every non-2xx fetch as a console error ("Failed to load resource: … status of 404"). Those are
 * network logs, not script errors; journeys that expect a 401/404 assert the answer themselves, and any 5xx fails
 * the journey through `serverErrors`. Everything else logged as an error fails it.
 */
const NETWORK_LOG = /^Failed to load resource: the server responded with a status of 4\d\d/;

export async function openJourney(name: string, viewport = { width: 1366, height: 768 }): Promise<Journey> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium fonts-noto-cjk`);
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'phaseout-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const errors: string[] = [];
  const serverErrors: string[] = [];
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (m) => {
    if (m.type() === 'error' && !NETWORK_LOG.test(m.text())) errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 500) serverErrors.push(`${r.status()} ${r.request().method()} ${r.url()}`);
  });
  let n = 0;
  return {
    context,
    page,
    errors,
    serverErrors,
    shot: async (label: string) => {
      n += 1;
      const file = path.join(SCREENSHOTS, `${name}-${String(n).padStart(2, '0')}-${label}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Signs in through the login page and waits for the workbench. */
export async function signIn(page: Page, baseUrl: string, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByLabel('密码').press('Enter');
  await page.waitForURL(/\/workbench/);
  await page.getByRole('heading', { name: '工作台' }).waitFor();
}
