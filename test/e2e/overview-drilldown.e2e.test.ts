/**
 * 总览 drill-down: the office opens the overview, reads a chart with the mouse (the axis tooltip names the category
 * and the figures of each series, which must be the figures of GET /overview), clicks a bar and lands on the list
 * filtered to that slice: the URL carries the slice's filter, the filter card shows it, and the list's total and
 * rows are the slice's (compared with the API's answer to the same filter). Three charts: overdue cases by
 * territory, cases by territory × dimension (stacked), and production lines by industry × state (counted).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiAs, type ApiSession } from './support/api.ts';
import { openJourney, signIn, type Journey } from './support/browser.ts';
import { clickBarTop, readBarChart, topSegment, type BarCategory } from './support/echarts.ts';

const baseUrl = inject('baseUrl');

interface Overview {
  asOf: string;
  casesByTerritoryDimensionState: Array<{ territoryCode: string; dimension: string; state: string; n: number }>;
  overdueByTerritory: Array<{ territoryCode: string; n: number }>;
  linesByStateIndustry: Array<{ industryCode: string; state: string; capacityUnit: string; n: number; capacity: string }>;
}
interface Named {
  code: string;
  name: string;
}
interface CaseRow {
  id: number;
  territoryCode: string;
  dimension: string;
  deadlineStatus: string;
}
interface LineRow {
  id: number;
  name: string;
  industryCode: string;
  state: string;
}

/** How the console words a line state (web/src/i18n/dict.ts, lineState.*). */
const LINE_STATE_ZH: Record<string, string> = {
  operating: '运行',
  restricted: '限产',
  suspended: '停产',
  sealed: '封存',
  shut: '关停待验收',
  dismantled: '已拆除待验收',
  exited: '已退出',
};

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const uniq = <T>(xs: T[]) => [...new Set(xs)];

async function openOverview(page: Page) {
  await page.getByRole('menuitem', { name: '总览' }).click();
  await page.waitForURL(/\/overview$/);
  await page.getByRole('heading', { name: '总览', level: 4 }).waitFor();
  for (const c of ['chart-cases', 'chart-states', 'chart-overdue', 'chart-lines']) await page.getByTestId(c).locator('canvas').waitFor();
}

/** The list's "共 N 条" and its rows, once the table shows the answer to the URL's filter. */
/** The cells of the column headed `header` in the given rows (columns are found by their heading: users choose them). */
async function columnTexts(page: Page, rows: ReturnType<Page['locator']>, header: string): Promise<string[]> {
  const heads = (await page.locator('.ant-table-thead > tr > th').allInnerTexts()).map((h) => h.trim());
  const at = heads.indexOf(header);
  expect(at, `a column headed ${header} among ${heads.join(' | ')}`).toBeGreaterThanOrEqual(0);
  return rows.locator(`td:nth-child(${at + 1})`).allInnerTexts();
}

async function listTotal(page: Page): Promise<number> {
  const total = page.locator('.ant-pagination-total-text');
  await total.waitFor();
  return Number(/共 (\d+) 条/.exec(await total.innerText())?.[1]);
}

/** The value a filter card's select shows for the field labelled `label`. */
const filterShows = (page: Page, label: string) =>
  page
    .locator('.filter-card .ant-form-item', { has: page.locator(`label:text-is("${label}")`) })
    .locator('.ant-select-selection-item')
    .innerText();

