update enterprise set status = n.status
    from (select e.id, case
    when exists (select 1 from (select l.state from production_line l where l.enterprise_id = e.id) l) and not exists (select 1 from (select l.state from production_line l where l.enterprise_id = e.id) l where l.state not in ('exited')) then 'exited'
    when exists (select 1 from (select c.state, c.closed, c.outcome from case_file c where c.enterprise_id = e.id) c where not c.closed and c.state <> all($1::text[])) then 'enforcement'
    when exists (select 1 from (select c.state, c.closed, c.outcome from case_file c where c.enterprise_id = e.id) c where not c.closed) then 'rectifying'
    when exists (select 1 from (select c.state, c.closed, c.outcome from case_file c where c.enterprise_id = e.id) c where c.closed and c.outcome = any($2::text[])) then 'closed'
    when exists (select 1 from (select l.state from production_line l where l.enterprise_id = e.id) l) and not exists (select 1 from (select l.state from production_line l where l.enterprise_id = e.id) l where l.state not in ('shut', 'dismantled', 'exited')) then 'closed'
    else 'operating' end as status from enterprise e where e.id between $3 and $4) n
    where enterprise.id = n.id and enterprise.status <> n.status

-- $1 = ["found","rectifying","extensionRequested","investigating"]
-- $2 = ["exited","licenceRevoked"]
-- $3 = 1
-- $4 = 10000
