-- The problem lists' roll-up (issue 13, §3.3 supervision indicators): per territory, problem items not closed in
-- total ('open', one row dated -infinity), by the date found ('found': open items by age) and by the due date ('due':
-- overdue counts), and items closed by the date closed ('closed': the last sign-off, one sign of progress). Written only by
-- server/projections/problem-rollup.ts, inside the transaction of every change of a problem item; the supervision
-- indicators read it instead of every item. Filled here from the items already listed.
create table rollup_problem (
  territory_code text not null references territory (code),
  kind           text not null check (kind in ('open', 'found', 'due', 'closed')),
  on_date        date not null,
  n              int not null default 0,
  primary key (territory_code, kind, on_date)
);

insert into rollup_problem (territory_code, kind, on_date, n)
select territory_code, 'open', '-infinity'::date, count(*) from problem_item where state <> 'closed' group by 1
union all
select territory_code, 'found', found_on, count(*) from problem_item where state <> 'closed' group by 1, 3
union all
select territory_code, 'due', due_on, count(*) from problem_item where state <> 'closed' group by 1, 3
union all
select territory_code, 'closed', closed_on, count(*) from problem_item where closed_on is not null group by 1, 3;
