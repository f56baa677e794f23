/**
 * The public site (issue 14) in Chromium: lists published through the API by their units, then read by anyone —
 * with JavaScript disabled (search and filters are plain forms, the tip form posts multipart and answers a tracking
 * code) and enabled, in zh-CN and English; axe-core (injected from node_modules) finds no serious or critical
 * violation on any page, and the checkable points of GB/T 37668-2019 hold: page language, title, one h1, a skip
 * link as the first tab stop, a visible focus ring, labelled controls, and print styles that drop the navigation.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { apiAs } from './support/api.ts';
import { CHROMIUM, SCREENSHOTS } from './support/browser.ts';

const baseUrl = inject('baseUrl');
const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Ctx {
  context: BrowserContext;
  page: Page;
  profile: string;
  errors: string[];
}

async function open(javaScriptEnabled: boolean): Promise<Ctx> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'phaseout-public-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 800 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    javaScriptEnabled,
    // axe is injected as an inline script: a Content-Security-Policy on the pages must not stop the test
    bypassCSP: true,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 500) errors.push(`${r.status()} ${r.url()}`);
  });
  // a missing style sheet, icon or any other resource shows up here (the pages load nothing else)
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return { context, page, profile, errors };
}
async function close(c: Ctx | undefined) {
  if (!c) return;
  await c.context.close();
  fs.rmSync(c.profile, { recursive: true, force: true });
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}
async function axe(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: AXE });
  const r = (await page.evaluate('axe.run(document, { resultTypes: ["violations"] })')) as { violations: AxeViolation[] };
  return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

let versionId = 0;
let creditCode = '';
let jsOn: Ctx | undefined;
let jsOff: Ctx | undefined;
const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

beforeAll(async () => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  // the units publish their lists (the demo city has rectification orders, closures and environment findings)
  const t = await apiAs(baseUrl, 't-340202');
  const yellow = await t.post<{ id: number; entries: Array<{ creditCode: string }> }>('/publications', {
    list: 'yellow',
    territoryCode: '340202',
    action: 'publish',
    postedOn: today,
  });
  await t.post('/publications', { list: 'red', territoryCode: '340202', action: 'publish', postedOn: today });
  const eco = await apiAs(baseUrl, 'd-eco');
  const over = await eco.post<{ id: number; entries: Array<{ creditCode: string }> }>('/publications', {
    list: 'overEmission',
    territoryCode: '340200',
    action: 'publish',
    postedOn: today,
  });
  const v = yellow.entries.length ? yellow : over;
  versionId = v.id;
  creditCode = v.entries[0]?.creditCode ?? '';
  jsOn = await open(true);
  jsOff = await open(false);
});
afterAll(async () => {
  await close(jsOn);
  await close(jsOff);
});

const pages = () => [
  '/public',
  '/public/lists/yellow',
  '/public/lists/overEmission',
  `/public/versions/${versionId}`,
  ...(creditCode ? [`/public/enterprises/${creditCode}`] : []),
  '/public/tips/new',
  '/public/tips/status',
  '/public/open-data',
];

describe('public site, JavaScript enabled: axe-core and GB/T 37668 checks, zh-CN and English', () => {
  for (const lang of ['zh', 'en'] as const) {
    it(`every page has no serious or critical axe violation (${lang})`, async () => {
      const { page } = jsOn!;
      const found: string[] = [];
      for (const p of pages()) {
        const url = `${baseUrl}${p.slice(1)}${lang === 'en' ? `${p.includes('?') ? '&' : '?'}lang=en` : ''}`;
        const r = await page.goto(url);
        expect(r?.status(), url).toBe(200);
        expect(await page.getAttribute('html', 'lang')).toBe(lang === 'zh' ? 'zh-CN' : 'en');
        expect((await page.title()).length).toBeGreaterThan(3);
        expect(await page.locator('h1').count(), url).toBe(1);
        for (const v of await axe(page)) found.push(`${p} [${lang}] ${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      }
      expect(found).toEqual([]);
      expect(jsOn!.errors).toEqual([]);
    });
  }

  it('keyboard: the skip link is the first tab stop and focus is visible; print drops the navigation', async () => {
    const { page } = jsOn!;
    await page.goto(`${baseUrl}public/lists/yellow`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement && document.activeElement.className')).toBe('skip');
    expect(await page.evaluate('getComputedStyle(document.activeElement).outlineStyle')).not.toBe('none');
    await page.keyboard.press('Enter');
    expect(await page.evaluate('location.hash')).toBe('#main');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header.site nav').isVisible()).toBe(false);
    expect(await page.locator('table').first().isVisible()).toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'public-print.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
  });
});

describe('public site, JavaScript disabled', () => {
  it('lists, filters by territory through the plain form, opens a version and switches to English', async () => {
    const { page } = jsOff!;
    await page.goto(`${baseUrl}public`);
    await page.getByRole('link', { name: '黄牌名单', exact: true }).click();
    await page.waitForURL(/\/public\/lists\/yellow/);
    await page.getByRole('heading', { name: '黄牌名单', level: 1 }).waitFor();
    const rows = await page.locator('tbody tr').count();
    expect(rows).toBeGreaterThan(0);
    await page.getByLabel('属地').selectOption('340202');
    await page.getByRole('button', { name: '搜索' }).click();
    await page.waitForURL(/territory=340202/);
    const territories = await page.locator('tbody tr td:nth-child(3)').allInnerTexts();
    expect(territories.every((x) => x === '镜湖区')).toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'public-yellow-nojs.png'), fullPage: true });
    await page.goto(`${baseUrl}public/versions/${versionId}`);
    await page.getByRole('heading', { level: 2, name: '历史版本' }).waitFor();
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(/lang=en/);
    await page.getByRole('heading', { level: 2, name: 'Earlier versions' }).waitFor();
    expect(jsOff!.errors).toEqual([]);
  });

  it('a tip is submitted through the form without JavaScript and followed by its tracking code', async () => {
    const { page } = jsOff!;
    await page.goto(`${baseUrl}public/tips/new`);
    await page.getByLabel('举报类别').selectOption('restart');
    await page.getByLabel('所在县区、开发区').selectOption('340202');
    await page.getByLabel('情况描述').fill('已拆除的生产线厂房夜间有灯光和机器声');
    await page.getByRole('button', { name: '提交举报' }).click();
    const code = await page.locator('#tracking-code').innerText();
    expect(code).toMatch(/^JB[0-9A-Z]{10}$/);
    await page.getByRole('link', { name: '查询举报处理进度' }).last().click();
    await expect.poll(() => page.locator('#tip-status').innerText()).toBe('已受理，待核查');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'public-tip-status-nojs.png'), fullPage: true });
    expect(jsOff!.errors).toEqual([]);
  });
});
