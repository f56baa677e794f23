/**
 * Sign-in limits (issue #19, items 2, 3 and 10). Replaces the per-account hard lock that anyone could trigger and
 * that parallel guessing bypassed:
 * - every attempt is COUNTED BEFORE its password is checked, in one atomic statement (INSERT … ON CONFLICT DO UPDATE
 *   … RETURNING) over three keys: address+account, account, address. Fifty simultaneous guesses get counts 1…50, so
 *   only the first few are ever checked;
 * - address+account: after `perAddressAccount` failures that pair is blocked for 15 minutes (the hard lock, which
 *   only hits the address that failed);
 * - account: after `perAccount` failures, back-off (2 s, doubling, at most 15 minutes) — for addresses the account
 *   never signed in from; its real user, from an address it signed in from before (login_source), is not held back;
 * - address: after `perAddress` failures across accounts, that address backs off (1 minute, doubling, ≤ 15 minutes);
 * - a refused attempt is not counted (hammering does not extend a block); a success resets its address+account and
 *   account counts and takes one off its address's count; counts fade after 15 minutes without attempts;
 * - user names are counted whether or not they exist, and unknown, disabled and wrong all answer alike;
 * - concurrency: at most 2 password checks at once per account and per address, and PASSWORD_CHECKS_MAX in the
 *   process (each scrypt takes 32 MiB and a thread-pool thread); beyond that the attempt is refused at once.
 * The numbers are a LOCAL CHOICE (config: PHASEOUT_LOGIN_LIMIT_*), documented in docs/security.md.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../errors.ts';

export interface LoginLimits {
  perAddressAccount: number;
  perAccount: number;
  perAddress: number;
}

const WINDOW_SECONDS = 15 * 60;
const MAX_BLOCK_SECONDS = 15 * 60;
/** Password checks running at once, per account, per address, and in the process. */
export const PASSWORD_CHECKS_PER_KEY = 2;
export const PASSWORD_CHECKS_MAX = 8;

interface KeySpec {
  key: string;
  limit: number;
  /** first block in seconds; doubles with every further failure */
  base: number;
}

export interface Counted {
  keys: { addressAccount: string; account: string; address: string };
  rows: Map<string, { refused: boolean; blockedUntil: Date | null }>;
}

const norm = (username: string) => username.trim().toLowerCase();

export function throttleKeys(username: string, ip: string) {
  const u = norm(username);
  return { addressAccount: `ia:${ip}|${u}`, account: `a:${u}`, address: `i:${ip}` };
}

/** Counts one attempt on the three keys, atomically; tells which keys refuse it. */
export async function countAttempt(db: Kysely<DB>, username: string, ip: string, limits: LoginLimits, now: Date): Promise<Counted> {
  const keys = throttleKeys(username, ip);
  const specs: KeySpec[] = [
    { key: keys.addressAccount, limit: limits.perAddressAccount, base: MAX_BLOCK_SECONDS },
    { key: keys.account, limit: limits.perAccount, base: 2 },
    { key: keys.address, limit: limits.perAddress, base: 60 },
  ];
  const values = sql.join(specs.map((s) => sql`(${s.key}, 1, ${now}::timestamptz, null::timestamptz, false, ${s.limit}::int, ${s.base}::int)`));
  // one statement: new keys start at 1; a key under a block is left as it is (refused); otherwise the count goes up
  // (or restarts after a quiet window) and reaching the limit sets a block of base · 2^(count − limit) seconds
  const r = await sql<{ key: string; refused: boolean; blocked_until: Date | null }>`
    insert into login_throttle as t (key, failures, last_at, blocked_until, refused, lim, base_seconds)
    values ${values}
    on conflict (key) do update set
      refused = coalesce(t.blocked_until > excluded.last_at, false),
      failures = case when t.blocked_until > excluded.last_at then t.failures
                      when t.last_at < excluded.last_at - make_interval(secs => ${WINDOW_SECONDS}) then 1
                      else t.failures + 1 end,
      blocked_until = case
        when t.blocked_until > excluded.last_at then t.blocked_until
        when t.last_at < excluded.last_at - make_interval(secs => ${WINDOW_SECONDS}) then null
        when t.failures + 1 >= excluded.lim
          then excluded.last_at + make_interval(secs => least(${MAX_BLOCK_SECONDS}::float8, excluded.base_seconds * power(2::float8, least(t.failures + 1 - excluded.lim, 20))))
        else null end,
      last_at = case when t.blocked_until > excluded.last_at then t.last_at else excluded.last_at end,
      lim = excluded.lim,
      base_seconds = excluded.base_seconds
    returning key, refused, blocked_until`.execute(db);
  const rows = new Map(r.rows.map((x) => [x.key, { refused: x.refused, blockedUntil: x.blocked_until ? new Date(x.blocked_until) : null }]));
  return { keys, rows };
}

