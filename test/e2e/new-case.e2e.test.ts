/**
 * 新建案件 from the case list (web/src/pages/cases/NewCaseDrawer.tsx), in dimensions the energy journey
 * (case-lifecycle) does not cover:
 *   - the county officer t-340202 opens 案件, uses 新建案件, finds an enterprise of 镜湖区 by typing its name (only
 *     镜湖区 enterprises are offered), picks 质量 and a line, submits first with the required fields empty (the errors
 *     stand next to the fields, no request is sent and the API count of cases is unchanged), then fills the finding
 *     (问题类型, 产品, 情况描述) and lands on the new case page: 已发现, 质量, the finding and the line, and exactly the
 *     acts the server allows (立案调查);
 *   - the ecology department d-eco, which leads only 环保, gets that dimension chosen for it, opens an 环保 case
 *     against an enterprise of any territory and sees its acts (责令限制生产, 责令停产).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { apiAs, type ApiSession, type EnterpriseRow } from './support/api.ts';
import { openJourney, signIn, type Journey } from './support/browser.ts';

const baseUrl = inject('baseUrl');

interface CaseDetail {
  id: number;
  enterprise: { id: number };
  dimension: string;
  state: string;
  territoryCode: string;
  finding: Record<string, unknown>;
  lines: Array<{ id: number; name: string }>;
  allowedActs: Array<{ kind: string }>;
}
interface LineRow {
  id: number;
  name: string;
  state: string;
}
interface EnterpriseWithActs extends EnterpriseRow {
  allowedActs: string[];
}

const openDropdown = (page: Page) => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');

/** The form field labelled `label` inside `scope`. */
const formItem = (scope: Locator, label: string) => scope.locator('.ant-form-item', { has: scope.page().locator(`label:text-is("${label}")`) });

/** Picks `option` in the select labelled `label` inside `scope`. */
async function choose(page: Page, scope: Locator, label: string, option: string) {
  await formItem(scope, label).locator('.ant-select-selector').click();
  await openDropdown(page).locator('.ant-select-item-option', { hasText: option }).first().click();
}

/** The error Ant Design shows under the form field labelled `label` (empty when there is none). */
const fieldError = (scope: Locator, label: string) => formItem(scope, label).locator('.ant-form-item-explain-error').allInnerTexts();

