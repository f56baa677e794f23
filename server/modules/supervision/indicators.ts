/**
 * The supervision indicators of every territory in scope (§3.3), computed on read in one SQL statement from the
 * roll-ups (see bench/supervision.ts for the figures at province scale): plan completion and late / at-risk items of
 * the year's filed plans (the plan roll-up, rollup_plan: items pending / exited by target date; or every item joined
 * with the capacity ledger, the from-scratch reference), overdue cases (the due-date roll-up, or
 * case_file before its fold), open / overdue problem items by age and the last sign-off (the problem roll-up,
 * rollup_problem; or every item, the from-scratch reference), and the days since the last progress (a case act, an
 * accepted exit, a problem signed off).
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Scope } from '../../platform/auth/actor.ts';
import { territoryScope } from '../../platform/auth/scope-sql.ts';
import { daysBetween } from '../../domain/dates.ts';
import { AGE_BUCKETS } from '../../domain/programme/problems.ts';
import type { Indicators, Thresholds } from '../../domain/programme/supervision.ts';

interface Row {
  code: string;
  name: string;
  name_en: string;
  items: number;
  late: number;
  at_risk: number;
  due: number;
  done_due: number;
  overdue_cases: number;
  open_problems: number;
  overdue_problems: number;
  age0: number;
  age1: number;
  age2: number;
  age3: number;
  old_open: number;
  last_case: string | null;
  last_exit: string | null;
  last_close: string | null;
}

export interface TerritoryIndicators extends Indicators {
  territoryName: string;
  territoryNameEn: string;
}

/**
 * Where the problem and plan figures come from: the roll-ups (rollup_problem, rollup_plan in server/projections/; what
 * the routes use) or every item (the from-scratch reference: the roll-up test compares both, the bench measures both).
 */
export type IndicatorSource = 'rollup' | 'items';

/** The source of each part: one for both, or the problem and plan parts apart (the bench times round two's mix). */
export type IndicatorSources = IndicatorSource | { problems: IndicatorSource; plans: IndicatorSource };

