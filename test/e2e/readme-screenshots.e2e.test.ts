/**
 * The README's pictures of the console, taken from the current build: the workbench of a county officer
 * (`t-340202`, 镜湖区) and a case page seen by the energy department (`d-drc`) at 1366×768, and the workbench on a
 * phone (390×844). With PHASEOUT_README_SHOTS=1 they are written to docs/screenshots/ (commit them); otherwise to
 * test-output/screenshots/ only, so an ordinary run checks that they can still be taken and stay small (PNG, at most
 * 300 KB each).
 *
 *   PHASEOUT_README_SHOTS=1 npx vitest run --config vitest.e2e.config.ts test/e2e/readme-screenshots.e2e.test.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiAs } from './support/api.ts';
import { SCREENSHOTS, openJourney, signIn, type Journey } from './support/browser.ts';

const baseUrl = inject('baseUrl');
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = process.env.PHASEOUT_README_SHOTS === '1' ? path.join(ROOT, 'docs', 'screenshots') : SCREENSHOTS;
const MAX_BYTES = 300 * 1024;

async function picture(page: Page, name: string): Promise<number> {
  fs.mkdirSync(OUT, { recursive: true });
  const file = path.join(OUT, `${name}.png`);
  await page.waitForLoadState('networkidle');
  // the window as a user sees it (not the full page): a picture the README can show at its size
  await page.screenshot({ path: file, fullPage: false, animations: 'disabled', caret: 'hide' });
  return fs.statSync(file).size;
}

describe('README pictures of the current console', () => {
  let j: Journey | undefined;
  afterEach(async () => {
    await j?.close();
    j = undefined;
  });

  it('workbench of a county officer (1366×768)', async () => {
    j = await openJourney('readme-workbench');
    await signIn(j.page, baseUrl, 't-340202');
    await j.page.getByTestId('wb-waiting').waitFor();
    await j.page.locator('.ant-table-row, .ant-empty').first().waitFor();
    expect(await picture(j.page, 'workbench')).toBeLessThanOrEqual(MAX_BYTES);
  });

  it('a case page seen by the energy department (1366×768)', async () => {
    const drc = await apiAs(baseUrl, 'd-drc');
    const cases = await drc.get<{ items: Array<{ id: number; state: string }> }>('/cases?limit=100');
    const c = cases.items.find((x) => x.state !== 'found') ?? cases.items[0];
    expect(c, 'a case the energy department sees').toBeDefined();
    j = await openJourney('readme-case');
    await signIn(j.page, baseUrl, 'd-drc');
    await j.page.goto(`${baseUrl}cases/${c!.id}`);
    await j.page.getByTestId('case-timeline').locator('[data-testid^="timeline-"]').first().waitFor();
    expect(await picture(j.page, 'case')).toBeLessThanOrEqual(MAX_BYTES);
  });

  it('the workbench on a phone (390×844)', async () => {
    j = await openJourney('readme-phone', { width: 390, height: 844 });
    await signIn(j.page, baseUrl, 't-340202');
    await j.page.getByTestId('wb-waiting').waitFor();
    await j.page.locator('.ant-table-row, .ant-empty').first().waitFor();
    expect(await picture(j.page, 'workbench-phone')).toBeLessThanOrEqual(MAX_BYTES);
  });
});