describe('overview drill-down: a bar opens the list of exactly its slice', () => {
  let j: Journey;
  let office: ApiSession;
  let ov: Overview;
  let territoryName: Map<string, string>;
  let industryName: Map<string, string>;
  let dimensions: Named[];

  beforeAll(async () => {
    j = await openJourney('drilldown');
    office = await apiAs(baseUrl, 'office');
    ov = await office.get<Overview>('/overview');
    territoryName = new Map((await office.get<{ items: Named[] }>('/territories')).items.map((t) => [t.code, t.name]));
    industryName = new Map((await office.get<{ items: Named[] }>('/industries')).items.map((t) => [t.code, t.name]));
    dimensions = (await office.get<{ items: Named[] }>('/dimensions')).items;
    await signIn(j.page, baseUrl, 'office');
    await openOverview(j.page);
    await j.shot('overview');
  });
  afterAll(async () => {
    await j?.close();
  });

  it('overdue cases by territory: the tallest bar opens the overdue cases of that territory', async () => {
    expect(ov.overdueByTerritory.length, 'the demo city has overdue cases').toBeGreaterThan(0);
    const { page } = j;
    const chart = page.getByTestId('chart-overdue');
    const bars = await readBarChart(page, chart);
    // The chart shows GET /overview's figures: one bar per territory with overdue cases, in its order.
    expect(bars.map((b) => [b.name, b.values.map((v) => v.value)])).toEqual(ov.overdueByTerritory.map((r) => [territoryName.get(r.territoryCode), [r.n]]));

    const pick = bars.reduce((best, b) => (b.values[0]!.value > best.values[0]!.value ? b : best));
    const code = ov.overdueByTerritory[bars.indexOf(pick)]!.territoryCode;
    const n = pick.values[0]!.value;
    await clickBarTop(page, chart, pick);
    await page.waitForURL(/\/cases\?/);
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({ territoryCode: code, deadlineStatus: 'overdue' });

    const api = await office.get<{ items: CaseRow[]; total: number }>(`/cases?territoryCode=${code}&deadlineStatus=overdue&limit=100`);
    expect(api.total).toBe(n);
    expect(await listTotal(page)).toBe(n);
    const rows = page.locator('.ant-table-row');
    await expect.poll(() => rows.count()).toBe(n);
    const ids = (await columnTexts(page, rows, '案件编号')).map((s) => Number(s.replace('#', '')));
    expect(ids.sort()).toEqual(api.items.map((c) => c.id).sort());
    // every row is overdue: its days-left column says by how much
    expect((await columnTexts(page, rows, '剩余天数')).every((d) => /^逾期 \d+ 天$/.test(d.trim()))).toBe(true);
    await expect.poll(() => filterShows(page, '属地')).toBe(pick.name);
    await expect.poll(() => filterShows(page, '期限')).toBe('已逾期');
    await j.shot('overdue-cases');

    expect(j.serverErrors).toEqual([]);
    expect(j.errors).toEqual([]);
  });

  it('cases by territory × dimension: a stacked segment opens the cases of that territory in that dimension', async () => {
    const { page } = j;
    await page.goBack();
    await page.waitForURL(/\/overview$/);
    await page.getByTestId('chart-cases').locator('canvas').waitFor();
    const chart = page.getByTestId('chart-cases');
    const bars = await readBarChart(page, chart);

    // Every territory with cases, each with its count per dimension (series in the order of the dimensions).
    const rows = ov.casesByTerritoryDimensionState;
    const territories = uniq(rows.map((r) => r.territoryCode));
    expect(bars.map((b) => b.name)).toEqual(territories.map((c) => territoryName.get(c)));
    for (const [i, b] of bars.entries()) {
      expect(b.values, b.name).toEqual(
        dimensions.map((d) => ({
          series: d.name,
          value: sum(rows.filter((r) => r.territoryCode === territories[i] && r.dimension === d.code).map((r) => r.n)),
        })),
      );
    }

    // The bar whose top segment is the largest; the click lands on that segment.
    const pick = bars.reduce((best, b) => (topSegment(b).value > topSegment(best).value ? b : best));
    const code = territories[bars.indexOf(pick)]!;
    const dim = dimensions.find((d) => d.name === topSegment(pick).series)!;
    const n = topSegment(pick).value;
    await clickBarTop(page, chart, pick);
    await page.waitForURL(/\/cases\?/);
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({ territoryCode: code, dimension: dim.code });

    const api = await office.get<{ items: CaseRow[]; total: number }>(`/cases?territoryCode=${code}&dimension=${dim.code}&limit=100`);
    expect(api.total).toBe(n);
    expect(await listTotal(page)).toBe(n);
    const tableRows = page.locator('.ant-table-row');
    await expect.poll(() => tableRows.count()).toBe(Math.min(n, 20));
    const ids = (await columnTexts(page, tableRows, '案件编号')).map((s) => Number(s.replace('#', '')));
    expect(ids.sort()).toEqual(
      api.items
        .slice(0, 20)
        .map((c) => c.id)
        .sort(),
    );
    expect(uniq(await columnTexts(page, tableRows, '领域'))).toEqual([dim.name]);
    await expect.poll(() => filterShows(page, '属地')).toBe(pick.name);
    await expect.poll(() => filterShows(page, '领域')).toBe(dim.name);
    await j.shot('territory-dimension-cases');

    expect(j.serverErrors).toEqual([]);
    expect(j.errors).toEqual([]);
  });

  it('production lines by industry × state (counted): a segment opens the lines of that industry in that state', async () => {
    const { page } = j;
    await openOverview(page);
    const card = page.locator('.ant-card', { has: page.getByTestId('chart-lines') });
    await card.getByText('生产线数', { exact: true }).click();
    const chart = page.getByTestId('chart-lines');
    const lines = ov.linesByStateIndustry;
    const industries = uniq(lines.map((r) => r.industryCode));
    // The count metric: the tooltip shows numbers of lines per state (capacity figures differ from these).
    const counts = (i: number) =>
      Object.keys(LINE_STATE_ZH).map((s) => ({
        series: LINE_STATE_ZH[s]!,
        value: sum(lines.filter((r) => r.industryCode === industries[i] && r.state === s).map((r) => r.n)),
      }));
    let bars: BarCategory[] = [];
    // Read until the chart shows the count (the switch redraws it after the click).
    await expect
      .poll(
        async () => {
          bars = await readBarChart(page, chart);
          return bars.map((b) => b.values);
        },
        { timeout: 20_000 },
      )
      .toEqual(industries.map((_c, i) => counts(i)));
    expect(bars.map((b) => b.name)).toEqual(industries.map((c) => industryName.get(c)));

    const pick = bars.reduce((best, b) => (topSegment(b).value > topSegment(best).value ? b : best));
    const industry = industries[bars.indexOf(pick)]!;
    const state = Object.keys(LINE_STATE_ZH).find((s) => LINE_STATE_ZH[s] === topSegment(pick).series)!;
    const n = topSegment(pick).value;
    await clickBarTop(page, chart, pick);
    await page.waitForURL(/\/lines\?/);
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({ industryCode: industry, state });

    const api = await office.get<{ items: LineRow[]; total: number }>(`/lines?industryCode=${industry}&state=${state}&limit=20&offset=0`);
    expect(api.total).toBe(n);
    expect(await listTotal(page)).toBe(n);
    const rows = page.locator('.ant-table-row');
    await expect.poll(() => rows.count()).toBe(Math.min(n, 20));
    expect((await columnTexts(page, rows, '生产线/设备名称')).sort()).toEqual(api.items.map((l) => l.name).sort());
    expect(uniq(await columnTexts(page, rows, '状态'))).toEqual([LINE_STATE_ZH[state]]);
    await expect.poll(() => filterShows(page, '行业')).toBe(pick.name);
    await expect.poll(() => filterShows(page, '状态')).toBe(LINE_STATE_ZH[state]);
    await j.shot('industry-state-lines');

    expect(j.serverErrors).toEqual([]);
    expect(j.errors).toEqual([]);
  });
});
