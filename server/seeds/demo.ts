/**
 * Demo data for newcomers and acceptance checks: a synthetic city of DEMO_ENTERPRISES enterprises with lines, and
 * one demo account per role. Loaded only into an empty database (no enterprises, no accounts) in demo mode, never
 * into a database that holds real data.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { SYSTEM_ACTOR, type Role } from '../platform/auth/actor.ts';
import { createUser } from '../modules/auth/auth.commands.ts';
import { rebuildProjections } from '../projections/index.ts';
import { generateRegistry } from './generator.ts';
import { insertRegistry } from './bulk.ts';
import { seedDemoCases } from '../modules/cases/demo-cases.ts';
import { seedDemoPublications } from '../modules/publications/demo-publications.ts';
import { currentTerritories } from './reference.ts';

export const DEMO_PASSWORD = 'phaseout-demo';
export const DEMO_ENTERPRISES = 360;
export const DEMO_SEED = 2020;

export interface DemoAccount {
  username: string;
  role: Role;
  displayName: string;
  territoryCode?: string;
  departmentCode?: string;
}

/** The demo accounts: office, one per current territory (t-<code>), the departments, the government and a bank. */
export async function demoAccounts(db: Kysely<DB>, today: string): Promise<DemoAccount[]> {
  const territories = await currentTerritories(db, today);
  const depts: [string, string][] = [
    ['drc', '市发展改革委'],
    ['eit', '市经济和信息化局'],
    ['eco', '市生态环境局'],
    ['msa', '市市场监管局'],
    ['ema', '市应急管理局'],
  ];
  return [
    { username: 'office', role: 'office', displayName: '市淘汰落后产能工作领导小组办公室' },
    ...territories.map((t) => ({ username: `t-${t.code}`, role: 'territory' as const, displayName: t.name, territoryCode: t.code })),
    ...depts.map(([code, name]) => ({ username: `d-${code}`, role: 'department' as const, displayName: name, departmentCode: code })),
    { username: 'gov', role: 'government', displayName: '市人民政府' },
    { username: 'bank', role: 'bank', displayName: '市人行芜湖支行' },
  ];
}

export async function isEmptyDatabase(db: Kysely<DB>): Promise<boolean> {
  const r = await sql<{ e: boolean; u: boolean }>`select exists(select 1 from enterprise) as e, exists(select 1 from app_user) as u`.execute(db);
  return !r.rows[0]!.e && !r.rows[0]!.u;
}

/** Loads the demo city. Returns false (and changes nothing) when the database is not empty. */
export async function loadDemo(db: Kysely<DB>, now: Date, log: (m: string) => void = () => undefined, opts: { evidenceDir?: string } = {}): Promise<boolean> {
  if (!(await isEmptyDatabase(db))) return false;
  const today = now.toISOString().slice(0, 10);
  const meta = { actor: SYSTEM_ACTOR, now };
  for (const a of await demoAccounts(db, today)) {
    await createUser(db, { ...a, password: DEMO_PASSWORD, demo: true }, meta, { skipPasswordRules: true });
  }
  const territories = await currentTerritories(db, today);
  const industries = (await db.selectFrom('industry').select(['code', 'key_industry', 'capacity_units']).execute()).map((i) => ({
    code: i.code,
    key: i.key_industry,
    unit: i.capacity_units[0]!,
  }));
  const data = generateRegistry({ seed: DEMO_SEED, enterprises: DEMO_ENTERPRISES, territories, industries });
  await insertRegistry(db, data);
  await rebuildProjections(db);
  const cases = await seedDemoCases(db, now, opts.evidenceDir ? { evidenceDir: opts.evidenceDir } : {});
  const lists = await seedDemoPublications(db, now);
  log(`demo data: ${data.enterprises.length} enterprises, ${data.lines.length} production lines, ${cases} cases, ${lists} public lists`);
  return true;
}
