/**
 * The built-in source of the approval queue: open cases whose current state has an act that only the city
 * government may take — read from the lifecycle tables themselves (§2.2 approval of cease/close for serious
 * environmental cases; §2.4 closure after failed suspension), so a change of the law tables moves the queue with it.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { DIMENSIONS, transitionTable } from '../../domain/lifecycle/index.ts';
import type { Scope } from '../../platform/auth/actor.ts';
import { caseScope } from '../../platform/auth/scope-sql.ts';
import type { ApprovalItem, ApprovalSource } from './approval-sources.ts';

export interface GovernmentStep {
  dimension: string;
  state: string;
  acts: string[];
  basisId: string;
}

/** Every (dimension, state) whose outgoing acts include one only the government may take. */
export function governmentSteps(): GovernmentStep[] {
  const out: GovernmentStep[] = [];
  for (const d of DIMENSIONS) {
    for (const [state, acts] of Object.entries(transitionTable(d))) {
      const gov = Object.entries(acts).filter(([, e]) => e.roles.length > 0 && e.roles.every((r) => r === 'government'));
      if (gov.length > 0) out.push({ dimension: d, state, acts: gov.map(([k]) => k), basisId: gov[0]![1].basisId });
    }
  }
  return out;
}

const TITLES: Record<string, [string, string]> = {
  recordGovernmentApproval: ['情节严重，报请市政府批准责令停业、关闭', 'Serious case: approval to order cease or closure'],
  orderClosure: ['停产停业整顿后仍不具备安全生产条件，报请依法关闭', 'Still unsafe after suspension: closure by the government'],
};

export const caseApprovalSource: ApprovalSource = {
  key: 'case',
  async list(db: Kysely<DB>, scope: Scope): Promise<ApprovalItem[]> {
    const steps = governmentSteps();
    if (steps.length === 0) return [];
    const pairs = sql.join(steps.map((s) => sql`(${s.dimension}, ${s.state})`));
    const rows = await sql<{
      id: string;
      dimension: string;
      state: string;
      enterprise_id: string;
      name: string;
      credit_code: string;
      territory_name: string;
      department_name: string;
      requested_on: string;
    }>`
      select c.id, c.dimension, c.state, e.id as enterprise_id, e.name, e.credit_code, t.name as territory_name, d.name as department_name,
        to_char(coalesce((select max(a.act_date) from case_act a where a.case_id = c.id and a.to_state = c.state), c.opened_on), 'YYYY-MM-DD') as requested_on
      from case_file c
        join enterprise e on e.id = c.enterprise_id
        join territory t on t.code = c.territory_code
        join department d on d.code = c.department_code
      where not c.closed and (c.dimension, c.state) in (${pairs}) and ${caseScope(scope, 'c.territory_code', 'c.dimension')}`.execute(db);
    const byPair = new Map(steps.map((s) => [`${s.dimension}.${s.state}`, s]));
    return rows.rows.map((r) => {
      const step = byPair.get(`${r.dimension}.${r.state}`)!;
      const [title, titleEn] = TITLES[step.acts[0]!] ?? ['待市政府决定', 'Awaiting the city government'];
      return {
        key: `case:${r.id}`,
        source: 'case',
        kind: `${r.dimension}.${step.acts[0]}`,
        title,
        titleEn,
        link: `/cases/${r.id}`,
        caseId: Number(r.id),
        enterprise: { id: Number(r.enterprise_id), name: r.name, creditCode: r.credit_code },
        territoryName: r.territory_name,
        departmentName: r.department_name,
        requestedOn: r.requested_on,
        basisId: step.basisId,
        acts: step.acts,
      };
    });
  },
};