/** The one statement (exported so the bench can measure it). */
export function indicatorsQuery(scope: Scope, today: string, th: Thresholds, onlyTerritory?: string, sources: IndicatorSources = 'rollup') {
  const year = Number(today.slice(0, 4));
  const { problems: from, plans } = typeof sources === 'string' ? { problems: sources, plans: sources } : sources;
  return sql<Row>`
    with terr as (
      select code, name, name_en, sort from territory t
      where kind <> 'city' and (valid_to is null or valid_to >= ${today}::date) and (valid_from is null or valid_from <= ${today}::date)
        and ${territoryScope(scope, 't.code')} and (${onlyTerritory ?? null}::text is null or code = ${onlyTerritory ?? null}::text)
    ),
    fold as (select coalesce((select before from rollup_due_fold), '-infinity'::date) as before),
    plan as (${
      plans === 'items'
        ? sql`
      select territory_code, count(*)::int as items,
             count(*) filter (where exited_on is null and target_on < ${today}::date)::int as late,
             count(*) filter (where exited_on is null and target_on >= ${today}::date and target_on <= ${today}::date + ${th.atRiskDays}::int)::int as at_risk,
             count(*) filter (where exited_on is not null or target_on < ${today}::date)::int as due,
             count(*) filter (where exited_on is not null)::int as done_due
      from (select p.territory_code, i.target_on,
             case when i.line_id is not null then ce.exited_on
                  else (select case when count(*) > 0 and count(*) = count(x.line_id) then max(x.exited_on) end
                        from production_line pl left join capacity_exit x on x.line_id = pl.id where pl.enterprise_id = i.enterprise_id) end as exited_on
      from exit_plan p join exit_plan_item i on i.plan_id = p.id left join capacity_exit ce on ce.line_id = i.line_id
      where p.state = 'filed' and p.year = ${year} and p.territory_code in (select code from terr)) items group by territory_code`
        : sql`
      select territory_code, sum(pending + exited)::int as items,
             coalesce(sum(pending) filter (where target_on < ${today}::date), 0)::int as late,
             coalesce(sum(pending) filter (where target_on >= ${today}::date and target_on <= ${today}::date + ${th.atRiskDays}::int), 0)::int as at_risk,
             (sum(exited) + coalesce(sum(pending) filter (where target_on < ${today}::date), 0))::int as due,
             sum(exited)::int as done_due
      from rollup_plan where year = ${year} and territory_code in (select code from terr)
      group by territory_code`
    }
    ),
    od as (
      select territory_code, sum(n)::int as n from rollup_due
      where due_on < ${today}::date and ${today}::date >= (select before from fold) and territory_code in (select code from terr)
      group by territory_code
      union all
      select territory_code, count(*)::int from case_file
      where not closed and due_on < ${today}::date and ${today}::date < (select before from fold) and territory_code in (select code from terr)
      group by territory_code
    ),
    pr as (${
      from === 'items'
        ? sql`
      select territory_code,
             count(*) filter (where state <> 'closed')::int as open_problems,
             count(*) filter (where state <> 'closed' and due_on < ${today}::date)::int as overdue_problems,
             count(*) filter (where state <> 'closed' and ${today}::date - found_on <= ${AGE_BUCKETS[0]}::int)::int as age0,
             count(*) filter (where state <> 'closed' and ${today}::date - found_on > ${AGE_BUCKETS[0]}::int and ${today}::date - found_on <= ${AGE_BUCKETS[1]}::int)::int as age1,
             count(*) filter (where state <> 'closed' and ${today}::date - found_on > ${AGE_BUCKETS[1]}::int and ${today}::date - found_on <= ${AGE_BUCKETS[2]}::int)::int as age2,
             count(*) filter (where state <> 'closed' and ${today}::date - found_on > ${AGE_BUCKETS[2]}::int)::int as age3,
             count(*) filter (where state <> 'closed' and ${today}::date - found_on > ${th.oldOpenItemDays}::int)::int as old_open,
             max(closed_on) filter (where closed_on <= ${today}::date) as last_close
      from problem_item where territory_code in (select code from terr) group by territory_code`
        : sql`
      select t.code as territory_code, o.n as open_problems, o.n - d.n as overdue_problems,
             f.age0, f.age1, f.age2, o.n - f.age0 - f.age1 - f.age2 as age3, o.n - f.young as old_open, c.last_close
      from terr t
      cross join lateral (select coalesce(sum(n), 0)::int as n from rollup_problem where territory_code = t.code and kind = 'open') o
      cross join lateral (select coalesce(sum(n), 0)::int as n from rollup_problem where territory_code = t.code and kind = 'due' and on_date >= ${today}::date) d
      cross join lateral (
        select coalesce(sum(n) filter (where ${today}::date - on_date <= ${AGE_BUCKETS[0]}::int), 0)::int as age0,
               coalesce(sum(n) filter (where ${today}::date - on_date > ${AGE_BUCKETS[0]}::int and ${today}::date - on_date <= ${AGE_BUCKETS[1]}::int), 0)::int as age1,
               coalesce(sum(n) filter (where ${today}::date - on_date > ${AGE_BUCKETS[1]}::int and ${today}::date - on_date <= ${AGE_BUCKETS[2]}::int), 0)::int as age2,
               coalesce(sum(n) filter (where ${today}::date - on_date <= ${th.oldOpenItemDays}::int), 0)::int as young
        from rollup_problem where territory_code = t.code and kind = 'found' and on_date >= ${today}::date - greatest(${AGE_BUCKETS[2]}::int, ${th.oldOpenItemDays}::int)) f
      cross join lateral (select max(on_date) as last_close from rollup_problem where territory_code = t.code and kind = 'closed' and n > 0 and on_date <= ${today}::date) c`
    }
    )
    select t.code, t.name, t.name_en,
           coalesce(plan.items, 0) as items, coalesce(plan.late, 0) as late, coalesce(plan.at_risk, 0) as at_risk,
           coalesce(plan.due, 0) as due, coalesce(plan.done_due, 0) as done_due,
           coalesce(odt.n, 0)::int as overdue_cases,
           coalesce(pr.open_problems, 0) as open_problems, coalesce(pr.overdue_problems, 0) as overdue_problems,
           coalesce(pr.age0, 0) as age0, coalesce(pr.age1, 0) as age1, coalesce(pr.age2, 0) as age2, coalesce(pr.age3, 0) as age3,
           coalesce(pr.old_open, 0) as old_open,
           (select (max(c.updated_at) at time zone 'Asia/Shanghai')::date from case_file c where c.territory_code = t.code and c.updated_at <= ${today}::date + 1) as last_case,
           (select max(x.exited_on) from capacity_exit x where x.territory_code = t.code and x.exited_on <= ${today}::date) as last_exit,
           pr.last_close
    from terr t left join plan on plan.territory_code = t.code left join pr on pr.territory_code = t.code
    left join (select territory_code, sum(n) as n from od group by territory_code) odt on odt.territory_code = t.code
    order by t.sort, t.code`;
}

export async function computeIndicators(
  db: Kysely<DB>,
  scope: Scope,
  today: string,
  th: Thresholds,
  onlyTerritory?: string,
  from: IndicatorSources = 'rollup',
): Promise<TerritoryIndicators[]> {
  const r = await indicatorsQuery(scope, today, th, onlyTerritory, from).execute(db);
  return r.rows.map((x) => {
    const last =
      [x.last_case, x.last_exit, x.last_close]
        .filter((d): d is string => d !== null)
        .sort()
        .at(-1) ?? null;
    return {
      territoryCode: x.code,
      territoryName: x.name,
      territoryNameEn: x.name_en,
      planCompletion: x.due === 0 ? null : Math.round((x.done_due / x.due) * 10_000) / 10_000,
      planItems: x.items,
      latePlanItems: x.late,
      atRiskPlanItems: x.at_risk,
      overdueCases: x.overdue_cases,
      openProblems: x.open_problems,
      overdueProblems: x.overdue_problems,
      daysSinceProgress: last === null ? null : Math.max(0, daysBetween(last, today)),
      lastProgressOn: last,
      openByAge: [x.age0, x.age1, x.age2, x.age3],
      oldOpenItems: x.old_open,
    };
  });
}
