/**
 * Statement preparation for the pool: every data statement (select / with / insert / update / delete) that the
 * application sends through Kysely is run as a NAMED prepared statement, so PostgreSQL parses and plans each distinct
 * statement text once per connection instead of on every call. A primary-key read costs the server about a quarter
 * of its CPU when prepared (measured in docs/performance.md, "Prepared statements"), and the case-act statements,
 * which are long CTEs, gain most.
 *
 * Bounds, so that dynamic texts cannot grow memory without limit: at most MAX_NAMES distinct texts get a name in the
 * process and at most MAX_PER_CONNECTION statements are prepared on one connection; texts over MAX_TEXT characters or
 * with more than MAX_PARAMS parameters, statements with pattern or containment predicates (LIKE, ILIKE, @>: their
 * best plan depends on the value, and a generic plan would scan — measured: the 2-character name search fell from
 * 400 to 18 answers a second), and everything else (transaction control, DDL, SET, COPY) run unnamed as before. PostgreSQL re-plans a prepared statement by itself when a table it uses changes (plan invalidation), and its
 * plan cache (plan_cache_mode = auto) keeps custom plans where a generic one would cost more.
 *
 * Off with PHASEOUT_PREPARED_STATEMENTS=off (e.g. behind a transaction-mode connection pooler that cannot keep
 * named statements; PgBouncer ≥ 1.21 can).
 */
import pg from 'pg';

export const MAX_NAMES = 4096;
export const MAX_PER_CONNECTION = 512;
export const MAX_TEXT = 16_384;
export const MAX_PARAMS = 256;

const DATA_STATEMENT = /^\s*\(?\s*(select|with|insert|update|delete)\b/i;
// pattern and containment predicates: the best plan depends on the value (a 2-character name fragment is selective
// through the bigram index, '%' is not), and a generic plan guesses — such statements are planned on every call
const VALUE_SENSITIVE = /\s(i?like|similar to)\s|@>|<@|~~/i;
const names = new Map<string, string>();

/** The statement name for a text, or undefined when the text is not to be prepared. Exported for tests. */
export function statementName(text: string, paramCount: number): string | undefined {
  const known = names.get(text);
  if (known !== undefined) return known;
  if (text.length > MAX_TEXT || paramCount > MAX_PARAMS || names.size >= MAX_NAMES || !DATA_STATEMENT.test(text) || VALUE_SENSITIVE.test(text))
    return undefined;
  const name = `po_${names.size.toString(36)}`;
  names.set(text, name);
  return name;
}

type Query = (text: unknown, values?: unknown, callback?: unknown) => unknown;

/** A pg Client that runs data statements as named prepared statements (see the module comment). */
export class PreparingClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    const query = pg.Client.prototype.query as unknown as Query;
    const connection = (this as unknown as { connection: { parsedStatements: Record<string, string> } }).connection;
    let prepared = 0;
    // statements whose cached plan went stale on this connection (a column added under `select *`): unnamed from then on
    const stale = new Set<string>();
    // only the (text, values) promise form that Kysely uses is changed; pg's other overloads pass through
    (this as unknown as { query: Query }).query = (text, values, callback) => {
      if (typeof text === 'string' && Array.isArray(values) && callback === undefined) {
        const name = statementName(text, values.length);
        // a name already parsed on this connection, or a new one while the connection has room for it
        const usable = name !== undefined && !stale.has(name) && (connection.parsedStatements[name] !== undefined || prepared < MAX_PER_CONNECTION);
        if (usable) {
          if (connection.parsedStatements[name] === undefined) prepared++;
          return (query.call(this, { name, text, values }) as Promise<unknown>).catch((err: { code?: string; message?: string }) => {
            // PostgreSQL re-plans a prepared statement after DDL, but refuses when its result columns changed (0A000):
            // that statement runs unnamed on this connection from now on, and the caller sees this one error
            if (err?.code === '0A000' && /cached plan must not change result type/.test(err.message ?? '')) stale.add(name);
            throw err;
          });
        }
      }
      return query.call(this, text, values, callback);
    };
  }
}
