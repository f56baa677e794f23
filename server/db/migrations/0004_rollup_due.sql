-- Open cases counted by due date, kept current in the same transaction as each act (like rollup_case), so the
-- dashboard's "overdue by territory" is a sum over a small table instead of a scan of every open case.
create table rollup_due (
  territory_code text not null,
  dimension     text not null,
  due_on        date not null,
  n             bigint not null default 0,
  primary key (territory_code, dimension, due_on)
);

insert into rollup_due (territory_code, dimension, due_on, n)
  select territory_code, dimension, due_on, count(*) from case_file where not closed and due_on is not null group by 1, 2, 3;
