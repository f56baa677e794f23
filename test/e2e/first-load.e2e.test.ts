/**
 * First load in one round trip (issue 17 item 5). The office, signed in, opens the workbench, the enterprise list and
 * a case page by a full navigation. Asserted (behaviour, not time): the page's own data is asked for before the
 * session check has answered (the entry asks for it beside /auth/me, web/src/shared/first-load.ts), and the page
 * takes that answer instead of asking twice.
 *
 * Measured and printed, never asserted: the time to first content (the page's first row or first timeline entry,
 * ms since the navigation started, taken in the page by a MutationObserver), median of 3, cold (a fresh browser
 * context each time: empty HTTP cache) and warm (reloads in one context), with the early asking on and, as the
 * baseline of the same run, off (`localStorage['phaseout:firstLoad'] = 'off'`: the page's code and data wait for the
 * session answer, as before). The figures go to test-output/first-load.json and docs/performance.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { apiAs } from './support/api.ts';
import { CHROMIUM, DEMO_PASSWORD, SCREENSHOTS } from './support/browser.ts';
import { callsAnswered, instrumentApiCalls, recordPageLoad } from './support/network.ts';

const baseUrl = inject('baseUrl');
const RUNS = 3;

interface Target {
  name: string;
  path: () => string;
  /** the first content of the page */
  selector: string;
  /** the page's own data call (its path, without the query) */
  data: () => string;
}

