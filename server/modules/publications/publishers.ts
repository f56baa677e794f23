/**
 * Which unit publishes which list, and which unit triages which kind of tip: reference data
 * (server/seeds/reference/<set>/publishers.json, plan §3.3), read once per set.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { UserActor } from '../../platform/auth/actor.ts';
import { LIST_KINDS, type ListKind } from '../../domain/publication/lists.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** server/seeds/reference beside the sources, or dist/reference beside the compiled server (scripts/build-server.mjs). */
const ROOTS = [path.join(HERE, '..', '..', 'seeds', 'reference'), path.join(HERE, 'reference')];

export interface PublisherRule {
  list: ListKind;
  /** 'territory' or 'department:<code>' */
  publisher: string;
  scope: 'territory' | 'city';
  basisId: string;
}

export interface TipRoute {
  service: string;
  unit: string;
}

export interface Publishers {
  cityCode: string;
  lists: PublisherRule[];
  tips: TipRoute[];
  tipLimits: { perAddressPerHour: number; maxPhotos: number; maxPhotoBytes: number };
}

const cache = new Map<string, Publishers>();

export function publishersOf(set: string): Publishers {
  let p = cache.get(set);
  if (!p) {
    const file = ROOTS.map((r) => path.join(r, set, 'publishers.json')).find((f) => fs.existsSync(f));
    if (!file) throw new Error(`reference data set "${set}" has no publishers.json (looked in ${ROOTS.join(', ')})`);
    p = JSON.parse(fs.readFileSync(file, 'utf8')) as Publishers;
    for (const l of p.lists) if (!LIST_KINDS.includes(l.list)) throw new Error(`publishers.json: unknown list ${l.list}`);
    cache.set(set, p);
  }
  return p;
}

export function ruleOf(p: Publishers, kind: ListKind): PublisherRule {
  const r = p.lists.find((l) => l.list === kind);
  if (!r) throw new Error(`publishers.json: no publisher for ${kind}`);
  return r;
}

/** The unit that publishes a series: the territory itself, or the named department. */
export function publishingUnit(p: Publishers, kind: ListKind, territoryCode: string): { kind: 'territory' | 'department'; code: string } {
  const r = ruleOf(p, kind);
  return r.publisher === 'territory' ? { kind: 'territory', code: territoryCode } : { kind: 'department', code: r.publisher.slice('department:'.length) };
}

/** Whether the list of this territory exists (city-wide lists belong to the city code only). */
export function seriesExists(p: Publishers, kind: ListKind, territoryCode: string): boolean {
  const r = ruleOf(p, kind);
  return r.scope === 'city' ? territoryCode === p.cityCode : territoryCode !== p.cityCode;
}

/** May this actor publish the list of this territory? */
export function mayPublish(p: Publishers, actor: UserActor, kind: ListKind, territoryCode: string): boolean {
  if (!seriesExists(p, kind, territoryCode)) return false;
  const u = publishingUnit(p, kind, territoryCode);
  if (u.kind === 'territory') return actor.role === 'territory' && actor.territoryCode === territoryCode;
  return actor.role === 'department' && actor.departmentCode === u.code;
}

/** May this actor read the list's proposals and versions? Publishers, and the office and city government everywhere. */
export function mayRead(p: Publishers, actor: UserActor, kind: ListKind, territoryCode: string): boolean {
  if (!seriesExists(p, kind, territoryCode)) return false;
  return actor.role === 'office' || actor.role === 'government' || mayPublish(p, actor, kind, territoryCode);
}

/** The unit that triages a tip of this service in this territory. */
export function tipUnit(p: Publishers, service: string, territoryCode: string): { kind: 'territory' | 'department'; code: string } {
  const r = p.tips.find((t) => t.service === service);
  if (!r || r.unit === 'territory') return { kind: 'territory', code: territoryCode };
  return { kind: 'department', code: r.unit.slice('department:'.length) };
}
