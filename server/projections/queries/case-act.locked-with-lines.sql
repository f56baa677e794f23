
    with u as (
      update case_file set snapshot = $1::jsonb, state = $2, closed = $3, outcome = $4,
        due_on = $5::date, due_basis_id = $6, version = $7, updated_at = $8
      where id = $9 and version = $10
      returning id
    ), r as (insert into rollup_case (territory_code, dimension, state, slot, n)
          values ($11, $12, $13, $14, -1), ($15, $16, $17, $18, 1)
          on conflict (territory_code, dimension, state, slot) do update set n = rollup_case.n + excluded.n), d as (insert into rollup_due (territory_code, dimension, due_on, slot, n)
          values ($19, $20, $21::date, $22, $23)
          on conflict (territory_code, dimension, due_on, slot) do update set n = rollup_due.n + excluded.n), a as (
      insert into case_act (id, case_id, seq, kind, act_date, actor_id, role, payload, basis_id, params, from_state, to_state, due_on, due_detail, request_id, created_at)
      select $24::bigint, u.id, $25, $26, $27::date, $28::bigint, $29, $30::jsonb,
        $31, $32::jsonb, $33, $34, $35::date,
        $36::jsonb, $37, $38
      from u
      returning id
    ), ev as (insert into act_evidence (act_id, sha256) select $39::bigint, unnest($40::text[]) from a), audit_head as (
      insert into audit_stream (stream, head_seq, head_hash, prev_hash)
      select $41::int, 1, encode(sha256(convert_to($42::text || E'
' || $43::text || '1' || $44::text, 'UTF8')), 'hex'), $45::text where exists (select 1 from "u")
      on conflict (stream) do update set head_seq = audit_stream.head_seq + 1, prev_hash = audit_stream.head_hash,
        head_hash = encode(sha256(convert_to(audit_stream.head_hash || E'
' || $46::text || (audit_stream.head_seq + 1)::text || $47::text, 'UTF8')), 'hex')
      returning stream, head_seq, head_hash, prev_hash
    ), audit_rec as (
      insert into audit_log (stream, seq, at, actor_id, actor_name, role, territory_code, department_code, act, entity_type, entity_id,
        basis_id, before, after, request_id, ip, prev_hash, hash)
      select h.stream, h.head_seq, $48::timestamptz, $49::bigint, $50::text, $51::text, $52::text,
        $53::text, $54::text, $55::text, $56::text, $57::text,
        $58::jsonb, $59::jsonb,
        $60::text, $61::text, h.prev_hash, h.head_hash
      from audit_head h
    ), "ln_src" as (select v.line_id, v.to_state, $62::date as on_date, $63::bigint as case_id, $64::bigint as act_id
      from (values ($65::bigint, $66::text)) as v(line_id, to_state)),
    "ln_l" as (
      select l.id, l.enterprise_id, l.state as from_state, s.to_state::text as to_state, s.on_date::date as on_date, s.case_id::bigint as case_id, s.act_id::bigint as act_id,
        l.capacity, l.capacity_unit, e.territory_code, e.industry_code
      from "ln_src" s join production_line l on l.id = s.line_id join enterprise e on e.id = l.enterprise_id
      for update of l
    ),
    "ln_m" as (select * from "ln_l" l where l.from_state <> l.to_state),
    "ln_u" as (update production_line p set state = m.to_state, updated_at = now() from "ln_m" m where p.id = m.id returning p.id),
    "ln_h" as (
      insert into line_state_history (line_id, from_state, to_state, on_date, case_id, act_id)
      select m.id, m.from_state, m.to_state, m.on_date, m.case_id, m.act_id from "ln_m" m
    ),
    "ln_r" as (insert into rollup_line (territory_code, industry_code, state, capacity_unit, n, capacity)
      select m.territory_code, m.industry_code, s.state, m.capacity_unit, sum(s.d), sum(s.d * m.capacity)
      from "ln_m" m, lateral (values (m.from_state::text, -1), (m.to_state::text, 1)) as s(state, d)
      group by 1, 2, 3, 4
      on conflict (territory_code, industry_code, state, capacity_unit) do update
        set n = rollup_line.n + excluded.n, capacity = rollup_line.capacity + excluded.capacity),
    "ln_st" as (update enterprise set status = n.status
    from (select e.id, case
    when exists (select 1 from (select l.state from production_line l where l.enterprise_id = e.id and l.id <> all(select id from "ln_l")
    union all select m.to_state::text from "ln_l" m where m.enterprise_id = e.id) l) and not exists (select 1 from (select l.state from production_line l where l.enterprise_id = e.id and l.id <> all(select id from "ln_l")
    union all select m.to_state::text from "ln_l" m where m.enterprise_id = e.id) l where l.state not in ('exited')) then 'exited'
    when exists (select 1 from (select c.state, c.closed, c.outcome from case_file c where c.enterprise_id = e.id and c.id <> $67
    union all select $68::text, $69::boolean, $70::text) c where not c.closed and c.state <> all($71::text[])) then 'enforcement'
    when exists (select 1 from (select c.state, c.closed, c.outcome from case_file c where c.enterprise_id = e.id and c.id <> $72
    union all select $73::text, $74::boolean, $75::text) c where not c.closed) then 'rectifying'
    when exists (select 1 from (select c.state, c.closed, c.outcome from case_file c where c.enterprise_id = e.id and c.id <> $76
    union all select $77::text, $78::boolean, $79::text) c where c.closed and c.outcome = any($80::text[])) then 'closed'
    when exists (select 1 from (select l.state from production_line l where l.enterprise_id = e.id and l.id <> all(select id from "ln_l")
    union all select m.to_state::text from "ln_l" m where m.enterprise_id = e.id) l) and not exists (select 1 from (select l.state from production_line l where l.enterprise_id = e.id and l.id <> all(select id from "ln_l")
    union all select m.to_state::text from "ln_l" m where m.enterprise_id = e.id) l where l.state not in ('shut', 'dismantled', 'exited')) then 'closed'
    else 'operating' end as status from enterprise e where e.id = $81) n
    where enterprise.id = n.id and enterprise.status <> n.status),
    "ln_c" as (insert into capacity_exit (line_id, year, territory_code, industry_code, capacity, capacity_unit, exited_on, case_id)
      select l.id, extract(year from l.on_date)::int, l.territory_code, l.industry_code, l.capacity, l.capacity_unit, l.on_date, l.case_id
      from "ln_l" l where l.to_state = any($82::text[])
      on conflict (line_id) do nothing
      returning line_id),
    "ln_pl" as (insert into rollup_plan (territory_code, year, target_on, pending, exited)
      select territory_code, year, target_on, -count(*)::int, count(*)::int from (
        select p.territory_code, p.year, i.target_on
        from exit_plan_item i join exit_plan p on p.id = i.plan_id
        where p.state = 'filed' and i.line_id in (select line_id from "ln_c")
        union all
        select p.territory_code, p.year, i.target_on
        from exit_plan_item i join exit_plan p on p.id = i.plan_id
        where p.state = 'filed' and i.line_id is null
          and i.enterprise_id in (select ll.enterprise_id from "ln_l" ll where ll.id in (select line_id from "ln_c"))
          and not exists (select 1 from production_line pl where pl.enterprise_id = i.enterprise_id
                            and not exists (select 1 from capacity_exit ce where ce.line_id = pl.id)
                            and pl.id not in (select line_id from "ln_c"))
      ) moved
      group by territory_code, year, target_on
      on conflict (territory_code, year, target_on)
      do update set pending = rollup_plan.pending + excluded.pending, exited = rollup_plan.exited + excluded.exited)
    select id from a

-- $1 = "{\"state\":\"overdue\",\"actCount\":3,\"due\":null,\"outcome\":null}"
-- $2 = "overdue"
-- $3 = false
-- $4 = null
-- $5 = null
-- $6 = null
-- $7 = 3
-- $8 = "2021-06-15T04:00:00.000Z"
-- $9 = 7
-- $10 = 2
-- $11 = "340202"
-- $12 = "energy"
-- $13 = "rectifying"
-- $14 = 7
-- $15 = "340202"
-- $16 = "energy"
-- $17 = "overdue"
-- $18 = 7
-- $19 = "340202"
-- $20 = "energy"
-- $21 = "2021-06-01"
-- $22 = 7
-- $23 = -1
-- $24 = 41
-- $25 = 3
-- $26 = "markOverdue"
-- $27 = "2021-06-15"
-- $28 = null
-- $29 = "system"
-- $30 = "{}"
-- $31 = "plan-2020-§2.1"
-- $32 = "[]"
-- $33 = "rectifying"
-- $34 = "overdue"
-- $35 = null
-- $36 = null
-- $37 = "req-1"
-- $38 = "2021-06-15T04:00:00.000Z"
-- $39 = 41
-- $40 = ["aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"]
-- $41 = 11
-- $42 = "0000000000000000000000000000000000000000000000000000000000000000"
-- $43 = "{\"act\":\"case.act.markOverdue\",\"actor_id\":null,\"actor_name\":\"system\",\"after\":{\"state\":\"overdue\"},\"at\":\"2021-06-15T04:00:00.000Z\",\"basis_id\":\"plan-2020-§2.1\",\"before\":{\"state\":\"rectifying\"},\"department_code\":null,\"entity_id\":\"7\",\"entity_type\":\"case\",\"ip\":null,\"request_id\":\"req-1\",\"role\":\"system\",\"seq\":"
-- $44 = ",\"stream\":11,\"territory_code\":null}"
-- $45 = "0000000000000000000000000000000000000000000000000000000000000000"
-- $46 = "{\"act\":\"case.act.markOverdue\",\"actor_id\":null,\"actor_name\":\"system\",\"after\":{\"state\":\"overdue\"},\"at\":\"2021-06-15T04:00:00.000Z\",\"basis_id\":\"plan-2020-§2.1\",\"before\":{\"state\":\"rectifying\"},\"department_code\":null,\"entity_id\":\"7\",\"entity_type\":\"case\",\"ip\":null,\"request_id\":\"req-1\",\"role\":\"system\",\"seq\":"
-- $47 = ",\"stream\":11,\"territory_code\":null}"
-- $48 = "2021-06-15T04:00:00.000Z"
-- $49 = null
-- $50 = "system"
-- $51 = "system"
-- $52 = null
-- $53 = null
-- $54 = "case.act.markOverdue"
-- $55 = "case"
-- $56 = "7"
-- $57 = "plan-2020-§2.1"
-- $58 = "{\"state\":\"rectifying\"}"
-- $59 = "{\"state\":\"overdue\"}"
-- $60 = "req-1"
-- $61 = null
-- $62 = "2021-06-15"
-- $63 = 7
-- $64 = 41
-- $65 = 5
-- $66 = "dismantled"
-- $67 = 7
-- $68 = "overdue"
-- $69 = false
-- $70 = null
-- $71 = ["found","rectifying","extensionRequested","investigating"]
-- $72 = 7
-- $73 = "overdue"
-- $74 = false
-- $75 = null
-- $76 = 7
-- $77 = "overdue"
-- $78 = false
-- $79 = null
-- $80 = ["exited","licenceRevoked"]
-- $81 = 3
-- $82 = ["exited"]
