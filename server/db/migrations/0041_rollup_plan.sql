-- The filed exit plans' roll-up (issue 13, §3.1 备案 / §3.3 supervision indicators): per territory, plan year and target
-- date, the items of the filed plans still pending and those exited (a line item: its line is in the capacity ledger;
-- an item naming a whole enterprise: every line of it is). The plan completion and the late / at-risk items of a day
-- read these rows instead of joining every plan item with the ledger. Written only by server/projections/plan-rollup.ts:
-- in the line move's statement (an exit counted moves its items from pending to exited), and when a plan is filed or
-- an enterprise named by a filed plan gets a new line (its territory and year recomputed). Filled here from the plans
-- already filed.
create table rollup_plan (
  territory_code text not null references territory (code),
  year           int not null,
  target_on      date not null,
  pending        int not null default 0,
  exited         int not null default 0,
  primary key (territory_code, year, target_on)
);

-- the line move finds the filed items of the lines it counts, and of their enterprises
create index exit_plan_item_line on exit_plan_item (line_id) where line_id is not null;
create index exit_plan_item_enterprise on exit_plan_item (enterprise_id) where line_id is null;

insert into rollup_plan (territory_code, year, target_on, pending, exited)
select p.territory_code, p.year, i.target_on, count(*) filter (where not x.exited), count(*) filter (where x.exited)
from exit_plan p join exit_plan_item i on i.plan_id = p.id
cross join lateral (
  select case when i.line_id is not null then exists (select 1 from capacity_exit ce where ce.line_id = i.line_id)
              else (select count(*) > 0 and count(*) = count(ce.line_id)
                    from production_line pl left join capacity_exit ce on ce.line_id = pl.id where pl.enterprise_id = i.enterprise_id) end as exited
) x
where p.state = 'filed'
group by 1, 2, 3;
