/**
 * Read routing to a streaming replica (DATABASE_REPLICA_URL). Routes that may read slightly old data — the dashboard,
 * exports, public lists, the bank's credit list — ask `app.reader(req)` for their database; everything else, and every
 * write, uses the primary.
 *
 * Read-your-writes: after a signed-in user's write, the answer carries the primary's WAL position in a cookie
 * (`phaseout_lsn`, any instance can read it); that user's reads go to the replica only once it has replayed past
 * that position. Health: every 500 ms the primary's WAL position and the replica's replay position are sampled; the
 * replica is used only while it answers and is less than PHASEOUT_REPLICA_MAX_LAG_MS behind (time since the primary
 * first showed a position the replica has not replayed). Falling back to the primary, and returning to the replica,
 * are logged once each time they happen.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from '../../db/schema.ts';
import { redact, type Logger } from './database.ts';

export const LSN_COOKIE = 'phaseout_lsn';

export function parseLsn(text: string | null | undefined): bigint | null {
  if (!text || !/^[0-9A-Fa-f]{1,8}\/[0-9A-Fa-f]{1,8}$/.test(text)) return null;
  const [hi, lo] = text.split('/') as [string, string];
  return (BigInt(`0x${hi}`) << 32n) + BigInt(`0x${lo}`);
}

export interface ReadChoice {
  db: Kysely<DB>;
  replica: boolean;
}

export interface ReplicaStatus {
  configured: boolean;
  healthy: boolean;
  lagMs: number | null;
  reads: { replica: number; primary: number };
}

declare module 'fastify' {
  interface FastifyInstance {
    /** the database a read that may be slightly old should use (the replica when it is fit, else the primary) */
    reader(req: FastifyRequest): ReadChoice;
    replicaStatus(): ReplicaStatus;
  }
}

/** Decorates `app.reader`; with DATABASE_REPLICA_URL, opens the replica's pool and starts the health sampling. */
export async function registerReadRouting(app: FastifyInstance, log: Logger): Promise<void> {
  const { config, db: primaryDb, database } = app.ctx;
  const reads = { replica: 0, primary: 0 };
  if (!config.replicaUrl) {
    app.decorate('reader', () => {
      reads.primary++;
      return { db: primaryDb, replica: false };
    });
    app.decorate('replicaStatus', () => ({ configured: false, healthy: false, lagMs: null, reads: { ...reads } }));
    return;
  }
  const pool = new pg.Pool({
    connectionString: config.replicaUrl,
    max: Math.max(2, Math.ceil(config.poolSize / 2)),
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 2_000,
  });
  pool.on('error', (err) => log.warn(`read replica connection lost: ${err.message}`));
  const replicaDb = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const where = redact(config.replicaUrl);

  let healthy = false;
  let replayed: bigint | null = null;
  let lagMs: number | null = null;
  let reason = 'not checked yet';
  const samples: Array<{ t: number; lsn: bigint }> = [];
  let stopped = false;

  const setHealth = (ok: boolean, why: string) => {
    if (ok && !healthy) log.info(`read replica in use (${where})`);
    if (!ok && (healthy || why !== reason)) log.warn(`read replica not used: ${why}; reading from the primary`);
    healthy = ok;
    reason = why;
  };

  const check = async () => {
    try {
      const p = parseLsn((await database.pool.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn')).rows[0]?.lsn);
      const now = Date.now();
      if (p !== null && (samples.length === 0 || samples[samples.length - 1]!.lsn !== p)) samples.push({ t: now, lsn: p });
      while (samples.length > 0 && now - samples[0]!.t > 120_000) samples.shift();
      let r: { lsn: string | null; recovery: boolean } | undefined;
      try {
        r = (await pool.query<{ lsn: string | null; recovery: boolean }>('select pg_last_wal_replay_lsn()::text as lsn, pg_is_in_recovery() as recovery'))
          .rows[0];
      } catch (e) {
        replayed = null;
        lagMs = null;
        setHealth(false, `unavailable (${(e as Error).message})`);
        return;
      }
      if (!r?.recovery) {
        setHealth(false, 'the server at DATABASE_REPLICA_URL is not a standby (pg_is_in_recovery() is false)');
        return;
      }
      replayed = parseLsn(r.lsn);
      const behind = samples.find((s) => replayed === null || s.lsn > replayed);
      lagMs = behind ? now - behind.t : 0;
      if (lagMs > config.replicaMaxLagMs) setHealth(false, `${lagMs} ms behind the primary (limit ${config.replicaMaxLagMs} ms)`);
      else setHealth(true, 'ok');
    } catch (e) {
      setHealth(false, `the primary did not answer the position check (${(e as Error).message})`);
    }
  };
  await check();
  let timer: NodeJS.Timeout;
  const loop = () => {
    timer = setTimeout(() => {
      void check().finally(() => {
        if (!stopped) loop();
      });
    }, 500);
    timer.unref();
  };
  loop();

  app.decorate('reader', (req: FastifyRequest): ReadChoice => {
    if (healthy && replayed !== null) {
      const mine = parseLsn(req.cookies?.[LSN_COOKIE]);
      if (mine === null || mine <= replayed) {
        reads.replica++;
        return { db: replicaDb, replica: true };
      }
    }
    reads.primary++;
    return { db: primaryDb, replica: false };
  });
  app.decorate('replicaStatus', () => ({ configured: true, healthy, lagMs, reads: { ...reads } }));

  // read-your-writes: a signed-in user's successful write leaves the primary's WAL position with the browser
  app.addHook('onSend', async (req: FastifyRequest, reply: FastifyReply, payload) => {
    if (req.method === 'GET' || req.method === 'HEAD' || !req.actor || reply.statusCode >= 400) return payload;
    try {
      const lsn = (await database.pool.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn')).rows[0]?.lsn;
      if (lsn) reply.setCookie(LSN_COOKIE, lsn, { path: '/', httpOnly: true, sameSite: 'lax', secure: config.secureCookies, maxAge: 300 });
    } catch {
      // without the position the user's next reads may be served by a replica a moment behind; the write itself stands
    }
    return payload;
  });
  app.addHook('onClose', async () => {
    stopped = true;
    clearTimeout(timer);
    await replicaDb.destroy();
  });
}
