/** Registry CLI: `import` and `export` of the registry workbook, and `generate` for the scale data sets. */
import fs from 'node:fs';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { SYSTEM_ACTOR, type Actor } from '../../platform/auth/actor.ts';
import { loadActor } from '../../platform/auth/auth-plugin.ts';
import { AppError } from '../../platform/errors.ts';
import { runImport, type ImportReport } from '../../modules/registry-io/import.ts';
import { exportEnterprises } from '../../modules/registry-io/export.ts';
import { rebuildProjections } from '../../projections/index.ts';
import { loadReference } from '../../seeds/reference.ts';
import { generateScale, SCALES, type Scale } from '../../seeds/bulk.ts';
import { scopeOf } from '../../platform/auth/actor.ts';
import { str, withDatabase, type Command } from '../command.ts';
import { currentTerritories } from '../../seeds/reference.ts';

/** A one-line progress bar on stderr (only when stderr is a terminal; otherwise a line per 10 %). */
export function progressBar(label: string) {
  let lastPct = -1;
  return (done: number, total: number) => {
    const pct = total === 0 ? 100 : Math.floor((done / total) * 100);
    if (pct === lastPct) return;
    lastPct = pct;
    if (process.stderr.isTTY) {
      const width = 30;
      const fill = Math.round((pct / 100) * width);
      process.stderr.write(`\r${label} [${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${pct}% (${done}/${total})${pct === 100 ? '\n' : ''}`);
    } else if (pct % 10 === 0) {
      process.stderr.write(`${label} ${pct}% (${done}/${total})\n`);
    }
  };
}

function printReport(r: ImportReport) {
  console.log(`${r.dryRun ? 'dry run: ' : ''}${r.ok ? 'accepted' : 'REJECTED (nothing written)'}  sha256 ${r.sha256}`);
  console.log(`  created   enterprises ${r.created.enterprises}, lines ${r.created.lines}`);
  console.log(`  updated   enterprises ${r.updated.enterprises}, lines ${r.updated.lines}`);
  console.log(`  unchanged enterprises ${r.unchanged.enterprises}, lines ${r.unchanged.lines}`);
  if (r.alerts) console.log(`  relocation/restart alerts: ${r.alerts}`);
  for (const e of r.errors) console.log(`  ${e.sheet} row ${e.row}${e.column ? ` [${e.column}]` : ''}: ${e.code} — ${e.messageZh} / ${e.message}`);
}

export const importCmd: Command = {
  name: 'import',
  summary: 'Import enterprises and lines from an .xlsx workbook (all or nothing)',
  usage: 'phaseout import FILE [--dry-run] [--as USERNAME]   (runs as the office unless --as)',
  options: { 'dry-run': { type: 'boolean' }, as: { type: 'string' } },
  allowPositionals: true,
  async run({ values, positionals }) {
    const file = positionals[0];
    if (!file) {
      console.error(`usage: ${this.usage}`);
      return 2;
    }
    if (!fs.existsSync(file)) {
      console.error(`no such file: ${file}`);
      return 2;
    }
    const buf = fs.readFileSync(file);
    return withDatabase(async ({ db }) => {
      let actor: Actor = { ...SYSTEM_ACTOR, name: 'cli' };
      const as = str(values.as);
      if (as) {
        const u = await db.selectFrom('app_user').select('id').where('username', '=', as).executeTakeFirst();
        const a = u ? await loadActor(db, u.id, 'token') : null;
        if (!a) {
          console.error(`no active user named ${as}`);
          return 2;
        }
        actor = a;
      }
      const bars = { parse: progressBar('reading'), check: progressBar('checking'), write: progressBar('writing') };
      try {
        const r = await runImport(
          db,
          buf,
          { actor, now: new Date() },
          { dryRun: values['dry-run'] === true, fileName: file, onProgress: (phase, d, t) => bars[phase](d, t) },
        );
        printReport(r);
        return 0;
      } catch (e) {
        if (e instanceof AppError && e.code === 'IMPORT_REJECTED') {
          printReport(e.details as unknown as ImportReport);
          return 1;
        }
        if (e instanceof AppError) {
          console.error(`refused: ${e.code} ${JSON.stringify(e.details ?? {})}`);
          return 1;
        }
        throw e;
      }
    });
  },
};

export const exportCmd: Command = {
  name: 'export',
  summary: 'Export enterprises and their lines to an .xlsx workbook (streamed)',
  usage: 'phaseout export FILE [--territory CODE] [--industry CODE]',
  options: { territory: { type: 'string' }, industry: { type: 'string' } },
  allowPositionals: true,
  async run({ values, positionals }) {
    const file = positionals[0];
    if (!file) {
      console.error(`usage: ${this.usage}`);
      return 2;
    }
    return withDatabase(async ({ db }) => {
      const out = fs.createWriteStream(file);
      const bar = progressBar('exporting');
      const total = Number(
        (
          await db
            .selectFrom('enterprise')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
      const done = new Promise<void>((resolve, reject) => {
        out.on('finish', resolve);
        out.on('error', reject);
      });
      const r = await exportEnterprises(db, scopeOf(SYSTEM_ACTOR), { territoryCode: str(values.territory), industryCode: str(values.industry) }, out, {
        onProgress: (n) => bar(n, total),
      });
      await done;
      console.log(`${file}: ${r.enterprises} enterprises, ${r.lines} lines`);
    });
  },
};

export const generateCmd: Command = {
  name: 'generate',
  summary: 'Generate a deterministic synthetic data set: city ≈ 1,000, province 100,000, national 1,000,000 enterprises',
  usage: 'phaseout generate --scale city|province|national [--seed N] [--force]',
  options: { scale: { type: 'string' }, seed: { type: 'string' }, force: { type: 'boolean' } },
  async run({ values }) {
    const scale = str(values.scale) as Scale | undefined;
    const seed = Number(str(values.seed) ?? '2020');
    if (!scale || !(scale in SCALES) || !Number.isInteger(seed)) {
      console.error(`usage: ${this.usage}`);
      return 2;
    }
    return withDatabase(
      async ({ db }, config) => {
        await loadReference(db, config.referenceSet);
        const has = await sql<{ e: boolean }>`select exists(select 1 from enterprise) as e`.execute(db);
        if (has.rows[0]!.e && values.force !== true) {
          console.error('the database already holds enterprises; refusing to add a synthetic data set (use --force to add anyway)');
          return 1;
        }
        const t0 = Date.now();
        const counts = await runGenerate(db, scale, seed, progressBar(`generating ${scale}`));
        console.log(
          `generated ${counts.enterprises} enterprises, ${counts.lines} lines, ${counts.cases} cases, ${counts.acts} case acts, ${counts.dismantled} dismantled lines in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
        );
      },
      { seed: false },
    );
  },
};

/** generate + rebuild the roll-ups + refresh planner statistics (shared with the bench). */
export async function runGenerate(db: Kysely<DB>, scale: Scale, seed: number, bar?: (done: number, total: number) => void) {
  const today = new Date().toISOString().slice(0, 10);
  const territories = await currentTerritories(db, today);
  const industries = (await db.selectFrom('industry').select(['code', 'key_industry', 'capacity_units']).orderBy('sort').execute()).map((i) => ({
    code: i.code,
    key: i.key_industry,
    unit: i.capacity_units[0]!,
  }));
  const counts = await generateScale(db, { scale, seed, territories, industries, onProgress: (phase, d, t) => phase === 'registry' && bar?.(d, t) });
  await rebuildProjections(db);
  await sql`vacuum analyze`.execute(db);
  return counts;
}
