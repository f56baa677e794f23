/**
 * The year-end report in the city government's queue (待审批事项, plan §3.4: "报市政府审定后…上报"): every draft
 * version of a city report whose reconciliation is settled (no open difference) waits for the government's approval.
 * The item opens the year-end page; `gov` approves it from the queue through POST /yearend/reports/:id/approve (the
 * one writer, approveReport). Reports are city-wide: only a city-wide scope (office, government) sees them.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Scope } from '../../platform/auth/actor.ts';
import { registerApprovalSource, type ApprovalItem, type ApprovalSource } from '../approvals/index.ts';

export const REPORT_APPROVAL_SOURCE = 'yearend-report';

export const reportApprovalSource: ApprovalSource = {
  key: REPORT_APPROVAL_SOURCE,
  async list(db: Kysely<DB>, scope: Scope): Promise<ApprovalItem[]> {
    if (scope.territories !== null || scope.dimensions !== null) return [];
    const rows = await sql<{ id: string; year: number; version: number; requested_on: string }>`
      select r.id, r.year, r.version, to_char((r.created_at at time zone 'Asia/Shanghai')::date, 'YYYY-MM-DD') as requested_on
      from yearend_report r
      where r.status = 'draft'
        and not exists (select 1 from jsonb_array_elements(coalesce(r.body -> 'differences', '[]'::jsonb)) d where not coalesce((d ->> 'resolved')::boolean, false))
      order by r.year, r.version`.execute(db);
    return rows.rows.map((r) => ({
      key: `report:${r.id}`,
      source: REPORT_APPROVAL_SOURCE,
      kind: 'yearend.approveReport',
      title: `${r.year}年度落后产能退出工作报告（第${r.version}版）报请市政府审定`,
      titleEn: `Year-end report ${r.year} (version ${r.version}): approval by the city government`,
      link: `/yearend?year=${r.year}`,
      caseId: null,
      enterprise: null,
      territoryName: null,
      departmentName: null,
      requestedOn: r.requested_on,
      basisId: 'plan-2020-§3.4',
      acts: ['approveReport'],
    }));
  },
};

registerApprovalSource(reportApprovalSource);
