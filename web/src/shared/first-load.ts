/**
 * First load in one round trip (issue 17 item 5). Before React renders, the entry asks at once for everything the
 * page at the address will need: the session check (/auth/me) and the page's own data (the entry starts the
 * reference data beside them, shared/reference.ts), read
 * from the URL alone (`/workbench`, `/enterprises?…`, `/cases/7` and its documents). The console's fetch wrapper
 * (api/client.ts `send`) then takes such an answer, once, instead of asking again when the page makes the same
 * GET. Without this, the page's data waited for the session answer and the page's code: three steps in a row.
 *
 * What is asked early is only what the page would ask anyway, with the same cookies; the server decides as ever
 * (a signed-out visitor gets 401s that nobody reads: the session check discards them). An answer not taken within
 * {@link TTL_MS} is dropped (it is never shown stale). `localStorage['phaseout:firstLoad'] = 'off'` turns it off,
 * for the browser measurement's baseline (test/e2e/first-load.e2e.test.ts).
 */
const BASE = '/api/v1';
const TTL_MS = 15_000;

interface Early {
  at: number;
  answer: Promise<Response>;
}

const early = new Map<string, Early>();

/** `/api/v1/x?b=2&a=1` and `/api/v1/x?a=1&b=2` are the same question. */
function keyOf(url: string): string {
  const u = new URL(url, window.location.origin);
  const sp = [...u.searchParams.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${u.pathname}?${new URLSearchParams(sp).toString()}`;
}

function ask(path: string, query: Record<string, string | number> = {}): void {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== '') sp.set(k, String(v));
  const s = sp.toString();
  const url = `${BASE}${path}${s ? `?${s}` : ''}`;
  const answer = fetch(url, { method: 'GET', headers: { accept: 'application/json' }, credentials: 'same-origin' });
  // a failed early call is the page's to see when it takes it; unhandled until then is not an error
  answer.catch(() => undefined);
  early.set(keyOf(url), { at: Date.now(), answer });
}

const LIST_SIZES = [10, 20, 50, 100];

function listQuery(sp: URLSearchParams, sort?: string): Record<string, string | number> {
  const q: Record<string, string | number> = {};
  for (const [k, v] of sp) if (!['page', 'pageSize', 'sort'].includes(k) && v) q[k] = v;
  const size = LIST_SIZES.includes(Number(sp.get('pageSize'))) ? Number(sp.get('pageSize')) : 20;
  const page = Math.max(1, Number(sp.get('page')) || 1);
  if (sort) q.sort = sort;
  q.limit = size;
  q.offset = (page - 1) * size;
  return q;
}

/**
 * The page's own GETs for an address, exactly as the page makes them (a mismatch costs one unused request, never a
 * wrong answer: the page then asks itself).
 */
export function pageCalls(pathname: string, search: string): Array<[string, Record<string, string | number>]> {
  const sp = new URLSearchParams(search);
  if (pathname === '/' || pathname === '/workbench') return [['/workbench', {}]];
  // web/src/pages/enterprises/index.tsx (with its sort, default id), lines/index.tsx and cases/index.tsx
  // (components/useUrlFilter.ts): the filter fields of the URL, limit = page size, offset
  if (pathname === '/enterprises') return [['/enterprises', listQuery(sp, sp.get('sort') || 'id')]];
  if (pathname === '/lines' || pathname === '/cases') return [[pathname, listQuery(sp)]];
  const caseId = /^\/cases\/(\d+)$/.exec(pathname)?.[1];
  if (caseId) {
    // web/src/pages/cases/detail.tsx: the case, and its documents beside it (documents/CaseDocuments.tsx)
    return [
      [`/cases/${caseId}`, {}],
      ['/documents', { caseId, limit: 100 }],
    ];
  }
  return [];
}

function enabled(): boolean {
  try {
    return window.localStorage.getItem('phaseout:firstLoad') !== 'off';
  } catch {
    return true;
  }
}

/** Called once by the entry, before the first render. Answers whether it asked anything early. */
export function startFirstLoad(loc: { pathname: string; search: string }): boolean {
  if (loc.pathname.startsWith('/login') || !enabled()) return false;
  ask('/auth/me');
  for (const [path, query] of pageCalls(loc.pathname, loc.search)) ask(path, query);
  return true;
}

/** The early answer to this GET, taken once; undefined when there is none (or it is too old). */
export function takeEarly(url: string): Promise<Response> | undefined {
  if (early.size === 0) return undefined;
  const key = keyOf(url);
  const e = early.get(key);
  if (!e) return undefined;
  early.delete(key);
  return Date.now() - e.at <= TTL_MS ? e.answer : undefined;
}

/** Drops every early answer not taken (the session is not there, or changed: sign-in, sign-out). */
export function discardEarly(): void {
  early.clear();
}
