/**
 * Several instances on one database behind a load balancer (issue 18 item 1): two app processes on one PostgreSQL
 * database (the tier's server, reached as an external server through DATABASE_URL) behind Debian's nginx. A session
 * made on one works on the other; logout, password change and disabling take effect on the other instance at once
 * (LISTEN/NOTIFY, server/platform/signals.ts), even where it had the session cached; the overview on one reflects a
 * write on the other; acts on both at once number their documents with no duplicate and no gap, and two sweeps at once
 * notify each unit once. Skipped with a message where nginx is not installed (.ci/run installs it).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../../server/platform/db/embedded.ts';
import { withDatabaseName } from '../support/global-setup.ts';

const BIN = path.resolve('bin/phaseout');
const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => fs.existsSync(p));
const children: ChildProcess[] = [];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'phaseout-multi-'));
let dbName = '';
let base: pg.PoolConfig;

interface Instance {
  url: string;
  child: ChildProcess;
  output: () => string;
}

function databaseUrl(conn: pg.PoolConfig): string {
  if (conn.connectionString) return conn.connectionString;
  const u = new URL('postgres://localhost');
  u.hostname = String(conn.host ?? '127.0.0.1');
  u.port = String(conn.port ?? 5432);
  u.username = encodeURIComponent(String(conn.user ?? ''));
  u.password = encodeURIComponent(String(conn.password ?? ''));
  u.pathname = `/${String(conn.database)}`;
  return u.toString();
}

async function waitHealthy(url: string, child: ChildProcess, out: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited ${child.exitCode}:\n${out()}`);
    try {
      if ((await fetch(`${url}/api/v1/health`)).status === 200) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`not ready:\n${out()}`);
}

async function startInstance(dbUrl: string, name: string): Promise<Instance> {
  const port = await freePort();
  let out = '';
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LOG_LEVEL: 'warn',
    PORT: String(port),
    DATABASE_URL: dbUrl,
    PHASEOUT_DATA_DIR: path.join(tmp, name),
    PHASEOUT_DEMO: '1',
  };
  const child = spawn(process.execPath, [BIN, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const url = `http://127.0.0.1:${port}`;
  await waitHealthy(url, child, () => out);
  return { url, child, output: () => out };
}

async function startNginx(upstreams: string[]): Promise<string> {
  const port = await freePort();
  const dir = path.join(tmp, 'nginx');
  fs.mkdirSync(dir, { recursive: true, mode: 0o777 });
  fs.chmodSync(dir, 0o777);
  const conf = `
daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fcgi;
  uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  upstream phaseout { ${upstreams.map((u) => `server ${u.replace('http://', '')};`).join(' ')} }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://phaseout;
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $remote_addr;
    }
  }
}`;
  fs.writeFileSync(path.join(dir, 'nginx.conf'), conf);
  const child = spawn(NGINX!, ['-p', dir, '-c', path.join(dir, 'nginx.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  child.stderr!.on('data', (d) => (out += d));
  const url = `http://127.0.0.1:${port}`;
  await waitHealthy(url, child, () => out + (fs.existsSync(path.join(dir, 'error.log')) ? fs.readFileSync(path.join(dir, 'error.log'), 'utf8') : ''));
  return url;
}

/** A small HTTP client with a cookie and the CSRF token of its session. */
class Browser {
  cookie = '';
  csrf = '';
  async login(url: string, username: string, password = 'phaseout-demo'): Promise<void> {
    const r = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    expect(r.status, await r.clone().text()).toBe(200);
    this.cookie = (r.headers.get('set-cookie') ?? '').split(';')[0]!;
    this.csrf = ((await r.json()) as { csrfToken: string }).csrfToken;
  }
  async req(url: string, method: string, p: string, body?: unknown): Promise<Response> {
    return fetch(`${url}${p}`, {
      method,
      headers: { cookie: this.cookie, 'x-csrf-token': this.csrf, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  }
}

const skip = !NGINX;
let A: Instance;
let B: Instance;
let LB: string;

beforeAll(async () => {
  if (skip) return;
  base = JSON.parse(inject('pgConnection')) as pg.PoolConfig;
  dbName = `mi_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client(withDatabaseName(base, 'postgres'));
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  await admin.end();
  const url = databaseUrl(withDatabaseName(base, dbName));
  A = await startInstance(url, 'a'); // migrates and loads the demo city
  B = await startInstance(url, 'b');
  LB = await startNginx([A.url, B.url]);
}, 300_000);

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 1500));
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  if (dbName) {
    const admin = new pg.Client(withDatabaseName(base, 'postgres'));
    await admin.connect();
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe.skipIf(skip)('several instances behind nginx (issue 18 item 1)', () => {
  it('a session made through the load balancer works on both instances; every request through nginx is answered', async () => {
    const b = new Browser();
    await b.login(LB, 'office');
    expect((await b.req(A.url, 'GET', '/api/v1/auth/me')).status).toBe(200);
    expect((await b.req(B.url, 'GET', '/api/v1/auth/me')).status).toBe(200);
    const answers = await Promise.all(Array.from({ length: 20 }, () => b.req(LB, 'GET', '/api/v1/enterprises?limit=5')));
    expect(answers.map((r) => r.status)).toEqual(Array(20).fill(200));
  });

  it('logout on one instance ends the session on the other at once, though the other had it cached', async () => {
    const b = new Browser();
    await b.login(A.url, 't-340202');
    expect((await b.req(B.url, 'GET', '/api/v1/auth/me')).status).toBe(200); // now cached on B
    expect((await b.req(A.url, 'POST', '/api/v1/auth/logout', {})).status).toBe(204);
    const after = await b.req(B.url, 'GET', '/api/v1/auth/me');
    expect(after.status, `${await after.text()}\n${B.output()}`).toBe(401);
  });

  it("a password change on one instance ends the user's other sessions on the other at once", async () => {
    const first = new Browser();
    const second = new Browser();
    await first.login(A.url, 't-340207');
    await second.login(B.url, 't-340207');
    expect((await second.req(B.url, 'GET', '/api/v1/auth/me')).status).toBe(200);
    const r = await first.req(A.url, 'POST', '/api/v1/auth/password', { currentPassword: 'phaseout-demo', newPassword: 'Another-passw0rd-2026' });
    expect(r.status, await r.text()).toBeLessThan(300);
    expect((await second.req(B.url, 'GET', '/api/v1/auth/me')).status).toBe(401);
    expect((await first.req(A.url, 'GET', '/api/v1/auth/me')).status).toBe(200); // the session that changed it stays
  });

  it('disabling an account on one instance shuts it out of the other at once', async () => {
    const office = new Browser();
    await office.login(A.url, 'office');
    const user = new Browser();
    await user.login(B.url, 'd-msa');
    expect((await user.req(B.url, 'GET', '/api/v1/auth/me')).status).toBe(200);
    const users = (await (await office.req(A.url, 'GET', '/api/v1/users?limit=500')).json()) as { items: Array<{ id: number; username: string }> };
    const id = users.items.find((u) => u.username === 'd-msa')!.id;
    expect((await office.req(A.url, 'POST', `/api/v1/users/${id}/disable`, {})).status).toBe(204);
    expect((await user.req(B.url, 'GET', '/api/v1/auth/me')).status).toBeGreaterThanOrEqual(401);
    expect((await user.req(B.url, 'GET', '/api/v1/enterprises?limit=1')).status).toBeGreaterThanOrEqual(401);
  });

  it('the overview on one instance reflects a write made on the other', async () => {
    const office = new Browser();
    await office.login(A.url, 'office');
    const readOverview = async () => (await office.req(B.url, 'GET', '/api/v1/overview')).text();
    const before = await readOverview();
    expect(await readOverview()).toBe(before); // B answers from its cache now
    // open a case on A: an environment finding on an operating line of an enterprise of the demo city
    const lines = (await (await office.req(A.url, 'GET', '/api/v1/lines?state=operating&limit=50')).json()) as {
      items: Array<{ id: number; enterpriseId: number }>;
    };
    let opened = false;
    for (const line of lines.items) {
      const today = new Date().toISOString().slice(0, 10);
      const r = await office.req(A.url, 'POST', '/api/v1/cases', {
        enterpriseId: line.enterpriseId,
        dimension: 'environment',
        lineIds: [line.id],
        finding: { kind: 'emission', pollutant: 'SO2', measured: '300', limit: '200', unit: 'mg/m3', date: today },
        openedOn: today,
      });
      if (r.status === 201) {
        opened = true;
        break;
      }
    }
    expect(opened).toBe(true);
    expect(await readOverview()).not.toBe(before);
  });

  it('concurrent acts on both instances issue document numbers with no duplicate and no gap; two sweeps at once notify once', async () => {
    const db = new pg.Client(withDatabaseName(base, dbName));
    await db.connect();
    try {
      // eight steel enterprises of 镜湖区 with a sinter machine each (written straight to the shared database)
      const caseIds: number[] = [];
      const county = new Browser();
      await county.login(LB, 't-340202');
      const today = new Date().toISOString().slice(0, 10);
      for (let i = 0; i < 8; i++) {
        const e = await db.query<{ id: number }>(
          `insert into enterprise (credit_code, name, territory_code, industry_code) values ($1, $2, '340202', 'steel') returning id`,
          [`MI${randomBytes(8).toString('hex').toUpperCase()}`, `多实例测试钢铁${i}有限公司`],
        );
        const l = await db.query<{ id: number }>(
          `insert into production_line (enterprise_id, kind, name, capacity, capacity_unit) values ($1, 'sinter_machine', '1号烧结机', '120', '万吨/年') returning id`,
          [e.rows[0]!.id],
        );
        const r = await county.req(LB, 'POST', '/api/v1/cases', {
          enterpriseId: e.rows[0]!.id,
          dimension: 'energy',
          lineIds: [l.rows[0]!.id],
          finding: { standard: 'GB 21256', edition: 'GB 21256-2013', process: '烧结工序', measured: '58.2', limit: '55', unit: 'kgce/t', date: today },
          openedOn: today,
        });
        expect(r.status, await r.clone().text()).toBe(201);
        caseIds.push(((await r.json()) as { id: number }).id);
      }
      // the eight orders served at once, half on each instance: each act numbers its notice in its own transaction
      const served = await Promise.all(
        caseIds.map((id, i) =>
          county.req(i % 2 ? B.url : A.url, 'POST', `/api/v1/cases/${id}/acts`, { kind: 'serveRectificationOrder', date: today, payload: {} }),
        ),
      );
      for (const r of served) expect(r.status, await r.clone().text()).toBe(201);
      const docs = await db.query<{ unit_code: string; kind: string; year: number; seq: number; number: string; case_id: number | null }>(
        `select unit_code, kind, year, seq, number, case_id from document where unit_code = 'territory:340202' and kind = 'rectification-notice' order by seq`,
      );
      const ours = docs.rows.filter((d) => caseIds.includes(Number(d.case_id)));
      expect(ours).toHaveLength(8);
      expect(new Set(docs.rows.map((d) => d.number)).size).toBe(docs.rows.length);
      // per year the sequence is 1..n with nothing skipped and nothing twice
      for (const year of new Set(docs.rows.map((d) => d.year))) {
        const seqs = docs.rows.filter((d) => d.year === year).map((d) => d.seq);
        expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, k) => k + 1));
      }
      // two sweeps at once, as two instances' schedulers would, a day after the orders fall due
      const due = await db.query<{ due_on: string }>(`select max(due_on)::text as due_on from case_file where id = any($1)`, [caseIds]);
      const asOf = new Date(Date.parse(`${due.rows[0]!.due_on}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      const sweep = () =>
        new Promise<string>((resolve, reject) => {
          const child = spawn(process.execPath, [BIN, 'sweep', '--as-of', asOf], {
            env: { ...process.env, LOG_LEVEL: 'warn', DATABASE_URL: databaseUrl(withDatabaseName(base, dbName)), PHASEOUT_DATA_DIR: path.join(tmp, 'cli') },
            stdio: ['ignore', 'pipe', 'pipe'],
          });
          let out = '';
          child.stdout!.on('data', (d) => (out += d));
          child.stderr!.on('data', (d) => (out += d));
          child.on('error', reject);
          child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`sweep exited ${code}: ${out}`))));
        });
      await Promise.all([sweep(), sweep()]);
      await sweep(); // and once more later: still nothing twice
      // one notification per case, event and unit (the county, the department and, once passed, the office)
      const notes = await db.query<{ case_id: number; kind: string; unit: string; n: string }>(
        `select case_id, kind, unit_kind || ':' || unit_code as unit, count(*) as n from notification where case_id = any($1) group by 1, 2, 3`,
        [caseIds],
      );
      expect(notes.rows.length).toBeGreaterThan(0); // the overdue orders were notified …
      expect(notes.rows.filter((r) => Number(r.n) > 1)).toEqual([]); // … once each
      expect(new Set(notes.rows.map((r) => Number(r.case_id)))).toEqual(new Set(caseIds));
      expect(new Set(notes.rows.map((r) => r.unit))).toContain('territory:340202');
    } finally {
      await db.end();
    }
  }, 240_000);
});