/** The act buttons the case page shows, as act kinds (data-testid="act-<kind>"). */
async function actButtons(page: Page): Promise<string[]> {
  const ids = await page
    .getByTestId('case-acts')
    .locator('button[data-testid^="act-"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''));
  return ids.map((id) => id.replace(/^act-/, '')).sort();
}

/** An enterprise the account may open a case against, with no open case in `dimension` and lines not exited. */
async function candidate(
  api: ApiSession,
  dimension: string,
  accept: (e: EnterpriseWithActs) => boolean = () => true,
): Promise<{ ent: EnterpriseWithActs; lines: LineRow[] }> {
  const ents = (await api.get<{ items: EnterpriseWithActs[] }>('/enterprises?limit=100')).items.filter((e) => e.allowedActs.includes('openCase') && accept(e));
  // From the end of the list: the energy journey takes enterprises from its start.
  for (const ent of ents.reverse()) {
    const open = (await api.get<{ items: Array<{ closed: boolean }> }>(`/cases?enterpriseId=${ent.id}&dimension=${dimension}&limit=100`)).items.filter(
      (c) => !c.closed,
    );
    const lines = (await api.get<{ items: LineRow[] }>(`/enterprises/${ent.id}/lines`)).items.filter((l) => l.state !== 'exited');
    if (open.length === 0 && lines.length > 0) return { ent, lines };
  }
  throw new Error(`no enterprise without an open ${dimension} case`);
}

async function openNewCaseDrawer(page: Page): Promise<Locator> {
  await page.getByRole('menuitem', { name: '案件' }).click();
  await page.waitForURL(/\/cases$/);
  await page.getByRole('heading', { name: '案件', level: 4, exact: true }).waitFor();
  await page.locator('.ant-table-row').first().waitFor();
  await page.getByTestId('new-case').click();
  const drawer = page.locator('.ant-drawer-content');
  await drawer.getByText('新建案件').waitFor();
  return drawer;
}

/** Types `text` into the drawer's enterprise search and picks the option of `ent`; answers every option offered. */
async function pickEnterprise(page: Page, drawer: Locator, ent: EnterpriseRow, text: string): Promise<string[]> {
  const input = drawer.getByLabel('企业', { exact: true });
  await input.click();
  await input.fill(text);
  const option = openDropdown(page).locator('.ant-select-item-option', { hasText: `${ent.name}（${ent.territoryName}）` });
  await option.waitFor();
  const offered = await openDropdown(page).locator('.ant-select-item-option').allInnerTexts();
  await option.click();
  return offered;
}

describe('新建案件 from the case list', () => {
  let county: Journey;
  let eco: Journey;
  let countyApi: ApiSession;
  let ecoApi: ApiSession;

  beforeAll(async () => {
    county = await openJourney('new-case-county');
    eco = await openJourney('new-case-eco');
    countyApi = await apiAs(baseUrl, 't-340202');
    ecoApi = await apiAs(baseUrl, 'd-eco');
  });
  afterAll(async () => {
    await county?.close();
    await eco?.close();
  });

  it('the county officer opens a quality case: required fields are checked first, then the case page shows it opened', async () => {
    const { ent, lines } = await candidate(countyApi, 'quality');
    const line = lines[0]!;
    const before = (await countyApi.get<{ total: number }>('/cases?limit=1')).total;

    const { page } = county;
    await signIn(page, baseUrl, 't-340202');
    const drawer = await openNewCaseDrawer(page);
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/cases') posts.push(r.url());
    });

    // Submitted empty: the enterprise and the dimension are required, each says so under its field.
    await drawer.getByTestId('new-case-submit').click();
    await expect.poll(() => fieldError(drawer, '企业')).toEqual(['请填写企业']);
    await expect.poll(() => fieldError(drawer, '领域')).toEqual(['请填写领域']);

    // The enterprise, found by typing part of its name: only enterprises of 镜湖区 are offered.
    const offered = await pickEnterprise(page, drawer, ent, ent.name.slice(0, 4));
    expect(offered.length).toBeGreaterThan(0);
    expect(
      offered.every((o) => o.endsWith('（镜湖区）')),
      offered.join(', '),
    ).toBe(true);
    await choose(page, drawer, '领域', '质量');
    await expect.poll(() => fieldError(drawer, '企业')).toEqual([]);
    await expect.poll(() => fieldError(drawer, '领域')).toEqual([]);
    await choose(page, drawer, '涉及的生产线', line.name);
    await page.keyboard.press('Escape');
    await drawer.getByLabel('产品', { exact: true }).fill('钢化玻璃');

    // 问题类型 is required by the quality finding and left empty: the error stands next to it, nothing is sent.
    await drawer.getByTestId('new-case-submit').click();
    await expect.poll(() => fieldError(drawer, '问题类型')).toEqual(['请填写问题类型']);
    expect(await fieldError(drawer, '产品')).toEqual([]);
    await county.shot('required-empty');
    expect(posts).toEqual([]);
    expect((await countyApi.get<{ total: number }>('/cases?limit=1')).total).toBe(before);

    await choose(page, drawer, '问题类型', '生产不合格产品');
    await expect.poll(() => fieldError(drawer, '问题类型')).toEqual([]);
    await drawer.getByLabel('情况描述', { exact: true }).fill('监督抽查：钢化玻璃碎片状态不合格');
    await county.shot('filled');
    await drawer.getByTestId('new-case-submit').click();

    // The new case page: opened (已发现), in 质量, with the finding, the line and the acts the server allows.
    await page.waitForURL(/\/cases\/\d+$/);
    const id = Number(/\/cases\/(\d+)$/.exec(page.url())![1]);
    expect(posts).toHaveLength(1);
    await page.getByText('案件已建立').waitFor();
    await expect.poll(() => page.getByTestId('case-state').innerText()).toBe('已发现');
    expect(await page.getByTestId('case-tags').innerText()).toContain('质量');
    const created = await countyApi.get<CaseDetail>(`/cases/${id}`);
    expect(created).toMatchObject({ enterprise: { id: ent.id }, dimension: 'quality', state: 'found', territoryCode: '340202' });
    expect(created.finding).toMatchObject({ kind: 'nonConforming', product: '钢化玻璃', description: '监督抽查：钢化玻璃碎片状态不合格' });
    expect(created.lines.map((l) => l.id)).toEqual([line.id]);
    expect(created.allowedActs.map((a) => a.kind)).toEqual(['investigate']);
    await expect.poll(() => actButtons(page)).toEqual(['investigate']);
    expect(await page.getByTestId('act-investigate').innerText()).toBe('立案调查');
    const finding = await page.getByTestId('case-finding').innerText();
    expect(finding).toContain('生产不合格产品');
    expect(finding).toContain('钢化玻璃');
    await page.getByTestId('case-lines').getByText(line.name).waitFor();
    expect((await countyApi.get<{ total: number }>('/cases?limit=1')).total).toBe(before + 1);
    await county.shot('case-opened');

    expect(county.serverErrors).toEqual([]);
    expect(county.errors).toEqual([]);
  });

  it('the ecology department opens an environment case: its only dimension is chosen for it', async () => {
    // An enterprise outside 镜湖区: the department works in every territory.
    const { ent } = await candidate(ecoApi, 'environment', (e) => e.territoryCode !== '340202');
    const before = (await ecoApi.get<{ total: number }>('/cases?limit=1')).total;

    const { page } = eco;
    await signIn(page, baseUrl, 'd-eco');
    const drawer = await openNewCaseDrawer(page);
    // 环保 is already chosen (d-eco leads no other dimension) and its finding fields are shown.
    await expect.poll(() => formItem(drawer, '领域').locator('.ant-select-selection-item').innerText()).toBe('环保');
    await drawer.getByLabel('污染物', { exact: true }).waitFor();
    await formItem(drawer, '领域').locator('.ant-select-selector').click();
    expect(await openDropdown(page).locator('.ant-select-item-option').allInnerTexts()).toEqual(['环保']);
    await page.keyboard.press('Escape');

    await pickEnterprise(page, drawer, ent, ent.name);
    await choose(page, drawer, '问题类型', '超标排放');
    // 污染物 is required by the environment finding: empty, it is refused next to the field.
    await drawer.getByTestId('new-case-submit').click();
    await expect.poll(() => fieldError(drawer, '污染物')).toEqual(['请填写污染物']);
    expect((await ecoApi.get<{ total: number }>('/cases?limit=1')).total).toBe(before);

    await drawer.getByLabel('污染物', { exact: true }).fill('二氧化硫');
    await drawer.getByLabel('实测值', { exact: true }).fill('412.5');
    await drawer.getByLabel('限额值', { exact: true }).fill('200');
    await drawer.getByLabel('单位', { exact: true }).fill('mg/m³');
    await drawer.getByTestId('new-case-submit').click();

    await page.waitForURL(/\/cases\/\d+$/);
    const id = Number(/\/cases\/(\d+)$/.exec(page.url())![1]);
    await expect.poll(() => page.getByTestId('case-state').innerText()).toBe('已发现');
    const created = await ecoApi.get<CaseDetail>(`/cases/${id}`);
    expect(created).toMatchObject({ enterprise: { id: ent.id }, dimension: 'environment', state: 'found', territoryCode: ent.territoryCode });
    expect(created.finding).toMatchObject({ kind: 'emission', pollutant: '二氧化硫', measured: '412.5', limit: '200', unit: 'mg/m³' });
    const acts = created.allowedActs.map((a) => a.kind).sort();
    // §2.2 / 环境保护法 art. 60: the serious-case route is open from the finding itself (issue 10)
    expect(acts).toEqual(['declareSerious', 'orderRestriction', 'orderSuspension']);
    await expect.poll(() => actButtons(page)).toEqual(acts);
    expect((await page.getByTestId('case-acts').locator('button').allInnerTexts()).map((s) => s.trim()).sort()).toEqual(
      ['认定情节严重', '责令停产', '责令限制生产'].sort(),
    );
    expect(await page.getByTestId('case-finding').innerText()).toContain('二氧化硫');
    expect((await ecoApi.get<{ total: number }>('/cases?limit=1')).total).toBe(before + 1);
    await eco.shot('case-opened');

    expect(eco.serverErrors).toEqual([]);
    expect(eco.errors).toEqual([]);
  });
});
