import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';

/** A connection, or a transaction the caller opened (projections write inside the caller's transaction). */
export type Tx = Transaction<DB> | Kysely<DB>;