/** Refuses the attempt when a key blocks it (the account key not for a source the account signed in from). */
export function refuseIfBlocked(c: Counted, now: Date, accountBlockApplies: boolean): void {
  const blocking = [c.rows.get(c.keys.addressAccount), c.rows.get(c.keys.address), accountBlockApplies ? c.rows.get(c.keys.account) : undefined].filter(
    (x) => x?.refused,
  );
  if (blocking.length === 0) return;
  const until = Math.max(...blocking.map((b) => b!.blockedUntil?.getTime() ?? now.getTime() + 1000));
  throw throttled(Math.max(1, Math.ceil((until - now.getTime()) / 1000)));
}

export function throttled(retryAfterSeconds: number): AppError {
  return new AppError('LOGIN_THROTTLED', { retryAfterSeconds });
}

/** After a success: the pair and the account start again; the address keeps its other failures. */
export async function recordSuccess(db: Kysely<DB>, username: string, ip: string, userId: number, now: Date): Promise<void> {
  const keys = throttleKeys(username, ip);
  await db.deleteFrom('login_throttle').where('key', 'in', [keys.addressAccount, keys.account]).execute();
  await db
    .updateTable('login_throttle')
    .set({ failures: sql`greatest(failures - 1, 0)` })
    .where('key', '=', keys.address)
    .where('blocked_until', 'is', null)
    .execute();
  await db
    .insertInto('login_source')
    .values({ user_id: userId, ip, last_success_at: now })
    .onConflict((oc) => oc.columns(['user_id', 'ip']).doUpdateSet({ last_success_at: now }))
    .execute();
}

/** Did the account sign in from this address in the last 90 days? */
export async function isKnownSource(db: Kysely<DB>, userId: number, ip: string, now: Date): Promise<boolean> {
  const r = await db
    .selectFrom('login_source')
    .select('user_id')
    .where('user_id', '=', userId)
    .where('ip', '=', ip)
    .where('last_success_at', '>', new Date(now.getTime() - 90 * 86_400_000))
    .executeTakeFirst();
  return r !== undefined;
}

let sinceCleanup = 0;
/** Forgets counters idle for a day (every 200th attempt in the process). */
export async function cleanupThrottle(db: Kysely<DB>, now: Date): Promise<void> {
  if (++sinceCleanup < 200) return;
  sinceCleanup = 0;
  await db
    .deleteFrom('login_throttle')
    .where('last_at', '<', new Date(now.getTime() - 86_400_000))
    .where((eb) => eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<', now)]))
    .execute();
}

/** In-process bound on concurrent password checks: per account, per address, and in total. */
const running = new Map<string, number>();
let total = 0;

export function acquireCheck(username: string, ip: string): () => void {
  const a = `a:${norm(username)}`;
  const i = `i:${ip}`;
  if (total >= PASSWORD_CHECKS_MAX || (running.get(a) ?? 0) >= PASSWORD_CHECKS_PER_KEY || (running.get(i) ?? 0) >= PASSWORD_CHECKS_PER_KEY) throw throttled(1);
  total++;
  running.set(a, (running.get(a) ?? 0) + 1);
  running.set(i, (running.get(i) ?? 0) + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    total--;
    for (const k of [a, i]) {
      const n = (running.get(k) ?? 1) - 1;
      if (n <= 0) running.delete(k);
      else running.set(k, n);
    }
  };
}
