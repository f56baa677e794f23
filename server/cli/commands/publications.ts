import { sql } from 'kysely';
import { verifyChains, type ChainRow } from '../../domain/publication/lists.ts';
import { withDatabase, type Command } from '../command.ts';
import type { Database } from '../../platform/db/database.ts';

/** Re-computes every published version's hash and chain (issue 14): a direct edit of a stored snapshot is named. */
export async function verifyPublications(database: Pick<Database, 'db'>) {
  const rows = (
    await sql<Omit<ChainRow, 'publishedAt'> & { publishedAt: Date }>`
      select id, series, list_kind as "listKind", territory_code as "territoryCode", year, version_no as "versionNo", action, number,
             posted_on as "postedOn", published_at as "publishedAt", unit_kind as "unitKind", unit_code as "unitCode", published_by as "publishedBy",
             reason, body, excluded, prev_hash as "prevHash", content_hash as "contentHash"
      from publication_version`.execute(database.db)
  ).rows;
  return verifyChains(rows.map((r) => ({ ...r, publishedAt: new Date(r.publishedAt).toISOString() })));
}

export const publicationsVerify: Command = {
  name: 'publications verify',
  summary: 'Verify the published list versions (content hashes and chains); exits 1 naming each edited version',
  usage: 'phaseout publications verify [--json]',
  options: { json: { type: 'boolean' } },
  async run({ values }) {
    return withDatabase(
      async (database) => {
        const r = await verifyPublications(database);
        if (values.json) console.log(JSON.stringify(r));
        else if (r.ok) console.log(`publications intact: ${r.versions} versions in ${r.series} series`);
        else for (const p of r.problems) console.log(`publication version ${p.id} (${p.series} v${p.versionNo}) BROKEN: ${p.reason}`);
        return r.ok ? 0 : 1;
      },
      { seed: false },
    );
  },
};
