update enterprise set status = n.status
    from (select e.id, case
    when exists (select 1 from (select l.state from production_line l where l.enterprise_id = e.id) l) and not exists (select 1 from (select l.state from production_line l where l.enterprise_id = e.id) l where l.state not in ('exited')) then 'exited'
    when exists (select 1 from (select c.state, c.closed, c.outcome from case_file c where c.enterprise_id = e.id and c.id <> $1
    union all select $2::text, $3::boolean, $4::text) c where not c.closed and c.state <> all($5::text[])) then 'enforcement'
    when exists (select 1 from (select c.state, c.closed, c.outcome from case_file c where c.enterprise_id = e.id and c.id <> $6
    union all select $7::text, $8::boolean, $9::text) c where not c.closed) then 'rectifying'
    when exists (select 1 from (select c.state, c.closed, c.outcome from case_file c where c.enterprise_id = e.id and c.id <> $10
    union all select $11::text, $12::boolean, $13::text) c where c.closed and c.outcome = any($14::text[])) then 'closed'
    when exists (select 1 from (select l.state from production_line l where l.enterprise_id = e.id) l) and not exists (select 1 from (select l.state from production_line l where l.enterprise_id = e.id) l where l.state not in ('shut', 'dismantled', 'exited')) then 'closed'
    else 'operating' end as status from enterprise e where e.id = $15) n
    where enterprise.id = n.id and enterprise.status <> n.status

-- $1 = 7
-- $2 = "overdue"
-- $3 = false
-- $4 = null
-- $5 = ["found","rectifying","extensionRequested","investigating"]
-- $6 = 7
-- $7 = "overdue"
-- $8 = false
-- $9 = null
-- $10 = 7
-- $11 = "overdue"
-- $12 = false
-- $13 = null
-- $14 = ["exited","licenceRevoked"]
-- $15 = 3
