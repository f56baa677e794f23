/**
 * The API calls a page makes while it loads, with their start and end times, and the longest chain among them: B
 * counts as chained after A when B started after A had answered. That is conservative — two unrelated calls made
 * one after the other count as a chain too — so a page that passes has no request waterfall longer than the figure.
 *
 * The times are taken in the page, by wrapping `fetch` (every call of the console goes through it): the start when
 * the page called fetch, the end when the answer arrived (the fetch promise resolved; the page cannot act on an
 * answer earlier). Chromium's own request timing (`request.timing().startTime`) is when its network stack dispatched
 * the request, which on a busy machine lags the page's call by tens of milliseconds — longer than a local answer
 * takes — so calls the page made in one go would look chained. The browser's request events are recorded as well,
 * to check that no /api/ request escaped the wrapper (an XHR, an image) and to catch failed ones.
 */
import type { Page, Request } from 'playwright-core';

export interface ApiCall {
  method: string;
  /** path and query, without the origin */
  path: string;
  /** ms since the epoch, when the page called fetch */
  start: number;
  /** ms since the epoch, when the answer arrived (or the call failed); null while pending */
  end: number | null;
  status: number | null;
  failed: boolean;
}

const KEY = '__phaseoutApiCalls';

/** Installed in every document of the context before the page's own scripts. */
function wrapFetch(key: string) {
  const calls: ApiCall[] = [];
  Object.defineProperty(window, key, { value: calls });
  const original = window.fetch.bind(window);
  const now = () => performance.timeOrigin + performance.now();
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, location.href);
    if (!url.pathname.startsWith('/api/')) return original(input, init);
    const call: ApiCall = {
      method: (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase(),
      path: url.pathname + url.search,
      start: now(),
      end: null,
      status: null,
      failed: false,
    };
    calls.push(call);
    const answer = original(input, init);
    // Registered before the caller's own continuation, so `end` is set before the page can act on the answer.
    answer.then(
      (res) => {
        call.end = now();
        call.status = res.status;
      },
      () => {
        call.end = now();
        call.failed = true;
      },
    );
    return answer;
  };
}

/** Wraps fetch in every page of the context from now on (call once per context, before the pages load). */
export async function instrumentApiCalls(page: Page): Promise<void> {
  await page.context().addInitScript(wrapFetch, KEY);
}

export interface PageLoad {
  /** what the page's fetch saw */
  calls: ApiCall[];
  /** /api/ requests the browser sent (method and path), for the cross-check */
  requests: string[];
  /** /api/ requests the browser saw fail (no answer at all) */
  failures: string[];
}

/**
 * Runs `load` (a navigation and the wait for the page's content) and answers the API calls of the document it
 * leaves open. Start it with the previous page idle, and let `load` wait until the new one is.
 */
export async function recordPageLoad(page: Page, load: () => Promise<void>): Promise<PageLoad> {
  const requests: string[] = [];
  const failures: string[] = [];
  const seen = new Set<Request>();
  const path = (r: Request) => {
    const u = new URL(r.url());
    return `${r.method()} ${u.pathname}${u.search}`;
  };
  const onRequest = (r: Request) => {
    if (!new URL(r.url()).pathname.startsWith('/api/')) return;
    seen.add(r);
    requests.push(path(r));
  };
  // Only requests sent during the load: the page left behind may have calls the navigation cuts off.
  const onFailed = (r: Request) => {
    if (seen.has(r)) failures.push(`${path(r)}: ${r.failure()?.errorText ?? 'failed'}`);
  };
  page.on('request', onRequest);
  page.on('requestfailed', onFailed);
  try {
    await load();
  } finally {
    page.off('request', onRequest);
    page.off('requestfailed', onFailed);
  }
  const calls = await page.evaluate((key) => ((window as unknown as Record<string, ApiCall[] | undefined>)[key] ?? []).map((c) => ({ ...c })), KEY);
  return { calls, requests, failures };
}

/** Waits until every call the page has made was answered. */
export async function callsAnswered(page: Page): Promise<void> {
  await page.waitForFunction((key) => ((window as unknown as Record<string, ApiCall[] | undefined>)[key] ?? []).every((c) => c.end !== null), KEY);
}

/** The longest chain of calls each started after the previous one had answered (empty when there is no call). */
export function longestChain(calls: readonly ApiCall[]): ApiCall[] {
  const sorted = [...calls].sort((a, b) => a.start - b.start);
  const best: ApiCall[][] = [];
  let longest: ApiCall[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const c = sorted[i]!;
    let chain: ApiCall[] = [c];
    for (let j = 0; j < i; j++) {
      const prev = sorted[j]!;
      const ended = prev.end ?? Number.POSITIVE_INFINITY;
      if (ended <= c.start && best[j]!.length + 1 > chain.length) chain = [...best[j]!, c];
    }
    best.push(chain);
    if (chain.length > longest.length) longest = chain;
  }
  return longest;
}
