/**
 * The city government's approval queue is a small union of sources: each source lists what waits for the
 * government, in one shape. The case source is built in; another module (e.g. the year-end report of plan §3.4)
 * adds its own with `registerApprovalSource` when it loads.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Scope } from '../../platform/auth/actor.ts';

export interface ApprovalItem {
  /** unique across sources, e.g. `case:42` */
  key: string;
  source: string;
  /** what is asked, e.g. `environment.recordGovernmentApproval` */
  kind: string;
  title: string;
  titleEn: string;
  /** the console path where it is decided */
  link: string;
  caseId: number | null;
  enterprise: { id: number; name: string; creditCode: string } | null;
  territoryName: string | null;
  departmentName: string | null;
  /** the day it started waiting */
  requestedOn: string;
  basisId: string;
  /** act kinds the government may take on it */
  acts: string[];
}

export interface ApprovalSource {
  key: string;
  list(db: Kysely<DB>, scope: Scope): Promise<ApprovalItem[]>;
}

const sources = new Map<string, ApprovalSource>();

/** Adds (or replaces, by key) a source of the queue. */
export function registerApprovalSource(s: ApprovalSource): void {
  sources.set(s.key, s);
}

export function approvalSources(): ApprovalSource[] {
  return [...sources.values()];
}
