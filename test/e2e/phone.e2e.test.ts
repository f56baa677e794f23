/**
 * Small screens (issue 17 item 6): the office at 390×844 (a phone), zh-CN. The menu is a drawer over the page (it
 * opens from the header and closes when a page is chosen); on every page of the menu, and on an enterprise and a
 * case page, nothing scrolls sideways (document.scrollingElement.scrollWidth <= clientWidth: wide tables scroll
 * inside their card); the credit code stays on one line.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiAs } from './support/api.ts';
import { openJourney, signIn, type Journey } from './support/browser.ts';

const baseUrl = inject('baseUrl');

/** How far the document scrolls sideways (0 when it does not), and the widest element sticking out, to name it. */
async function sideways(page: Page): Promise<{ overflow: number; culprit: string }> {
  return page.evaluate(() => {
    const el = document.scrollingElement!;
    const overflow = el.scrollWidth - el.clientWidth;
    let culprit = '';
    if (overflow > 0) {
      let widest = 0;
      for (const n of Array.from(document.querySelectorAll<HTMLElement>('body *'))) {
        const r = n.getBoundingClientRect();
        if (r.right > widest && r.width > 0 && getComputedStyle(n).position !== 'fixed') {
          widest = r.right;
          culprit = `${n.tagName.toLowerCase()}.${String(n.className).split(' ').slice(0, 3).join('.')} (${Math.round(r.right)} px)`;
        }
      }
    }
    return { overflow, culprit };
  });
}

async function settled(page: Page) {
  await page.waitForLoadState('networkidle');
  await page
    .locator('.page-loading, .ant-spin-spinning')
    .first()
    .waitFor({ state: 'detached', timeout: 15_000 })
    .catch(() => undefined);
}

describe('a phone (390×844): the menu is a drawer and nothing scrolls sideways', () => {
  let j: Journey;
  let enterpriseId = 0;
  let caseId = 0;

  beforeAll(async () => {
    j = await openJourney('phone', { width: 390, height: 844 });
    const office = await apiAs(baseUrl, 'office');
    const cases = await office.get<{ items: Array<{ id: number; enterprise: { id: number }; state: string }> }>('/cases?limit=100');
    const c = cases.items.find((x) => x.state !== 'found')!;
    caseId = c.id;
    enterpriseId = c.enterprise.id;
    await signIn(j.page, baseUrl, 'office');
  });

  afterAll(async () => {
    await j?.close();
  });

  it('workbench: no sider beside the page, the menu opens over it and closes on a choice', async () => {
    const { page } = j;
    await page.getByTestId('wb-waiting').locator('.ant-table-row').first().waitFor();
    await settled(page);
    await j.shot('workbench');
    expect(await sideways(page)).toEqual({ overflow: 0, culprit: '' });
    expect(await page.locator('.console-sider').count(), 'no menu column on a phone').toBe(0);
    // the content takes the whole width
    const content = await page.locator('.console-content').boundingBox();
    expect(content!.x).toBe(0);
    await page.getByRole('button', { name: '展开/收起菜单' }).click();
    const drawer = page.locator('.console-drawer-root .ant-drawer-content');
    await drawer.getByRole('menuitem', { name: '企业台账' }).waitFor();
    await j.shot('menu');
    await drawer.getByRole('menuitem', { name: '企业台账' }).click();
    await page.waitForURL(/\/enterprises$/);
    await drawer.waitFor({ state: 'hidden' });
    await page.getByRole('heading', { name: '企业台账', level: 4 }).waitFor();
  });

  it('enterprise list: no sideways scroll, and the credit code on one line', async () => {
    const { page } = j;
    await page.goto(`${baseUrl}enterprises`);
    await page.locator('.ant-table-row').first().waitFor();
    await settled(page);
    await j.shot('enterprises');
    expect(await sideways(page)).toEqual({ overflow: 0, culprit: '' });
    const code = page.locator('.ant-table-row .credit-code').first();
    expect(await code.textContent()).toMatch(/^[0-9A-Z]{18}$/);
    // one line box: an inline element that wraps has one client rect per line
    expect(await code.evaluate((e) => e.getClientRects().length)).toBe(1);
  });

  it('case page and enterprise page: no sideways scroll, the credit code on one line', async () => {
    const { page } = j;
    await page.goto(`${baseUrl}cases/${caseId}`);
    await page.getByTestId('case-timeline').locator('[data-testid^="timeline-"]').first().waitFor();
    await settled(page);
    await j.shot('case');
    expect(await sideways(page)).toEqual({ overflow: 0, culprit: '' });
    expect(
      await page
        .locator('.credit-code')
        .first()
        .evaluate((e) => e.getClientRects().length),
    ).toBe(1);

    await page.goto(`${baseUrl}enterprises/${enterpriseId}`);
    await page.getByTestId('enterprise-profile').waitFor();
    await settled(page);
    expect(await sideways(page)).toEqual({ overflow: 0, culprit: '' });
    expect(
      await page
        .locator('.credit-code')
        .first()
        .evaluate((e) => e.getClientRects().length),
    ).toBe(1);
  });

  it('every page of the menu: no sideways scroll', async () => {
    const { page } = j;
    await page.goto(`${baseUrl}workbench`);
    await page.getByRole('heading', { name: '工作台', level: 4 }).waitFor();
    await page.getByRole('button', { name: '展开/收起菜单' }).click();
    const drawer = page.locator('.console-drawer-root .ant-drawer-content');
    await drawer.getByRole('menuitem').first().waitFor();
    const labels = (await drawer.locator('.ant-menu-title-content').allTextContents()).map((s) => s.trim());
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    expect(labels.length).toBeGreaterThan(10);
    const offenders: string[] = [];
    for (const label of labels) {
      await page.getByRole('button', { name: '展开/收起菜单' }).click();
      await drawer.locator('.ant-menu-title-content').getByText(label, { exact: true }).click();
      await drawer.waitFor({ state: 'hidden' });
      await page.locator('.console-content h4').first().waitFor();
      await settled(page);
      const s = await sideways(page);
      if (s.overflow > 0) {
        offenders.push(`${label} ${new URL(page.url()).pathname}: ${s.overflow} px, ${s.culprit}`);
        await j.shot(`overflow-${new URL(page.url()).pathname.slice(1)}`);
      }
    }
    expect(offenders).toEqual([]);
    expect(j.serverErrors).toEqual([]);
    expect(j.errors).toEqual([]);
  });
});
