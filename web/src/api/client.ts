/**
 * The fetch wrapper every API call goes through: same-origin credentials, JSON in and out, the session's CSRF
 * token on every write, and problem+json answers turned into a typed {@link ApiError}.
 */
import { takeEarly } from '../shared/first-load.ts';

/** One field error of a problem document (`details.errors[]`). */
export interface FieldError {
  field: string;
  message: string;
  messageZh?: string;
}

/** The problem+json document the server sends for every refusal (server/platform/http/errors-plugin.ts). */
export interface Problem {
  status: number;
  code: string;
  message: string;
  messageZh: string;
  details?: Record<string, unknown>;
  requestId?: string;
}

/** A refused or failed API call. `status` 0 means the network failed before any answer. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly messageZh: string;
  readonly details: Record<string, unknown>;
  constructor(p: Problem) {
    super(p.message);
    this.name = 'ApiError';
    this.status = p.status;
    this.code = p.code;
    this.messageZh = p.messageZh;
    this.details = p.details ?? {};
  }
  /** Field errors carried in `details.errors` (validation). */
  get fieldErrors(): FieldError[] {
    const e = this.details.errors;
    return Array.isArray(e) ? (e.filter((x) => x && typeof x === 'object' && typeof (x as FieldError).field === 'string') as FieldError[]) : [];
  }
  /** The route itself does not exist yet (a module not deployed): pages show an empty state. */
  get routeMissing(): boolean {
    return this.status === 404 && this.code === 'ROUTE_NOT_FOUND';
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

let csrfToken = '';
/** Set by the session after login or /auth/me. */
export function setCsrfToken(token: string) {
  csrfToken = token;
}

type UnauthenticatedListener = () => void;
const unauthListeners = new Set<UnauthenticatedListener>();
/** Called when any call answers 401 UNAUTHENTICATED (session expired): the session sends the user to /login. */
export function onUnauthenticated(fn: UnauthenticatedListener): () => void {
  unauthListeners.add(fn);
  return () => unauthListeners.delete(fn);
}

export type Query = Record<string, string | number | boolean | null | undefined>;

/** Builds `?a=1&b=2`, skipping empty values. */
export function toQuery(q: Query | undefined): string {
  if (!q) return '';
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined || v === null || v === '') continue;
    sp.set(k, String(v));
  }
  const s = sp.toString();
  return s ? `?${s}` : '';
}

const BASE = '/api/v1';

async function toError(res: Response): Promise<ApiError> {
  let body: Partial<Problem> = {};
  try {
    body = (await res.json()) as Partial<Problem>;
  } catch {
    /* not JSON (proxy error page…) */
  }
  return new ApiError({
    status: res.status,
    code: typeof body.code === 'string' ? body.code : `HTTP_${res.status}`,
    message: typeof body.message === 'string' ? body.message : res.statusText || `HTTP ${res.status}`,
    messageZh: typeof body.messageZh === 'string' ? body.messageZh : typeof body.message === 'string' ? body.message : `请求失败（${res.status}）`,
    ...(body.details && typeof body.details === 'object' ? { details: body.details } : {}),
  });
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** Do not report 401 to the session (the login call itself). */
  quiet401?: boolean;
}

/** Sends a request and returns the raw Response when it succeeded (2xx), else throws an ApiError. */
export async function send(path: string, opts: RequestOptions = {}): Promise<Response> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined;
  if (opts.body instanceof FormData) {
    body = opts.body;
  } else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  const url = `${BASE}${path}${toQuery(opts.query)}`;
  try {
    // the first load asked this GET already, beside the session check (shared/first-load.ts)
    const asked = method === 'GET' && !opts.signal ? takeEarly(url) : undefined;
    res = await (asked ??
      fetch(url, {
        method,
        headers,
        body: body ?? null,
        credentials: 'same-origin',
        ...(opts.signal ? { signal: opts.signal } : {}),
      }));
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError({ status: 0, code: 'NETWORK', message: 'Network error', messageZh: '网络错误' });
  }
  if (!res.ok) {
    const err = await toError(res);
    if (err.status === 401 && err.code === 'UNAUTHENTICATED' && !opts.quiet401) unauthListeners.forEach((fn) => fn());
    throw err;
  }
  return res;
}

/** A JSON call; 204 answers resolve to undefined. */
export async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await send(path, opts);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** Downloads a file answer (Excel export, template) and saves it under the server's file name or `fallbackName`. */
export async function download(path: string, query: Query | undefined, fallbackName: string): Promise<void> {
  const res = await send(path, { query });
  const blob = await res.blob();
  const cd = res.headers.get('content-disposition') ?? '';
  const m = /filename\*=UTF-8''([^;]+)/i.exec(cd) ?? /filename="?([^";]+)"?/i.exec(cd);
  const name = m?.[1] ? decodeURIComponent(m[1]) : fallbackName;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Maps a problem's field path to a form field name: `/body/creditCode`, `body/creditCode`, `/creditCode` and
 * `creditCode` all give `creditCode`; nested paths give the last segment.
 */
export function fieldName(path: string): string {
  const parts = path.split('/').filter((p) => p !== '' && p !== 'body' && p !== 'querystring' && p !== 'params');
  return parts[parts.length - 1] ?? '';
}
