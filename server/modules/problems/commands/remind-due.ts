/**
 * Reminders (issue 13 item 4): a problem item not closed, or an item of a filed exit plan whose line has not exited,
 * nearing its due date notifies the territory's accounts once per lead (the dated parameter notification.leadDays,
 * a local default: 30, 7, 1 days; only the nearest lead when several apply at once). One statement per run: the
 * candidates, the reminders not sent before (programme_reminder), their notifications and one audit record of the
 * run. Scheduled as the job `programme-reminders` (../reminders.job.ts): the job runner's lock keeps runs apart, and
 * the primary key of programme_reminder makes a repeated or concurrent run send nothing twice.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { writeAudit, type AuditMeta } from '../../../platform/audit/audit.ts';
import { paramAsOf } from '../../../domain/law/parameters.ts';

export async function remindProgrammeDue(db: Kysely<DB>, meta: AuditMeta & { asOf: string }): Promise<{ sent: number }> {
  const leads = [...paramAsOf('notification.leadDays', meta.asOf).value].sort((a, b) => a - b);
  const max = leads.at(-1) ?? 0;
  return db.transaction().execute(async (trx) => {
    const r = await sql<{ kind: string; ref_id: number; lead: number }>`
      with cand as (
        select 'problem'::text as kind, p.id as ref_id, p.due_on, p.territory_code, p.description as label,
               (select min(l) from unnest(${leads}::int[]) l where p.due_on - ${meta.asOf}::date <= l) as lead
        from problem_item p
        where p.state <> 'closed' and p.due_on >= ${meta.asOf}::date and p.due_on <= ${meta.asOf}::date + ${max}::int
        union all
        select 'planItem', i.id, i.target_on, p.territory_code, e.name || coalesce('·' || l.name, ''),
               (select min(x) from unnest(${leads}::int[]) x where i.target_on - ${meta.asOf}::date <= x)
        from exit_plan_item i
        join exit_plan p on p.id = i.plan_id
        join enterprise e on e.id = i.enterprise_id
        left join production_line l on l.id = i.line_id
        where p.state = 'filed' and i.target_on >= ${meta.asOf}::date and i.target_on <= ${meta.asOf}::date + ${max}::int
          and (case when i.line_id is not null then not exists (select 1 from capacity_exit ce where ce.line_id = i.line_id)
                    else exists (select 1 from production_line pl left join capacity_exit x on x.line_id = pl.id where pl.enterprise_id = i.enterprise_id and x.line_id is null) end)
      ),
      ins as (
        insert into programme_reminder (kind, ref_id, due_on, lead, sent_at)
        select kind, ref_id, due_on, lead, ${meta.now} from cand
        on conflict do nothing
        returning kind, ref_id, due_on, lead
      ),
      n as (
        insert into notification (unit_kind, unit_code, case_id, kind, title, title_en)
        select 'territory', c.territory_code, null,
               case when c.kind = 'problem' then 'problem.due' else 'exitPlan.due' end,
               case when c.kind = 'problem' then '问题整改' else '退出计划项' end || '将于' || to_char(c.due_on, 'YYYY-MM-DD') || '到期（剩' || (c.due_on - ${meta.asOf}::date) || '天）：' || left(c.label, 60),
               case when c.kind = 'problem' then 'Problem item' else 'Exit plan item' end || ' due on ' || to_char(c.due_on, 'YYYY-MM-DD') || ' (' || (c.due_on - ${meta.asOf}::date) || ' days): ' || left(c.label, 60)
        from ins join cand c on c.kind = ins.kind and c.ref_id = ins.ref_id and c.due_on = ins.due_on and c.lead = ins.lead
        returning id
      )
      select kind, ref_id, lead from ins`.execute(trx);
    if (r.rows.length) {
      await writeAudit(trx, meta, {
        act: 'programme.remind',
        entityType: 'programme-reminder',
        entityId: meta.asOf,
        basisId: 'phaseout-local-default',
        after: { asOf: meta.asOf, leads, sent: r.rows.map((x) => `${x.kind}:${x.ref_id}:${x.lead}`) },
      });
    }
    return { sent: r.rows.length };
  });
}
