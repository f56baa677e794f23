import net from 'node:net';
import path from 'node:path';
import { FatalError } from './platform/errors.ts';

/** Validated configuration. Every value comes from the environment, is checked at boot, and is explained when bad. */
export interface Config {
  /** TCP port of the HTTP server (API, console and public site on one port). */
  port: number;
  /** Address the HTTP server binds. Loopback by default; set HOST=0.0.0.0 behind a reverse proxy. */
  host: string;
  /** Directory for the embedded database, evidence files and lock files. */
  dataDir: string;
  /** External PostgreSQL server; when unset the embedded server under dataDir is used. */
  databaseUrl: string | undefined;
  /** Load demo data into an empty database and show demo logins. */
  demo: boolean;
  /** Reference data set (territories, departments, industries) to load: a folder under server/seeds/reference. */
  referenceSet: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Browser session lifetime in hours. */
  sessionHours: number;
  /** Audit retention in months (at least 6: Cybersecurity Law art. 21). */
  auditRetentionMonths: number;
  /** Pool size for the application's connections. */
  poolSize: number;
  /** run data statements as named prepared statements (server/platform/db/prepared.ts); PHASEOUT_PREPARED_STATEMENTS=on|off */
  preparedStatements: boolean;
  /** Mark cookies Secure (on by default in production). */
  secureCookies: boolean;
  production: boolean;
  /**
   * Hardening (issue #19). Sign-in limits, a LOCAL CHOICE (no statute sets numbers; MLPS 2.0 level 3 asks for
   * limits and lockout on failed logins): failed attempts per address+account before that pair is blocked (15 min),
   * per account before back-off starts for addresses it never signed in from, per address across accounts.
   */
  loginLimits: { perAddressAccount: number; perAccount: number; perAddress: number };
  /** Proxies whose X-Forwarded-For / X-Request-Id are believed (PHASEOUT_TRUST_PROXY): addresses or CIDRs; empty = none. */
  trustProxy: string[];
  /** Most data rows one registry import may hold (PHASEOUT_IMPORT_MAX_ROWS), a LOCAL CHOICE. */
  importMaxRows: number;
  /** Imports running at once in this process, across accounts (PHASEOUT_IMPORT_CONCURRENCY); one per account always. */
  importConcurrency: number;
  /** How long one import file may take to read in its worker thread (PHASEOUT_IMPORT_PARSE_TIMEOUT_MS), a LOCAL CHOICE. */
  importParseTimeoutMs: number;
  /** Which territory-account registrations wait for the office (PHASEOUT_REGISTRATION_REVIEW): 'conflicts' — only a code registered outside the account's scope; 'all' — every one, so no answer tells a free code from a taken one (issue 19, item 5). A LOCAL CHOICE. */
  registrationReview: 'conflicts' | 'all';
  /** Who may read /docs and /openapi.json (PHASEOUT_API_DOCS): public, signed-in (production default) or off. */
  apiDocs: 'public' | 'signed-in' | 'off';
  /** Password (HTTP Basic, user `metrics`) that may read /metrics from anywhere (without it, /metrics answers loopback callers only). */
  metricsToken: string | undefined;
  /** Statements slower than this many milliseconds are logged (0: off). */
  slowQueryMs: number;
  /** Human-readable logs (pino-pretty), for `npm run dev`; production logs stay JSON. */
  logPretty: boolean;
  /** A streaming replica for reads that may be slightly old (dashboards, exports, public lists, the credit list). */
  replicaUrl: string | undefined;
  /** The replica is not used while it is more than this many milliseconds behind the primary. */
  replicaMaxLagMs: number;
  /** Where evidence and generated documents are kept: the data dir, or an S3-compatible object store. */
  evidenceStore: { kind: 'local' } | { kind: 's3'; bucket: string; endpoint: string | undefined; region: string; prefix: string };
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function bool(env: Env, name: string, def: boolean, problems: string[]): boolean {
  const v = env[name];
  if (v === undefined || v === '') return def;
  if (['1', 'true', 'yes', 'on'].includes(v.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(v.toLowerCase())) return false;
  problems.push(`${name}=${JSON.stringify(v)}: expected 1/0, true/false, yes/no or on/off`);
  return def;
}

function int(env: Env, name: string, def: number, min: number, max: number, problems: string[]): number {
  const v = env[name];
  if (v === undefined || v === '') return def;
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
    problems.push(`${name}=${JSON.stringify(v)}: expected a whole number from ${min} to ${max}`);
    return def;
  }
  return Number(v);
}

/**
 * Reads and validates configuration. Collects every problem before failing, so one start tells the operator
 * about all bad values at once.
 */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const problems: string[] = [];
  const production = env.NODE_ENV === 'production' || env.PHASEOUT_MODE === 'production';
  const port = int(env, 'PORT', 3000, 0, 65535, problems);
  const host = env.HOST && env.HOST !== '' ? env.HOST : '127.0.0.1';
  const dataDir = path.resolve(cwd, env.PHASEOUT_DATA_DIR && env.PHASEOUT_DATA_DIR !== '' ? env.PHASEOUT_DATA_DIR : 'data');
  let databaseUrl = env.DATABASE_URL && env.DATABASE_URL !== '' ? env.DATABASE_URL : undefined;
  if (databaseUrl !== undefined) {
    try {
      const u = new URL(databaseUrl);
      if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') {
        problems.push(`DATABASE_URL: expected a postgres:// or postgresql:// URL, got the scheme ${JSON.stringify(u.protocol)}`);
      } else if (!u.pathname || u.pathname === '/') {
        problems.push('DATABASE_URL: the URL names no database (postgres://user:password@host:port/DATABASE)');
      }
    } catch {
      problems.push('DATABASE_URL: not a URL (expected postgres://user:password@host:port/database)');
      databaseUrl = undefined;
    }
  }
  const demo = bool(env, 'PHASEOUT_DEMO', !production, problems);
  if (demo && production && env.PHASEOUT_DEMO !== undefined) {
    problems.push('PHASEOUT_DEMO=1 is not allowed in production mode (NODE_ENV=production): demo accounts have a published password');
  }
  const referenceSet = env.PHASEOUT_REFERENCE && env.PHASEOUT_REFERENCE !== '' ? env.PHASEOUT_REFERENCE : 'wuhu';
  if (!/^[a-z0-9-]+$/.test(referenceSet)) problems.push(`PHASEOUT_REFERENCE=${JSON.stringify(referenceSet)}: expected a folder name such as "wuhu"`);
  const logLevelRaw = env.LOG_LEVEL && env.LOG_LEVEL !== '' ? env.LOG_LEVEL : 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(logLevelRaw))
    problems.push(`LOG_LEVEL=${JSON.stringify(logLevelRaw)}: expected one of ${LOG_LEVELS.join(', ')}`);
  const sessionHours = int(env, 'PHASEOUT_SESSION_HOURS', 12, 1, 24 * 30, problems);
  const auditRetentionMonths = int(env, 'PHASEOUT_AUDIT_RETENTION_MONTHS', 6, 6, 1200, problems);
  const poolSize = int(env, 'PHASEOUT_POOL_SIZE', 10, 1, 200, problems);
  const secureCookies = bool(env, 'PHASEOUT_SECURE_COOKIES', production, problems);
  const preparedStatements = bool(env, 'PHASEOUT_PREPARED_STATEMENTS', true, problems);
  const loginLimits = {
    perAddressAccount: int(env, 'PHASEOUT_LOGIN_LIMIT_ADDRESS_ACCOUNT', 5, 2, 100, problems),
    perAccount: int(env, 'PHASEOUT_LOGIN_LIMIT_ACCOUNT', 10, 2, 1000, problems),
    perAddress: int(env, 'PHASEOUT_LOGIN_LIMIT_ADDRESS', 30, 2, 100_000, problems),
  };
  const trustProxy = (env.PHASEOUT_TRUST_PROXY ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '');
  for (const p of trustProxy) {
    const [addr, bits, extra] = p.split('/');
    const v = addr ? net.isIP(addr) : 0;
    if (!v || extra !== undefined || (bits !== undefined && (!/^\d+$/.test(bits) || Number(bits) > (v === 4 ? 32 : 128)))) {
      problems.push(`PHASEOUT_TRUST_PROXY: ${JSON.stringify(p)} is not an IP address or CIDR (e.g. 127.0.0.1,10.0.0.0/8)`);
    }
  }
  const importMaxRows = int(env, 'PHASEOUT_IMPORT_MAX_ROWS', 20_000, 1, 1_000_000, problems);
  const importConcurrency = int(env, 'PHASEOUT_IMPORT_CONCURRENCY', 2, 1, 16, problems);
  const importParseTimeoutMs = int(env, 'PHASEOUT_IMPORT_PARSE_TIMEOUT_MS', 60_000, 1, 3_600_000, problems);
  const registrationReview = env.PHASEOUT_REGISTRATION_REVIEW && env.PHASEOUT_REGISTRATION_REVIEW !== '' ? env.PHASEOUT_REGISTRATION_REVIEW : 'conflicts';
  if (registrationReview !== 'conflicts' && registrationReview !== 'all')
    problems.push(`PHASEOUT_REGISTRATION_REVIEW=${JSON.stringify(registrationReview)}: expected conflicts or all`);
  const apiDocsRaw = env.PHASEOUT_API_DOCS && env.PHASEOUT_API_DOCS !== '' ? env.PHASEOUT_API_DOCS : production ? 'signed-in' : 'public';
  if (!['public', 'signed-in', 'off'].includes(apiDocsRaw)) problems.push(`PHASEOUT_API_DOCS=${JSON.stringify(apiDocsRaw)}: expected public, signed-in or off`);
  const metricsToken = env.PHASEOUT_METRICS_TOKEN && env.PHASEOUT_METRICS_TOKEN !== '' ? env.PHASEOUT_METRICS_TOKEN : undefined;
  if (metricsToken !== undefined && !/^[A-Za-z0-9._~+/=-]{24,256}$/.test(metricsToken))
    problems.push('PHASEOUT_METRICS_TOKEN: expected 24 to 256 URL-safe characters');
  const slowQueryMs = int(env, 'PHASEOUT_SLOW_QUERY_MS', 500, 0, 3_600_000, problems);
  const logPretty = bool(env, 'PHASEOUT_LOG_PRETTY', false, problems) && !production;
  const replicaUrl = env.DATABASE_REPLICA_URL && env.DATABASE_REPLICA_URL !== '' ? env.DATABASE_REPLICA_URL : undefined;
  if (replicaUrl !== undefined) {
    try {
      const u = new URL(replicaUrl);
      if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') problems.push('DATABASE_REPLICA_URL: expected a postgres:// or postgresql:// URL');
    } catch {
      problems.push('DATABASE_REPLICA_URL: not a URL (expected postgres://user:password@host:port/database)');
    }
    if (databaseUrl === undefined) problems.push('DATABASE_REPLICA_URL needs DATABASE_URL: a replica streams from an external primary');
  }
  const replicaMaxLagMs = int(env, 'PHASEOUT_REPLICA_MAX_LAG_MS', 5000, 100, 3_600_000, problems);
  let evidenceStore: Config['evidenceStore'] = { kind: 'local' };
  const storeKind = env.PHASEOUT_EVIDENCE_STORE && env.PHASEOUT_EVIDENCE_STORE !== '' ? env.PHASEOUT_EVIDENCE_STORE : 'local';
  if (storeKind === 's3') {
    const bucket = env.PHASEOUT_S3_BUCKET ?? '';
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket))
      problems.push('PHASEOUT_S3_BUCKET: the bucket name (3–63 lower-case letters, digits, dots, hyphens) is required with PHASEOUT_EVIDENCE_STORE=s3');
    const endpoint = env.PHASEOUT_S3_ENDPOINT && env.PHASEOUT_S3_ENDPOINT !== '' ? env.PHASEOUT_S3_ENDPOINT : undefined;
    if (endpoint !== undefined && !/^https?:\/\/[^\s]+$/.test(endpoint)) problems.push('PHASEOUT_S3_ENDPOINT: expected an http:// or https:// URL');
    const prefix = env.PHASEOUT_S3_PREFIX ?? 'evidence/';
    if (!/^[A-Za-z0-9._/-]{0,200}$/.test(prefix)) problems.push('PHASEOUT_S3_PREFIX: letters, digits, dots, hyphens and slashes only');
    evidenceStore = { kind: 's3', bucket, endpoint, region: env.PHASEOUT_S3_REGION || 'us-east-1', prefix };
  } else if (storeKind !== 'local') problems.push(`PHASEOUT_EVIDENCE_STORE=${JSON.stringify(storeKind)}: expected local or s3`);
  if (problems.length > 0) {
    throw new FatalError(`Bad configuration:\n  - ${problems.join('\n  - ')}`, 'See README.md, section "Configuration".');
  }
  return {
    port,
    host,
    dataDir,
    databaseUrl,
    demo,
    referenceSet,
    logLevel: logLevelRaw as Config['logLevel'],
    sessionHours,
    auditRetentionMonths,
    poolSize,
    preparedStatements,
    secureCookies,
    production,
    loginLimits,
    trustProxy,
    importMaxRows,
    importParseTimeoutMs,
    registrationReview: registrationReview as Config['registrationReview'],
    importConcurrency,
    apiDocs: apiDocsRaw as Config['apiDocs'],
    metricsToken,
    slowQueryMs,
    logPretty,
    replicaUrl,
    replicaMaxLagMs,
    evidenceStore,
  };
}
