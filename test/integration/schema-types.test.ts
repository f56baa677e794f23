/**
 * server/db/schema.ts is written by hand; this test keeps it true to the migrated database: every table of the
 * `DB` interface exists with exactly the columns its interface lists (docs/decisions/0002-kysely.md).
 */
import fs from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

function declaredTables(): Map<string, string[]> {
  const src = fs.readFileSync('server/db/schema.ts', 'utf8');
  const interfaces = new Map<string, string[]>();
  for (const m of src.matchAll(/export interface (\w+) \{\n([\s\S]*?)\n\}/g)) {
    const cols = [...m[2]!.matchAll(/^\s+(\w+)\??:/gm)].map((c) => c[1]!);
    interfaces.set(m[1]!, cols);
  }
  const db = interfaces.get('DB');
  if (!db) throw new Error('no DB interface in schema.ts');
  // the DB interface only (table interfaces may follow it)
  const dbAt = src.indexOf('export interface DB {');
  const src2 = src.slice(dbAt, src.indexOf('\n}', dbAt));
  const tables = new Map<string, string[]>();
  for (const m of src2.matchAll(/^\s+(\w+): (\w+);/gm)) {
    const cols = interfaces.get(m[2]!);
    if (!cols) throw new Error(`DB.${m[1]} names ${m[2]}, which is not an interface in schema.ts`);
    tables.set(m[1]!, cols);
  }
  return tables;
}

it('every table and column declared in server/db/schema.ts exists in the migrated schema, and no column is missing', async () => {
  const declared = declaredTables();
  expect(declared.size).toBeGreaterThan(20);
  const rows = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns where table_schema = 'public'`.execute(t.db);
  const actual = new Map<string, Set<string>>();
  for (const r of rows.rows) {
    if (!actual.has(r.table_name)) actual.set(r.table_name, new Set());
    actual.get(r.table_name)!.add(r.column_name);
  }
  for (const [table, cols] of declared) {
    expect(actual.has(table), `table ${table} is declared but does not exist`).toBe(true);
    expect([...actual.get(table)!].sort(), `columns of ${table}`).toEqual([...cols].sort());
  }
});
