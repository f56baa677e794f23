/**
 * Signals between the instances that share one database (PostgreSQL LISTEN/NOTIFY on the channel
 * `phaseout_signal`): when one instance ends a user's sessions (logout, password change, disabling) or writes a
 * roll-up, every instance drops what it cached about it — the resolved sessions of that user, the overview's answer.
 *
 * Each instance keeps one listening connection (reconnected with back-off after the database went away; when it comes
 * back every instance also drops ALL its cached sessions and answers, since it may have missed signals meanwhile).
 * `publish()` resolves once PostgreSQL has taken the notification, so a caller that awaits it before answering knows
 * that the other instances' listeners have been sent it before its own client hears back.
 */
import pg from 'pg';
import type { Logger } from './db/database.ts';

export const SIGNAL_CHANNEL = 'phaseout_signal';

export type Signal = { t: 'user'; id: number } | { t: 'rollups' } | { t: 'reset' };

type Handler = (s: Signal) => void;
const handlers = new Set<Handler>();
let publisher: ((s: Signal) => Promise<void>) | undefined;

/** Subscribes to signals from every instance (this one included); returns the unsubscribe function. */
export function onSignal(h: Handler): () => void {
  handlers.add(h);
  return () => handlers.delete(h);
}

function deliver(s: Signal): void {
  for (const h of handlers) {
    try {
      h(s);
    } catch {
      // a handler's failure must not stop the others
    }
  }
}

/** Tells every instance (through the database); a no-op where no listener was started (a CLI command). */
export async function publish(s: Signal): Promise<void> {
  if (publisher) await publisher(s).catch(() => undefined);
}

export interface SignalListener {
  stop(): Promise<void>;
  /** true while the listening connection is up */
  readonly listening: boolean;
}

/** Starts this instance's listener and publisher on `connection`. */
export async function startSignals(connection: pg.PoolConfig, pool: pg.Pool, log: Logger): Promise<SignalListener> {
  let client: pg.Client | undefined;
  let stopped = false;
  let listening = false;
  let retry: NodeJS.Timeout | undefined;
  let attempt = 0;

  const connect = async (): Promise<void> => {
    if (stopped) return;
    const c = new pg.Client({ ...connection, connectionTimeoutMillis: 5_000 });
    c.on('error', () => undefined); // 'end' below handles the loss
    c.on('notification', (n) => {
      if (n.channel !== SIGNAL_CHANNEL || !n.payload) return;
      try {
        deliver(JSON.parse(n.payload) as Signal);
      } catch {
        // not ours
      }
    });
    c.on('end', () => {
      if (client !== c) return;
      client = undefined;
      listening = false;
      if (!stopped) {
        log.warn('signal listener lost its database connection; cached sessions and answers are dropped until it is back');
        deliver({ t: 'reset' });
        schedule();
      }
    });
    try {
      await c.connect();
      await c.query(`listen ${SIGNAL_CHANNEL}`);
      if (stopped) {
        await c.end();
        return;
      }
      client = c;
      const wasDown = attempt > 0;
      attempt = 0;
      listening = true;
      if (wasDown) deliver({ t: 'reset' }); // signals may have been missed while it was down
    } catch {
      await c.end().catch(() => undefined);
      schedule();
    }
  };
  const schedule = () => {
    if (stopped || retry) return;
    const wait = Math.min(200 * 2 ** attempt++, 5_000);
    retry = setTimeout(() => {
      retry = undefined;
      void connect();
    }, wait);
    retry.unref();
  };

  const mine = async (s: Signal) => {
    await pool.query('select pg_notify($1, $2)', [SIGNAL_CHANNEL, JSON.stringify(s)]);
  };
  publisher = mine;
  await connect();
  return {
    get listening() {
      return listening;
    },
    async stop() {
      stopped = true;
      if (publisher === mine) publisher = undefined;
      if (retry) clearTimeout(retry);
      const c = client;
      client = undefined;
      listening = false;
      await c?.end().catch(() => undefined);
    },
  };
}

/**
 * Calls `fn` at once when it was not called in the last `ms`, and once more at the end of that window when it was
 * asked again meanwhile (so the last change is always signalled, a burst costs two notifications).
 */
export function leadingAndTrailing(fn: () => void, ms: number): () => void {
  let last = 0;
  let pending: NodeJS.Timeout | undefined;
  return () => {
    const now = Date.now();
    if (now - last >= ms && !pending) {
      last = now;
      fn();
      return;
    }
    if (pending) return;
    pending = setTimeout(
      () => {
        pending = undefined;
        last = Date.now();
        fn();
      },
      Math.max(0, ms - (now - last)),
    );
    pending.unref();
  };
}
