/** A small API client for the journeys' set-up and checks: signs in, keeps the session cookie and the CSRF token. */

export interface ApiSession {
  get: <T>(path: string) => Promise<T>;
  post: <T>(path: string, body: unknown) => Promise<T>;
}

export async function apiAs(baseUrl: string, username: string, password = 'phaseout-demo'): Promise<ApiSession> {
  const r = await fetch(`${baseUrl}api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!r.ok) throw new Error(`login ${username}: HTTP ${r.status} ${await r.text()}`);
  const { csrfToken } = (await r.json()) as { csrfToken: string };
  const cookie = r.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${baseUrl}api/v1${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  return { get: (p) => call('GET', p), post: (p, b) => call('POST', p, b) };
}

export interface EnterpriseRow {
  id: number;
  name: string;
  creditCode: string;
  territoryCode: string;
  territoryName: string;
}
