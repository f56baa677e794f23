/**
 * No request waterfall longer than two steps on any page: the office, already signed in, loads each console page
 * fresh (a full navigation, as after a reload or a pasted link) and the public page; every /api/ call is recorded
 * with its start and end (support/network.ts) until the page's main content is visible and the network is idle. A
 * call counts as chained after another when it started after the other had answered (conservative: unrelated calls
 * made one after the other count too). Two steps are the session check (/auth/me, which every console page needs
 * before it knows who is asking; the reference data is asked for beside it) and the page's own data; a third step
 * means the page waited for one answer to ask the next question. Prints page → chain length → calls, and saves a
 * screenshot of each page.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiAs } from './support/api.ts';
import { openJourney, signIn, type Journey } from './support/browser.ts';
import { callsAnswered, instrumentApiCalls, longestChain, recordPageLoad, type ApiCall } from './support/network.ts';

const baseUrl = inject('baseUrl');
const MAX_CHAIN = 2;

interface PageSpec {
  name: string;
  path: () => string;
  /** the page's main content is on screen */
  ready: (page: Page) => Promise<void>;
  /** what the page still does on demand, checked after the measurement */
  after?: (page: Page) => Promise<void>;
}

const heading = (page: Page, name: string) => page.getByRole('heading', { name, level: 4 }).waitFor();
const firstRow = (page: Page) => page.locator('.ant-table-row').first().waitFor();

describe('request waterfalls: at most two steps on every page', () => {
  let j: Journey;
  let enterpriseId = 0;
  let caseId = 0;
  const rows: Array<{ page: string; chain: ApiCall[]; calls: ApiCall[] }> = [];

  beforeAll(async () => {
    j = await openJourney('waterfall');
    await instrumentApiCalls(j.page);
    const office = await apiAs(baseUrl, 'office');
    // An enterprise with lines and cases, and a case with acts on its timeline: pages with all their parts filled.
    const cases = await office.get<{ items: Array<{ id: number; enterprise: { id: number }; state: string }> }>('/cases?limit=100');
    const withActs = cases.items.find((c) => c.state !== 'found');
    expect(withActs, 'a demo case past its first state').toBeDefined();
    caseId = withActs!.id;
    enterpriseId = withActs!.enterprise.id;
    await signIn(j.page, baseUrl, 'office');
    await callsAnswered(j.page);
  });

  afterAll(async () => {
    if (rows.length > 0) {
      const w = Math.max(...rows.map((r) => r.page.length));
      const lines = rows.map((r) => {
        const chain = r.chain.map((c) => `${c.method} ${c.path}`).join(' → ') || '—';
        const others = r.calls.filter((c) => !r.chain.includes(c)).map((c) => `${c.method} ${c.path}`);
        return `${r.page.padEnd(w)}  ${r.chain.length}  ${chain}${others.length ? `   (also: ${others.join(', ')})` : ''}`;
      });
      console.log(['request waterfalls (page, longest chain, the chain and the other calls):', ...lines].join('\n'));
    }
    await j?.close();
  });

  const pages: PageSpec[] = [
    {
      name: 'workbench',
      path: () => 'workbench',
      ready: async (p) => {
        await heading(p, '工作台');
        await p.getByTestId('wb-waiting').locator('.ant-table-row').first().waitFor();
      },
    },
    {
      name: 'enterprise list',
      path: () => 'enterprises',
      ready: async (p) => {
        await heading(p, '企业台账');
        await firstRow(p);
      },
    },
    {
      name: 'enterprise detail',
      path: () => `enterprises/${enterpriseId}`,
      ready: async (p) => {
        await p.getByTestId('enterprise-profile').waitFor();
        await p.locator('.ant-tabs-tabpane-active .ant-table-row').first().waitFor();
        await p.getByRole('tab', { name: /案件 \(\d+\)/ }).waitFor();
      },
      // The history is read when its tab is opened, not with the page.
      after: async (p) => {
        const answer = p.waitForResponse((r) => /\/api\/v1\/enterprises\/\d+\/history$/.test(new URL(r.url()).pathname));
        await p.getByRole('tab', { name: '变更历史' }).click();
        expect((await answer).status()).toBe(200);
        await p.locator('.ant-tabs-tabpane-active .ant-table').waitFor();
      },
    },
    {
      name: 'line list',
      path: () => 'lines',
      ready: async (p) => {
        await heading(p, '生产线');
        await firstRow(p);
      },
    },
    {
      name: 'case list',
      path: () => 'cases',
      ready: async (p) => {
        await heading(p, '案件');
        await firstRow(p);
      },
    },
    {
      name: 'case detail',
      path: () => `cases/${caseId}`,
      ready: async (p) => {
        await p.getByTestId('case-state').waitFor();
        await p.getByTestId('case-timeline').locator('[data-testid^="timeline-"]').first().waitFor();
      },
    },
    {
      name: 'overview',
      path: () => 'overview',
      ready: async (p) => {
        await heading(p, '总览');
        for (const c of ['chart-cases', 'chart-states', 'chart-overdue', 'chart-lines']) await p.getByTestId(c).locator('canvas').waitFor();
      },
    },
    {
      name: 'audit',
      path: () => 'audit',
      ready: async (p) => {
        await heading(p, '审计日志');
        await firstRow(p);
      },
    },
    {
      name: 'users',
      path: () => 'users',
      ready: async (p) => {
        await heading(p, '用户');
        await firstRow(p);
      },
    },
    {
      name: 'import',
      path: () => 'import',
      ready: async (p) => {
        await heading(p, 'Excel导入');
      },
    },
  ];

  for (const spec of pages) {
    it(`${spec.name}: loads with a request chain of at most ${MAX_CHAIN}`, async () => {
      const { page } = j;
      const load = await recordPageLoad(page, async () => {
        await page.goto(`${baseUrl}${spec.path()}`);
        await spec.ready(page);
        await page.waitForLoadState('networkidle');
        await callsAnswered(page);
      });
      // the header's unread-notification badge polls on its own schedule, off the page's critical path: it is not part
      // of the page's content load (its request is still checked below, like every other)
      const chain = longestChain(load.calls.filter((c) => !c.path.startsWith('/api/v1/notifications?unread=true')));
      rows.push({ page: spec.name, chain, calls: load.calls });
      await j.shot(spec.name.replace(/ /g, '-'));
      // Every /api/ request the browser sent went through the measured fetch, and each was answered.
      expect(load.calls.map((c) => `${c.method} ${c.path}`).sort(), 'requests outside fetch').toEqual([...load.requests].sort());
      expect(load.failures).toEqual([]);
      expect(
        load.calls.filter((c) => c.failed || (c.status ?? 0) >= 400).map((c) => `${c.status} ${c.method} ${c.path}`),
        'refused calls',
      ).toEqual([]);
      const steps = chain.map((c) => `${c.method} ${c.path}`).join(' → ');
      expect(chain.length, `the longest request chain of ${spec.name}: ${steps}`).toBeLessThanOrEqual(MAX_CHAIN);
      await spec.after?.(page);
      expect(j.serverErrors).toEqual([]);
      expect(j.errors).toEqual([]);
    });
  }
});
