/**
 * 发文字号 (GB/T 9704-2012 7.2.4): 机关代字 + 年份 + 发文顺序号, e.g. 芜经信淘汰〔2026〕12号 — the year in 六角括号 〔〕,
 * the sequence without leading zeros and without 第. The prefix (unit abbreviation + the kind's word) is reference
 * data (server/seeds/reference/<set>/documents.json); the sequence is kept per issuing unit × kind × year in
 * document_counter and bumped inside the issuing transaction (never reused, never skipped: a rollback gives it back).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Actor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/errors.ts';

export interface UnitRef {
  name: string;
  abbr: string;
}

export interface DocumentReference {
  units: {
    office: UnitRef;
    government: UnitRef;
    departments: Record<string, UnitRef>;
    territories: Record<string, UnitRef>;
  };
  kinds: Record<string, { word: string }>;
}

const cache = new Map<string, DocumentReference>();
const HERE = path.dirname(fileURLToPath(import.meta.url));
/** server/seeds/reference from the sources; dist/reference beside the compiled server (scripts/build-server.mjs copies it) */
const REFERENCE_DIRS = [path.join(HERE, '..', '..', 'seeds', 'reference'), path.join(HERE, 'reference')];

/** The reference set's documents.json (read once per set). */
export function documentReference(set = 'wuhu'): DocumentReference {
  let ref = cache.get(set);
  if (!ref) {
    if (!/^[a-z0-9-]+$/.test(set)) throw new AppError('DOCUMENT_UNIT_UNKNOWN', { referenceSet: set });
    const file = REFERENCE_DIRS.map((d) => path.join(d, set, 'documents.json')).find((f) => fs.existsSync(f));
    if (!file) throw new AppError('DOCUMENT_UNIT_UNKNOWN', { referenceSet: set, reason: 'the reference set has no documents.json' });
    ref = JSON.parse(fs.readFileSync(file, 'utf8')) as DocumentReference;
    cache.set(set, ref);
  }
  return ref;
}

/**
 * Issuing unit codes: `office`, `government`, `department:<code>`, `territory:<code>`.
 */
export function resolveUnit(ref: DocumentReference, code: string): UnitRef {
  const [kind, key] = code.split(':', 2) as [string, string | undefined];
  const unit =
    code === 'office'
      ? ref.units.office
      : code === 'government'
        ? ref.units.government
        : kind === 'department'
          ? own(ref.units.departments, key)
          : kind === 'territory'
            ? own(ref.units.territories, key)
            : undefined;
  if (!unit) throw new AppError('DOCUMENT_UNIT_UNKNOWN', { issuingUnit: code });
  return unit;
}

function own<T>(o: Record<string, T>, k: string | undefined): T | undefined {
  return k !== undefined && Object.hasOwn(o, k) ? o[k] : undefined;
}

/** The unit a user acts for: a department account → its department; a territory account → its 县（市）区 government or zone committee. */
export function unitOfActor(actor: Actor, fallback: { territoryCode: string; departmentCode: string; role?: string }): string {
  const role = actor.kind === 'user' ? actor.role : (fallback.role ?? 'department');
  switch (role) {
    case 'office':
      return 'office';
    case 'government':
      return 'government';
    case 'territory':
      return `territory:${actor.kind === 'user' && actor.territoryCode ? actor.territoryCode : fallback.territoryCode}`;
    default:
      return `department:${actor.kind === 'user' && actor.departmentCode ? actor.departmentCode : fallback.departmentCode}`;
  }
}

/** 芜经信 + 淘汰 + 2026 + 12 → 芜经信淘汰〔2026〕12号 */
export function formatNumber(prefix: string, year: number, seq: number): string {
  if (!Number.isInteger(seq) || seq < 1) throw new RangeError(`sequence ${seq}`);
  return `${prefix}〔${year}〕${seq}号`;
}

export function numberPrefix(ref: DocumentReference, unitCode: string, kind: string): string {
  const word = own(ref.kinds, kind)?.word;
  if (word === undefined) throw new AppError('DOCUMENT_KIND_UNKNOWN', { kind });
  return `${resolveUnit(ref, unitCode).abbr}${word}`;
}

/**
 * Takes the next sequence number of unit × kind × year (`returning last_seq`); the row stays locked until the
 * transaction commits, and a rollback gives the number back. formatNumber(prefix, year, last_seq) is the 发文字号
 * (documents.service.ts builds the same text in SQL).
 */
export function nextSeqSql(unitCode: string, kind: string, year: number) {
  return sql<{ last_seq: number }>`
    insert into document_counter (unit_code, kind, year, last_seq) values (${unitCode}, ${kind}, ${year}, 1)
    on conflict (unit_code, kind, year) do update set last_seq = document_counter.last_seq + 1
    returning last_seq`;
}
