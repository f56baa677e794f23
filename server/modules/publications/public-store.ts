/**
 * What the public sees, served from memory. A published version never changes, so once read it is kept (bounded);
 * the set of versions in force — per series the newest version posted on or before today (gating) — is one small
 * query, re-run when this process publishes (publicationsChanged) or after PUBLIC_INDEX_MS (another instance may
 * have published). Rendered answers are cached per index, so a page costs a map lookup while nothing changes.
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { ListKind, PublicEntry } from '../../domain/publication/lists.ts';
import { localToday } from '../../platform/clock.ts';
import { VERSION_COLUMNS, type VersionRow } from './publications.repository.ts';

/** How long the index of versions in force is reused without a publication in this process. */
export const PUBLIC_INDEX_MS = 1000;
const MAX_VERSIONS = 5000;
const MAX_ANSWERS = 2000;

let generation = 0;
/** Called after every publication in this process: the next public request re-reads the index. */
export function publicationsChanged(): void {
  generation++;
}

export interface VersionHead {
  id: number;
  series: string;
  listKind: ListKind;
  territoryCode: string;
  year: number | null;
  versionNo: number;
  action: 'publish' | 'correct' | 'withdraw';
  number: string;
  postedOn: string;
  publishedAt: Date;
  unitKind: string;
  unitCode: string;
}

export interface PublicIndex {
  today: string;
  /** a stamp of the index: changes whenever what the public may see changes */
  stamp: string;
  /** every version the public may see (posted on or before today), newest first */
  visible: VersionHead[];
  /** per series, the version in force */
  current: Map<string, VersionHead>;
  /** the entries in force of each list, with the version they come from */
  entries: Map<ListKind, Array<{ entry: PublicEntry; version: VersionHead }>>;
}

export interface CachedAnswer {
  body: Buffer;
  type: string;
  etag: string;
}

export class PublicStore {
  private versions = new Map<number, VersionRow>();
  private index: { value: PublicIndex; at: number; generation: number } | null = null;
  private loading: Promise<PublicIndex> | null = null;
  private answers = new Map<string, CachedAnswer>();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly now: () => Date,
  ) {}

  /** The index of what the public sees today. */
  async currentIndex(): Promise<PublicIndex> {
    const today = localToday(this.now());
    const i = this.index;
    if (i && i.generation === generation && i.value.today === today && Date.now() - i.at < PUBLIC_INDEX_MS) return i.value;
    this.loading ??= this.load(today).finally(() => (this.loading = null));
    return this.loading;
  }

  private async load(today: string): Promise<PublicIndex> {
    const gen = generation;
    const heads = (
      await sql<VersionHead>`select id, series, list_kind as "listKind", territory_code as "territoryCode", year, version_no as "versionNo", action, number,
          posted_on as "postedOn", published_at as "publishedAt", unit_kind as "unitKind", unit_code as "unitCode"
        from publication_version where posted_on <= ${today}::date order by posted_on desc, id desc`.execute(this.db)
    ).rows;
    const current = new Map<string, VersionHead>();
    for (const h of heads) {
      const c = current.get(h.series);
      if (!c || h.versionNo > c.versionNo) current.set(h.series, h);
    }
    await this.versionsByIds([...current.values()].filter((h) => h.action !== 'withdraw').map((h) => h.id));
    const entries = new Map<ListKind, Array<{ entry: PublicEntry; version: VersionHead }>>();
    for (const h of [...current.values()].sort((a, b) => (a.series < b.series ? -1 : 1))) {
      if (h.action === 'withdraw') continue;
      const v = this.versions.get(h.id)!;
      const list = entries.get(h.listKind) ?? [];
      for (const entry of v.body.entries) list.push({ entry, version: h });
      entries.set(h.listKind, list);
    }
    const stamp = createHash('sha256')
      .update(`${today}|${heads.map((h) => h.id).join(',')}`)
      .digest('hex')
      .slice(0, 20);
    const value: PublicIndex = { today, stamp, visible: heads, current, entries };
    if (this.index?.value.stamp !== stamp) this.answers.clear();
    this.index = { value, at: Date.now(), generation: gen };
    return value;
  }

  /** Versions by id, from memory or the database (immutable: kept once read). */
  async versionsByIds(ids: number[]): Promise<Map<number, VersionRow>> {
    const missing = ids.filter((id) => !this.versions.has(id));
    if (missing.length) {
      const rows = (await sql<VersionRow>`select ${VERSION_COLUMNS} from publication_version where id = any(${missing}::bigint[])`.execute(this.db)).rows;
      if (this.versions.size + rows.length > MAX_VERSIONS) this.versions.clear();
      for (const r of rows) this.versions.set(r.id, Object.freeze(r));
    }
    return new Map(ids.filter((id) => this.versions.has(id)).map((id) => [id, this.versions.get(id)!]));
  }

  /** A version the public may see (posted on or before today), or undefined. */
  async visibleVersion(id: number): Promise<{ version: VersionRow; index: PublicIndex } | undefined> {
    const index = await this.currentIndex();
    if (!index.visible.some((h) => h.id === id)) return undefined;
    const v = (await this.versionsByIds([id])).get(id);
    return v ? { version: v, index } : undefined;
  }

  /**
   * An answer computed once per index and key (the URL with its query, the language). While the index is fresh a
   * cached answer is returned at once, without a promise: the path every repeated public request takes.
   */
  answer(
    key: string,
    make: (index: PublicIndex) => Promise<{ body: Buffer | string; type: string } | undefined>,
  ): CachedAnswer | Promise<CachedAnswer | undefined> {
    const i = this.index;
    if (i && i.generation === generation && Date.now() - i.at < PUBLIC_INDEX_MS && i.value.today === localToday(this.now())) {
      const hit = this.answers.get(`${i.value.stamp}|${key}`);
      if (hit) return hit;
    }
    return this.answerSlow(key, make);
  }

  private async answerSlow(
    key: string,
    make: (index: PublicIndex) => Promise<{ body: Buffer | string; type: string } | undefined>,
  ): Promise<CachedAnswer | undefined> {
    const index = await this.currentIndex();
    const k = `${index.stamp}|${key}`;
    const hit = this.answers.get(k);
    if (hit) return hit;
    const made = await make(index);
    if (!made) return undefined;
    // kept as bytes: a cached answer is sent without encoding it again
    const body = typeof made.body === 'string' ? Buffer.from(made.body, 'utf8') : made.body;
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    const a: CachedAnswer = { body, type: made.type, etag };
    if (this.answers.size >= MAX_ANSWERS) this.answers.clear();
    this.answers.set(k, a);
    return a;
  }
}
