/**
 * Issue #19, item 8, in the browser tier: the console and the public site run under the Content-Security-Policy the
 * server sends (no inline script). Chromium reports every violation as a `securitypolicyviolation` event; the journey
 * collects them from the first script on and fails on any — through the login, the workbench, the registry, the
 * overview's charts and the public site.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openJourney, signIn, type Journey } from './support/browser.ts';

const baseUrl = inject('baseUrl');

describe('CSP: the console and the public site run without a violation', () => {
  let j: Journey;
  beforeAll(async () => {
    j = await openJourney('csp');
    await j.context.addInitScript(() => {
      const w = window as unknown as { __csp: string[] };
      w.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
    });
  });
  afterAll(async () => {
    await j?.close();
  });

  const violations = () => j.page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);

  it('sends the policy with the console page', async () => {
    const r = await j.page.goto(`${baseUrl}login`);
    const csp = r?.headers()['content-security-policy'] ?? '';
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(r?.headers()['x-frame-options']).toBe('DENY');
  });

  it('login, workbench, registry and overview: no violation', async () => {
    const { page } = j;
    await signIn(page, baseUrl, 'office');
    expect(await violations()).toEqual([]);
    await page.getByRole('menuitem', { name: '企业台账' }).click();
    await page.waitForURL(/\/enterprises$/);
    await page.locator('.ant-table-row').first().waitFor();
    expect(await violations()).toEqual([]);
    await page.getByRole('menuitem', { name: '总览' }).click();
    await page.waitForURL(/\/overview/);
    await page.locator('canvas').first().waitFor();
    expect(await violations()).toEqual([]);
    expect(j.errors).toEqual([]);
  });

  it('the public site: no violation', async () => {
    const p = await j.context.newPage();
    await p.goto(`${baseUrl}public`);
    await p.waitForLoadState('networkidle');
    expect(await p.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])).toEqual([]);
    await p.close();
    expect(j.errors).toEqual([]);
  });
});
