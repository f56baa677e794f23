
    with "src" as (select $1::bigint as line_id, $2::text as to_state, $3::date as on_date, $4::bigint as case_id, $5::bigint as act_id),
    "l" as (
      select l.id, l.enterprise_id, l.state as from_state, s.to_state::text as to_state, s.on_date::date as on_date, s.case_id::bigint as case_id, s.act_id::bigint as act_id,
        l.capacity, l.capacity_unit, e.territory_code, e.industry_code
      from "src" s join production_line l on l.id = s.line_id join enterprise e on e.id = l.enterprise_id
      for update of l
    ),
    "m" as (select * from "l" l where l.from_state <> l.to_state),
    "u" as (update production_line p set state = m.to_state, updated_at = now() from "m" m where p.id = m.id returning p.id),
    "h" as (
      insert into line_state_history (line_id, from_state, to_state, on_date, case_id, act_id)
      select m.id, m.from_state, m.to_state, m.on_date, m.case_id, m.act_id from "m" m
    ),
    "r" as (insert into rollup_line (territory_code, industry_code, state, capacity_unit, n, capacity)
      select m.territory_code, m.industry_code, s.state, m.capacity_unit, sum(s.d), sum(s.d * m.capacity)
      from "m" m, lateral (values (m.from_state::text, -1), (m.to_state::text, 1)) as s(state, d)
      group by 1, 2, 3, 4
      on conflict (territory_code, industry_code, state, capacity_unit) do update
        set n = rollup_line.n + excluded.n, capacity = rollup_line.capacity + excluded.capacity),
    "st" as (update enterprise set status = n.status
    from (select e.id, case
    when exists (select 1 from (select l.state from production_line l where l.enterprise_id = e.id and l.id <> all(select id from "l")
    union all select m.to_state::text from "l" m where m.enterprise_id = e.id) l) and not exists (select 1 from (select l.state from production_line l where l.enterprise_id = e.id and l.id <> all(select id from "l")
    union all select m.to_state::text from "l" m where m.enterprise_id = e.id) l where l.state not in ('exited')) then 'exited'
    when exists (select 1 from (select c.state, c.closed, c.outcome from case_file c where c.enterprise_id = e.id) c where not c.closed and c.state <> all($6::text[])) then 'enforcement'
    when exists (select 1 from (select c.state, c.closed, c.outcome from case_file c where c.enterprise_id = e.id) c where not c.closed) then 'rectifying'
    when exists (select 1 from (select c.state, c.closed, c.outcome from case_file c where c.enterprise_id = e.id) c where c.closed and c.outcome = any($7::text[])) then 'closed'
    when exists (select 1 from (select l.state from production_line l where l.enterprise_id = e.id and l.id <> all(select id from "l")
    union all select m.to_state::text from "l" m where m.enterprise_id = e.id) l) and not exists (select 1 from (select l.state from production_line l where l.enterprise_id = e.id and l.id <> all(select id from "l")
    union all select m.to_state::text from "l" m where m.enterprise_id = e.id) l where l.state not in ('shut', 'dismantled', 'exited')) then 'closed'
    else 'operating' end as status from enterprise e where e.id in (select enterprise_id from "l")) n
    where enterprise.id = n.id and enterprise.status <> n.status),
    "c" as (insert into capacity_exit (line_id, year, territory_code, industry_code, capacity, capacity_unit, exited_on, case_id)
      select l.id, extract(year from l.on_date)::int, l.territory_code, l.industry_code, l.capacity, l.capacity_unit, l.on_date, l.case_id
      from "l" l where l.to_state = any($8::text[])
      on conflict (line_id) do nothing
      returning line_id),
    "pl" as (insert into rollup_plan (territory_code, year, target_on, pending, exited)
      select territory_code, year, target_on, -count(*)::int, count(*)::int from (
        select p.territory_code, p.year, i.target_on
        from exit_plan_item i join exit_plan p on p.id = i.plan_id
        where p.state = 'filed' and i.line_id in (select line_id from "c")
        union all
        select p.territory_code, p.year, i.target_on
        from exit_plan_item i join exit_plan p on p.id = i.plan_id
        where p.state = 'filed' and i.line_id is null
          and i.enterprise_id in (select ll.enterprise_id from "l" ll where ll.id in (select line_id from "c"))
          and not exists (select 1 from production_line pl where pl.enterprise_id = i.enterprise_id
                            and not exists (select 1 from capacity_exit ce where ce.line_id = pl.id)
                            and pl.id not in (select line_id from "c"))
      ) moved
      group by territory_code, year, target_on
      on conflict (territory_code, year, target_on)
      do update set pending = rollup_plan.pending + excluded.pending, exited = rollup_plan.exited + excluded.exited)
    select l.id, l.enterprise_id, l.from_state, exists (select 1 from c where c.line_id = l.id) as counted from l

-- $1 = 5
-- $2 = "dismantled"
-- $3 = "2021-06-15"
-- $4 = 7
-- $5 = 41
-- $6 = ["found","rectifying","extensionRequested","investigating"]
-- $7 = ["exited","licenceRevoked"]
-- $8 = ["exited"]
