/**
 * Data scope as SQL: every repository query that reads scoped records passes the actor's scope through one of
 * these, so a county officer's query cannot return another county's rows, whatever the route does.
 * Out-of-scope records are treated as absent (404), see docs/decisions/0003-out-of-scope-is-404.md.
 */
import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import type { Scope } from './actor.ts';

/** `territoryColumn` restricted to the scope's territories (true when unrestricted). */
export function territoryScope(scope: Scope, territoryColumn: string): Expression<SqlBool> {
  if (!scope.registry) return sql<SqlBool>`false`;
  if (scope.territories === null) return sql<SqlBool>`true`;
  if (scope.territories.length === 0) return sql<SqlBool>`false`;
  return sql<SqlBool>`${sql.ref(territoryColumn)} = any(${[...scope.territories]}::text[])`;
}

/** Case rows: territory scope and dimension scope together. */
export function caseScope(scope: Scope, territoryColumn: string, dimensionColumn: string): Expression<SqlBool> {
  const t = territoryScope(scope, territoryColumn);
  if (scope.dimensions === null) return t;
  if (scope.dimensions.length === 0) return sql<SqlBool>`false`;
  return sql<SqlBool>`(${t} and ${sql.ref(dimensionColumn)} = any(${[...scope.dimensions]}::text[]))`;
}

/** Helper for `.where((eb) => scoped(eb, …))` call sites that prefer an ExpressionBuilder signature. */
export function scoped<DB, TB extends keyof DB>(_eb: ExpressionBuilder<DB, TB>, expr: Expression<SqlBool>): Expression<SqlBool> {
  return expr;
}

/**
 * Case rows the scope READS: its dimensions (caseScope) or, for a department, the safety cases naming it as the
 * issuing authority of a licence to revoke (§2.4 "由该证照的发证机关", issue 10: server/modules/cases/licence-authority.ts)
 * — within its territories. Reading such a case includes its documents and evidence; acting on it is the case
 * module's affair (one act only).
 */
export function caseReadScope(scope: Scope, territoryColumn: string, dimensionColumn: string, snapshotColumn: string): Expression<SqlBool> {
  const own = caseScope(scope, territoryColumn, dimensionColumn);
  if (!scope.licenceDepartment || scope.dimensions === null) return own;
  const names = JSON.stringify([{ issuingDepartmentCode: scope.licenceDepartment }]);
  return sql<SqlBool>`(${own} or (${sql.ref(dimensionColumn)} = 'safety' and ${territoryScope(scope, territoryColumn)} and (${sql.ref(snapshotColumn)} -> 'licences') @> ${names}::jsonb))`;
}
