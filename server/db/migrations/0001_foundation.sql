-- Phaseout foundation schema: reference data, accounts, registry, cases, audit.
-- Forward-only: a released migration is never edited (the runner checks each file's checksum).

create extension if not exists pg_trgm;

-- ── Reference data (idempotent seeds; another city is another data set) ─────────────────────────────
create table territory (
  code          text primary key,            -- GB/T 2260 code, or a zone's statistical code
  name          text not null,
  name_en       text not null,
  kind          text not null check (kind in ('city', 'district', 'county', 'county_city', 'zone')),
  parent_code   text references territory(code),
  valid_from    date,
  valid_to      date,                        -- null = still valid
  successor_code text references territory(code),
  note          text,
  sort          int not null default 0
);

create table dimension (
  code          text primary key check (code in ('energy', 'environment', 'quality', 'safety', 'technology')),
  name          text not null,
  name_en       text not null,
  basis_id      text not null,               -- plan section, e.g. plan-2020-§2.1
  law           text not null,
  sort          int not null
);

create table department (
  code          text primary key,
  name          text not null,
  name_en       text not null,
  level         text not null check (level in ('city', 'territory', 'external')),
  lead_dimensions text[] not null default '{}',   -- dimensions whose cases it leads
  plan_sections text[] not null default '{}',     -- sections naming it as a responsible unit
  houses_office boolean not null default false,   -- the leading-group office sits in this department
  sort          int not null default 0
);

create table industry (
  code          text primary key,
  name          text not null,
  name_en       text not null,
  key_industry  boolean not null default false,  -- steel, cement, flat glass (§1, §3.4)
  capacity_units text[] not null,                 -- allowed units for declared capacity, first = conventional
  sort          int not null default 0
);

create table line_kind (
  code          text primary key,
  name          text not null,
  name_en       text not null,
  industry_code text not null references industry(code),
  size_unit     text,                        -- characteristic size unit: m3, t, t/d, m
  induction_furnace boolean not null default false,
  sort          int not null default 0
);

-- ── Accounts and sessions ───────────────────────────────────────────────────────────────────────────
create table app_user (
  id            bigserial primary key,
  username      text not null unique,
  display_name  text not null,
  role          text not null check (role in ('office', 'department', 'territory', 'government', 'bank')),
  territory_code text references territory(code),
  department_code text references department(code),
  password_hash text not null,
  disabled_at   timestamptz,
  failed_logins int not null default 0,
  locked_until  timestamptz,
  password_changed_at timestamptz not null default now(),
  created_at    timestamptz not null default now(),
  demo          boolean not null default false,
  check (role <> 'territory' or territory_code is not null),
  check (role <> 'department' or department_code is not null)
);

create table user_session (
  id            text primary key,            -- sha256 of the cookie token
  user_id       bigint not null references app_user(id),
  csrf_token    text not null,
  created_at    timestamptz not null default now(),
  expires_at    timestamptz not null,
  last_seen_at  timestamptz not null default now(),
  ip            text,
  user_agent    text
);
create index user_session_user on user_session(user_id);

create table api_token (
  id            bigserial primary key,
  user_id       bigint not null references app_user(id),
  name          text not null,
  token_hash    text not null unique,        -- sha256 of the bearer token
  created_at    timestamptz not null default now(),
  revoked_at    timestamptz,
  last_used_at  timestamptz
);

-- ── Registry ───────────────────────────────────────────────────────────────────────────────────────
create table enterprise (
  id            bigserial primary key,
  credit_code   text not null unique,
  name          text not null,
  territory_code text not null references territory(code),
  industry_code text not null references industry(code),
  address       text,
  legal_representative text,
  contact_name  text,
  contact_phone text,
  longitude     numeric(9, 6),
  latitude      numeric(9, 6),
  credit_code_override text,                 -- written reason when a code failing its check digit was accepted
  status        text not null default 'operating'
                check (status in ('operating', 'rectifying', 'enforcement', 'closed', 'exited')), -- derived, see enterprise-status.ts
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now(),
  version       int not null default 1
);
create index enterprise_name_trgm on enterprise using gin (name gin_trgm_ops);
create index enterprise_territory on enterprise(territory_code, id);
create index enterprise_industry on enterprise(industry_code, id);
create index enterprise_status on enterprise(status, id);

create table enterprise_history (
  id            bigserial primary key,
  enterprise_id bigint not null references enterprise(id),
  at            timestamptz not null default now(),
  actor_id      bigint references app_user(id),
  changes       jsonb not null                -- {field: [before, after]}
);
create index enterprise_history_ent on enterprise_history(enterprise_id, id);

create table production_line (
  id            bigserial primary key,
  enterprise_id bigint not null references enterprise(id),
  kind          text not null references line_kind(code),
  name          text not null,
  size_value    numeric(14, 3),
  size_unit     text,
  model         text,
  unit_count    int not null default 1 check (unit_count > 0),
  marks         text,                        -- serial numbers / identifying marks
  capacity      numeric(16, 4) not null check (capacity >= 0),
  capacity_unit text not null,
  catalogue_edition text,                    -- e.g. 2019 (产业结构调整指导目录2019年本)
  catalogue_item text,
  catalogue_class text not null default 'none' check (catalogue_class in ('eliminated', 'restricted', 'none')),
  state         text not null default 'operating'
                check (state in ('operating', 'restricted', 'suspended', 'sealed', 'dismantled', 'exited')),
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now()
);
create index production_line_ent on production_line(enterprise_id);
create index production_line_marks on production_line(marks) where marks is not null;
create index production_line_model_cap on production_line(model, capacity, capacity_unit) where model is not null;
create index production_line_state on production_line(state);

create table line_state_history (
  id            bigserial primary key,
  line_id       bigint not null references production_line(id),
  from_state    text not null,
  to_state      text not null,
  on_date       date not null,
  case_id       bigint,
  act_id        bigint,
  at            timestamptz not null default now()
);
create index line_state_history_line on line_state_history(line_id, id);

-- A line is counted once, ever: the primary key is the line.
create table capacity_exit (
  line_id       bigint primary key references production_line(id),
  year          int not null,
  territory_code text not null references territory(code),
  industry_code text not null references industry(code),
  capacity      numeric(16, 4) not null,
  capacity_unit text not null,
  exited_on     date not null,
  case_id       bigint
);
create index capacity_exit_year on capacity_exit(year, territory_code, industry_code);

create table registry_alert (
  id            bigserial primary key,
  kind          text not null check (kind in ('relocation', 'restart')),
  line_id       bigint not null references production_line(id),      -- the line that turned up again
  exited_line_id bigint not null references production_line(id),     -- the exited/dismantled line it matches
  match_on      text not null,               -- 'marks' | 'model+capacity'
  territory_code text not null references territory(code),
  created_at    timestamptz not null default now(),
  resolved_at   timestamptz,
  unique (line_id, exited_line_id)
);

-- ── Cases ──────────────────────────────────────────────────────────────────────────────────────────
create table case_file (
  id            bigserial primary key,
  enterprise_id bigint not null references enterprise(id),
  dimension     text not null references dimension(code),
  territory_code text not null references territory(code),
  department_code text not null references department(code),
  state         text not null,
  closed        boolean not null default false,
  outcome       text,
  finding       jsonb not null,
  snapshot      jsonb not null,              -- the domain fold of the acts (server/domain/lifecycle)
  opened_on     date not null,
  due_on        date,                        -- current deadline, if any
  due_basis_id  text,
  version       int not null default 1,
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now()
);
create index case_file_scope on case_file(territory_code, dimension, state);
create index case_file_due on case_file(due_on) where not closed and due_on is not null;
create index case_file_ent on case_file(enterprise_id);
create index case_file_dim_state on case_file(dimension, state);

create table case_line (
  case_id       bigint not null references case_file(id),
  line_id       bigint not null references production_line(id),
  primary key (case_id, line_id)
);
create index case_line_line on case_line(line_id);

create table case_act (
  id            bigserial primary key,
  case_id       bigint not null references case_file(id),
  seq           int not null,
  kind          text not null,
  act_date      date not null,
  actor_id      bigint references app_user(id),
  role          text not null,
  payload       jsonb not null default '{}',
  basis_id      text,
  params        jsonb not null default '[]',  -- parameter values used, with their basis ids
  from_state    text not null,
  to_state      text not null,
  due_on        date,                          -- deadline set by this act, if any
  due_detail    jsonb,                         -- its computation steps and warnings
  request_id    text,
  created_at    timestamptz not null default now(),
  unique (case_id, seq)
);

create table evidence_file (
  sha256        text primary key,
  size_bytes    bigint not null,
  mime_type     text not null,
  original_name text not null,
  uploaded_by   bigint references app_user(id),
  created_at    timestamptz not null default now()
);

create table act_evidence (
  act_id        bigint not null references case_act(id),
  sha256        text not null references evidence_file(sha256),
  primary key (act_id, sha256)
);

-- Deadline events the sweep recorded; the unique key makes the sweep idempotent.
create table deadline_event (
  id            bigserial primary key,
  case_id       bigint not null references case_file(id),
  due_on        date not null,
  kind          text not null check (kind in ('due30', 'due7', 'due1', 'passed')),
  recorded_at   timestamptz not null default now(),
  as_of         date not null,
  unique (case_id, due_on, kind)
);

create table notification (
  id            bigserial primary key,
  unit_kind     text not null check (unit_kind in ('territory', 'department', 'office')),
  unit_code     text not null,
  case_id       bigint references case_file(id),
  kind          text not null,
  title         text not null,
  title_en      text not null,
  created_at    timestamptz not null default now(),
  read_at       timestamptz
);
create index notification_unit on notification(unit_kind, unit_code, id desc);

-- Roll-ups kept current in the same transaction as each act (dashboard speed, issue 6).
create table rollup_case (
  territory_code text not null,
  dimension     text not null,
  state         text not null,
  n             bigint not null default 0,
  primary key (territory_code, dimension, state)
);

create table rollup_line (
  territory_code text not null,
  industry_code text not null,
  state         text not null,
  capacity_unit text not null,
  n             bigint not null default 0,
  capacity      numeric(20, 4) not null default 0,
  primary key (territory_code, industry_code, state, capacity_unit)
);

-- ── Audit trail: append-only, hash-chained per stream ──────────────────────────────────────────────
create table audit_stream (
  stream        int primary key,
  head_seq      bigint not null default 0,
  head_hash     text not null
);

create table audit_log (
  id            bigserial primary key,
  stream        int not null,
  seq           bigint not null,
  at            timestamptz not null,
  actor_id      bigint,
  actor_name    text,
  role          text,
  territory_code text,
  department_code text,
  act           text not null,
  entity_type   text,
  entity_id     text,
  basis_id      text,
  before        jsonb,
  after         jsonb,
  request_id    text,
  ip            text,
  prev_hash     text not null,
  hash          text not null,
  unique (stream, seq)
);
create index audit_log_entity on audit_log(entity_type, entity_id);
create index audit_log_actor on audit_log(actor_id, id);
create index audit_log_at on audit_log(at);

create table audit_checkpoint (
  id            bigserial primary key,
  at            timestamptz not null default now(),
  heads         jsonb not null,              -- [{stream, seq, hash}]
  prev_hash     text not null,
  hash          text not null
);

create function audit_refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'audit records are append-only (% refused)', tg_op using errcode = 'insufficient_privilege';
end $$;

create trigger audit_log_append_only before update or delete on audit_log
  for each row execute function audit_refuse_change();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function audit_refuse_change();
create trigger audit_checkpoint_append_only before update or delete on audit_checkpoint
  for each row execute function audit_refuse_change();
