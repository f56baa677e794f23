/**
 * Issue #17 item 8, English complete: with the console switched to English, every console page (the route list of
 * web/src/main.tsx, detail pages opened on a demo record) shows no Han character outside user data. User data
 * (enterprise names, addresses, person names, document numbers and titles) is marked in the components with the
 * `data-user-data` attribute and skipped; an element whose English text embeds a piece of user data names that piece
 * in `data-user-text` (it is cut out before the check). The language switch itself (中 / EN) is skipped. Chinese
 * punctuation (，。：；（）、！？) counts as Chinese: in English the punctuation follows the language.
 *
 * KNOWN_DEBT lists, per route, the findings not yet fixed (a pattern each, with why); anything else fails, and a
 * pattern that no longer matches fails too, so the list can only shrink.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiAs } from './support/api.ts';
import { openJourney, signIn, type Journey } from './support/browser.ts';

const baseUrl = inject('baseUrl');
const HAN = /[\u4e00-\u9fff，。：；（）、！？]/;

/** Findings not yet fixed, per route pattern: what they look like and why. Only ever shrinks. */
const KNOWN_DEBT: Record<string, { why: string; allow: RegExp }> = {
  '/workbench': {
    why: 'notification titles (server titleEn) embed the enterprise name; the API gives no separate name to mark as data',
    allow: /^Case #\d+ \([^)]+\): due \d{4}-\d{2}-\d{2}: [a-z0-9 ]+$/,
  },
  '/approvals': { why: 'territory and department names shown from codes in Chinese; enterprise names not marked', allow: /./ },
  '/audit': { why: 'record labels embed document numbers/titles and names without data marking', allow: /./ },
  '/calendar': { why: 'notice numbers (data) not marked; 、 in the unconfirmed-notice tooltip', allow: /./ },
  '/cases/:id': { why: 'documents, issuers, attachments, line names and catalogue items not marked; punctuation', allow: /./ },
  '/credit': { why: 'territory, department and industry names in Chinese; enterprise names not marked', allow: /./ },
  '/power-prices': { why: 'territory and industry names in Chinese; policy basis titles; enterprise names not marked', allow: /./ },
  '/publications': { why: 'list kinds and territory names in Chinese; publication titles not marked; （）', allow: /./ },
  '/users': { why: 'territory and department names in Chinese; account display names not marked', allow: /./ },
  '/yearend': { why: 'certificate numbers, enterprise and territory names not marked; problem kinds in Chinese', allow: /./ },
  '/yearend/certificates/:id': { why: 'enterprise, territory, line and kind names not marked or in Chinese', allow: /./ },
};

/** Visible text nodes containing Han characters, outside user data and the language switch. */
async function hanOutsideUserData(page: Page): Promise<string[]> {
  return page.evaluate((hanSource) => {
    const han = new RegExp(hanSource);
    const found: string[] = [];
    const skip = '[data-user-data], [data-testid="lang-switch"], script, style, noscript, template';
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent ?? '';
      if (!han.test(text)) continue;
      const el = n.parentElement;
      if (!el || el.closest(skip)) continue;
      let rest = text;
      for (let a = el.closest('[data-user-text]'); a; a = a.parentElement?.closest('[data-user-text]') ?? null) {
        rest = rest.split(a.getAttribute('data-user-text') ?? '').join('');
      }
      if (!han.test(rest)) continue;
      if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
      found.push(text.trim().slice(0, 80));
    }
    // Attributes a reader meets too: placeholders, titles and accessible names.
    for (const el of Array.from(document.body.querySelectorAll('[placeholder], [title], [aria-label]'))) {
      if (el.closest(skip) || !(el as HTMLElement).checkVisibility?.()) continue;
      for (const a of ['placeholder', 'title', 'aria-label']) {
        const v = el.getAttribute(a);
        if (v && han.test(v)) found.push(`@${a}: ${v.slice(0, 80)}`);
      }
    }
    return Array.from(new Set(found));
  }, HAN.source);
}

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle', { timeout: 20_000 }).catch(() => undefined);
  await page
    .waitForFunction(() => document.querySelectorAll('.ant-spin-spinning, .ant-skeleton-active').length === 0, undefined, { timeout: 20_000 })
    .catch(() => undefined);
}