/** Installed before the page's scripts: the first time each selector matches, in ms since the navigation started. */
function watchFirstContent(selectors: string[]) {
  const seen: Record<string, number> = {};
  Object.defineProperty(window, '__firstContent', { value: seen });
  const check = () => {
    for (const s of selectors) if (seen[s] === undefined && document.querySelector(s)) seen[s] = performance.now();
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
}

const MODES = ['early', 'off'] as const;

/** One load, in ms since the navigation started: the session answer, the page data's answer, the first content. */
interface Run {
  me: number;
  data: number;
  content: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

describe('first load: the session check, the reference data and the page data in one step', () => {
  let browser: Browser;
  let caseId = 0;
  const figures: Array<{ page: string; mode: (typeof MODES)[number]; cold: Run[]; warm: Run[] }> = [];

  const targets: Target[] = [
    { name: 'workbench', path: () => 'workbench', selector: '[data-testid="wb-waiting"] .ant-table-row', data: () => '/api/v1/workbench' },
    { name: 'enterprise list', path: () => 'enterprises', selector: '.ant-table-row', data: () => '/api/v1/enterprises' },
    {
      name: 'case page',
      path: () => `cases/${caseId}`,
      selector: '[data-testid="case-timeline"] [data-testid^="timeline-"]',
      data: () => `/api/v1/cases/${caseId}`,
    },
  ];

  beforeAll(async () => {
    const office = await apiAs(baseUrl, 'office');
    const cases = await office.get<{ items: Array<{ id: number; state: string }> }>('/cases?limit=100');
    caseId = cases.items.find((c) => c.state !== 'found')!.id;
    expect(caseId).toBeGreaterThan(0);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update'],
    });
  });

  afterAll(async () => {
    if (figures.length > 0) {
      const col = (rs: Run[]) =>
        `${String(Math.round(median(rs.map((r) => r.content)))).padStart(5)} ms (${rs.map((r) => Math.round(r.content)).join(', ')}; ` +
        `session ${Math.round(median(rs.map((r) => r.me)))}, data ${Math.round(median(rs.map((r) => r.data)))})`;
      const lines = figures.map((f) => `${f.page.padEnd(16)} ${f.mode.padEnd(5)} cold ${col(f.cold)}   warm ${col(f.warm)}`);
      console.log(
        [`time to first content, median of ${RUNS} (the runs; median answer of the session check and of the page data, ms since navigation):`, ...lines].join(
          '\n',
        ),
      );
      fs.mkdirSync(path.dirname(SCREENSHOTS), { recursive: true });
      fs.writeFileSync(path.join(path.dirname(SCREENSHOTS), 'first-load.json'), JSON.stringify(figures, null, 2));
    }
    await browser?.close();
  });

  /** A fresh context (empty cache), signed in as the office, with the fetch and first-content recorders. */
  async function freshContext(mode: 'early' | 'off'): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const login = await context.request.post(`${baseUrl}api/v1/auth/login`, { data: { username: 'office', password: DEMO_PASSWORD } });
    expect(login.status()).toBe(200);
    if (mode === 'off') await context.addInitScript(() => window.localStorage.setItem('phaseout:firstLoad', 'off'));
    await context.addInitScript(
      watchFirstContent,
      targets.map((t) => t.selector),
    );
    const page = await context.newPage();
    await instrumentApiCalls(page);
    return { context, page };
  }

  async function firstContent(page: Page, selector: string): Promise<number> {
    const handle = await page.waitForFunction((s) => (window as unknown as { __firstContent: Record<string, number> }).__firstContent[s], selector);
    return (await handle.jsonValue()) as number;
  }

  /** Waits for the first content; answers it with the session check's and the page data's answers (ms since navigation). */
  async function measured(page: Page, target: Target): Promise<Run> {
    const content = await firstContent(page, target.selector);
    await callsAnswered(page);
    const data = target.data();
    return page.evaluate(
      ({ key, data, content }) => {
        const calls = (window as unknown as Record<string, Array<{ path: string; end: number | null }>>)[key] ?? [];
        const at = (p: (path: string) => boolean) => (calls.find((c) => p(c.path))?.end ?? Number.NaN) - performance.timeOrigin;
        return { me: at((p) => p === '/api/v1/auth/me'), data: at((p) => p === data || p.startsWith(`${data}?`)), content };
      },
      { key: '__phaseoutApiCalls', data, content },
    );
  }

  for (const target of targets) {
    it(`${target.name}: the page data is asked for before the session check answers, once`, async () => {
      const { context, page } = await freshContext('early');
      try {
        const load = await recordPageLoad(page, async () => {
          await page.goto(`${baseUrl}${target.path()}`);
          await firstContent(page, target.selector);
          await page.waitForLoadState('networkidle');
        });
        const me = load.calls.find((c) => c.path === '/api/v1/auth/me');
        const data = load.calls.filter((c) => c.method === 'GET' && (c.path === target.data() || c.path.startsWith(`${target.data()}?`)));
        expect(me, 'the session check').toBeDefined();
        expect(
          data.map((c) => c.path),
          'the page data, asked once',
        ).toHaveLength(1);
        expect(data[0]!.start, `${data[0]!.path} starts before /auth/me has answered`).toBeLessThan(me!.end!);
        expect(load.calls.filter((c) => (c.status ?? 0) >= 400).map((c) => `${c.status} ${c.path}`)).toEqual([]);
        // the reference data is asked for in the same step
        const territories = load.calls.find((c) => c.path === '/api/v1/territories');
        expect(territories, 'the reference data').toBeDefined();
        expect(territories!.start).toBeLessThan(me!.end!);
      } finally {
        await context.close();
      }
    });
  }

  for (const target of targets) {
    it(
      `${target.name}: time to first content, cold and warm, median of ${RUNS}, with the early asking and without (printed)`,
      { timeout: 300_000 },
      async () => {
        const runs = { early: { cold: [] as Run[], warm: [] as Run[] }, off: { cold: [] as Run[], warm: [] as Run[] } };
        // the two modes alternate, so that the machine's load drifts over both alike
        for (let i = 0; i < RUNS; i++) {
          for (const mode of MODES) {
            const { context, page } = await freshContext(mode);
            try {
              await page.goto(`${baseUrl}${target.path()}`);
              runs[mode].cold.push(await measured(page, target));
            } finally {
              await context.close();
            }
          }
        }
        const warmed = await Promise.all(MODES.map((m) => freshContext(m)));
        try {
          for (const { page } of warmed) {
            await page.goto(`${baseUrl}${target.path()}`);
            await firstContent(page, target.selector);
            await page.waitForLoadState('networkidle');
          }
          for (let i = 0; i < RUNS; i++) {
            for (const [k, mode] of MODES.entries()) {
              const { page } = warmed[k]!;
              await page.reload();
              runs[mode].warm.push(await measured(page, target));
              await page.waitForLoadState('networkidle');
            }
          }
        } finally {
          for (const { context } of warmed) await context.close();
        }
        for (const mode of MODES) {
          figures.push({ page: target.name, mode, ...runs[mode] });
          expect(runs[mode].cold).toHaveLength(RUNS);
          expect(runs[mode].warm).toHaveLength(RUNS);
        }
      },
    );
  }
});
