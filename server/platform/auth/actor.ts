/**
 * Who is acting, and what they may see. The scope is computed once per request from the account and passed to
 * every repository call (a required parameter): scope is enforced in SQL, never only in the UI.
 */
export type Role = 'office' | 'department' | 'territory' | 'government' | 'bank';
export const ROLES: readonly Role[] = ['office', 'department', 'territory', 'government', 'bank'];
export type Dimension = 'energy' | 'environment' | 'quality' | 'safety' | 'technology';
export const DIMENSIONS: readonly Dimension[] = ['energy', 'environment', 'quality', 'safety', 'technology'];

export interface UserActor {
  kind: 'user';
  userId: number;
  username: string;
  displayName: string;
  role: Role;
  territoryCode: string | null;
  departmentCode: string | null;
  /** for department accounts: the dimensions the department leads */
  dimensions: Dimension[];
  /** how the request authenticated */
  via: 'session' | 'token';
  sessionId?: string;
}

export interface SystemActor {
  kind: 'system';
  name: string;
}

export type Actor = UserActor | SystemActor;

/**
 * Data scope, RuoYi-style on the city → territory tree:
 * - `territories`: null = every territory, else only these;
 * - `dimensions`: null = every dimension, else only cases of these;
 * - `registry`: may read enterprises and lines at all.
 */
export interface Scope {
  territories: readonly string[] | null;
  dimensions: readonly Dimension[] | null;
  registry: boolean;
  /**
   * A department's code: it also reads the safety cases naming it as the issuing authority of a licence to revoke
   * (§2.4 "由该证照的发证机关", issue 10) — cases outside its dimensions (server/modules/cases/licence-authority.ts).
   */
  licenceDepartment?: string;
}

export function scopeOf(actor: Actor): Scope {
  if (actor.kind === 'system') return { territories: null, dimensions: null, registry: true };
  switch (actor.role) {
    case 'office':
    case 'government':
      return { territories: null, dimensions: null, registry: true };
    case 'department':
      return { territories: null, dimensions: actor.dimensions, registry: true, ...(actor.departmentCode ? { licenceDepartment: actor.departmentCode } : {}) };
    case 'territory':
      return { territories: actor.territoryCode ? [actor.territoryCode] : [], dimensions: null, registry: true };
    case 'bank':
      return { territories: [], dimensions: [], registry: false };
  }
}

export function inTerritoryScope(scope: Scope, territoryCode: string): boolean {
  return scope.registry && (scope.territories === null || scope.territories.includes(territoryCode));
}

export function inCaseScope(scope: Scope, c: { territoryCode: string; dimension: string }): boolean {
  return inTerritoryScope(scope, c.territoryCode) && (scope.dimensions === null || (scope.dimensions as readonly string[]).includes(c.dimension));
}

export const SYSTEM_ACTOR: SystemActor = { kind: 'system', name: 'system' };