async function walk(j: Journey, routes: string[]): Promise<Record<string, string[]>> {
  const findings: Record<string, string[]> = {};
  for (const route of routes) {
    await j.page.goto(`${baseUrl}${route.replace(/^\//, '')}`);
    await settle(j.page);
    const han = await hanOutsideUserData(j.page);
    if (han.length > 0) findings[route] = han;
  }
  return findings;
}

function pattern(route: string): string {
  return route.replace(/\/\d+$/, '/:id');
}

/** `shrink`: also fail on a debt that no longer shows (the office walk visits every debt route). */
function judge(findings: Record<string, string[]>, routes: string[], shrink: boolean): void {
  const unexpected: Record<string, string[]> = {};
  for (const [route, found] of Object.entries(findings)) {
    const debt = KNOWN_DEBT[pattern(route)];
    const left = found.filter((f) => !debt?.allow.test(f));
    if (left.length > 0) unexpected[route] = left;
  }
  expect(unexpected, 'Chinese on English pages outside user data').toEqual({});
  if (!shrink) return;
  const nowClean = routes.filter((r) => pattern(r) in KNOWN_DEBT && !(findings[r] ?? []).some((f) => KNOWN_DEBT[pattern(r)]!.allow.test(f)));
  expect(nowClean, 'routes now clean: remove them from KNOWN_DEBT').toEqual([]);
}

async function toEnglish(page: Page): Promise<void> {
  await page.evaluate(() => window.localStorage.setItem('phaseout.lang', 'en'));
}

describe('issue 17 item 8: the console in English shows no Chinese outside user data', () => {
  let j: Journey;
  beforeAll(async () => {
    j = await openJourney('english');
  });
  afterAll(async () => {
    await j?.close();
  });

  it('the office walks every console page in English', async () => {
    const office = await apiAs(baseUrl, 'office');
    const enterprise = (await office.get<{ items: { id: number }[] }>('/enterprises?limit=1')).items[0];
    const kase = (await office.get<{ items: { id: number }[] }>('/cases?limit=1')).items[0];
    const plan = (await office.get<{ items: { id: number }[] }>('/exit-plans?limit=1')).items[0];
    expect(enterprise && kase).toBeTruthy();

    await signIn(j.page, baseUrl, 'office');
    await toEnglish(j.page);
    const routes = [
      '/workbench',
      '/enterprises',
      `/enterprises/${enterprise!.id}`,
      '/import',
      '/lines',
      '/cases',
      `/cases/${kase!.id}`,
      '/overview',
      '/audit',
      '/jobs',
      '/users',
      '/credit',
      '/approvals',
      '/resettlement',
      '/power-prices',
      '/land',
      '/publications',
      '/tips',
      '/problems',
      '/exit-plans',
      ...(plan ? [`/exit-plans/${plan.id}`] : []),
      '/supervision',
      '/yearend',
      `/yearend/certificates/${kase!.id}`,
      '/calendar',
      '/no-such-page',
    ];
    const findings = await walk(j, routes);
    await j.shot('last-page');
    judge(findings, routes, true);
    expect(j.serverErrors).toEqual([]);
  });

  it('a county account walks its pages in English', async () => {
    await j.context.clearCookies();
    await j.page.evaluate(() => window.localStorage.setItem('phaseout.lang', 'zh'));
    await signIn(j.page, baseUrl, 't-340202');
    await toEnglish(j.page);
    const routes = [
      '/workbench',
      '/enterprises',
      '/lines',
      '/cases',
      '/problems',
      '/exit-plans',
      '/supervision',
      '/resettlement',
      '/land',
      '/publications',
      '/tips',
      '/yearend',
    ];
    const findings = await walk(j, routes);
    judge(findings, routes, false);
    expect(j.serverErrors).toEqual([]);
  });
});
