/**
 * Fastify type augmentation: every route declares who may call it (`config.access`), and every request carries its
 * actor and data scope. buildApp refuses to start when an /api route has no access declaration.
 */
import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { DB } from '../../db/schema.ts';
import type { Actor, Role, Scope, UserActor } from '../auth/actor.ts';
import type { Database } from '../db/database.ts';

export type Access =
  | { public: true }
  /** signed-in users with one of these roles */
  | { roles: readonly Role[] };

export interface AppContext {
  config: Config;
  database: Database;
  db: Kysely<DB>;
  /** the clock; tests and `--as-of` replays pass their own */
  now: () => Date;
  /** where evidence files are stored (content-addressed); defaults to `<dataDir>/evidence` */
  evidenceDir?: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyInstance {
    ctx: AppContext;
    /** every /api route with its access policy, in registration order */
    routeTable: Array<{ method: string; url: string; access: Access }>;
  }
  interface FastifyRequest {
    actor: UserActor | null;
    scope: Scope;
  }
}

export type { Actor };
