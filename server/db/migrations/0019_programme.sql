-- The programme (§3.1, §3.3; issue 13): county problem lists closed out one by one (问题清单 / 销号), exit plans
-- filed with the leading-group office (退出计划 / 备案), and the office's supervision of slow territories
-- (通报 / 约谈) with the dated criteria it sets.

-- ── Problem lists (§3.1) ────────────────────────────────────────────────────────────────────────────
create table problem_item (
  id                 bigserial primary key,
  territory_code     text not null references territory(code),
  source             text not null check (source in ('inspection', 'central_inspection', 'provincial_inspection', 'audit', 'tip', 'other')),
  source_ref         text,                               -- the inspection / 督察 / audit / tip reference
  found_on           date not null,
  description        text not null,
  level              text not null check (level in ('general', 'serious', 'major')),
  enterprise_id      bigint references enterprise(id),   -- optional: some problems concern a territory's work
  line_ids           bigint[] not null default '{}',
  case_id            bigint references case_file(id),
  responsible_unit   text not null,
  responsible_person text,
  measure            text,
  due_on             date not null,
  -- open → closing (close-out asked, with evidence) → closed (the office signed off); closed → open (reopened)
  state              text not null default 'open' check (state in ('open', 'closing', 'closed')),
  closed_on          date,
  version            int not null default 1,
  created_at         timestamptz not null default now(),
  updated_at         timestamptz not null default now()
);
create index problem_item_scope on problem_item (territory_code, state, due_on);
create index problem_item_enterprise on problem_item (enterprise_id) where enterprise_id is not null;

create table problem_event (
  id          bigserial primary key,
  problem_id  bigint not null references problem_item(id),
  kind        text not null check (kind in ('create', 'update', 'requestClose', 'signOff', 'rejectClose', 'reopen')),
  on_date     date not null,
  from_state  text,
  to_state    text not null,
  note        text,
  evidence    text[] not null default '{}',             -- sha256 of evidence_file rows
  actor_id    bigint references app_user(id),
  at          timestamptz not null default now()
);
create index problem_event_item on problem_event (problem_id, id);

-- ── Exit plans (§3.1 备案) ──────────────────────────────────────────────────────────────────────────
create table exit_plan (
  id              bigserial primary key,
  territory_code  text not null references territory(code),
  year            int not null check (year between 2000 and 2100),
  plan_version    int not null default 1,               -- a filed plan changes only by a new version
  previous_id     bigint references exit_plan(id),
  change_reason   text,
  -- draft → submitted → filed | returned; returned → submitted; filed → superseded (when its next version is filed)
  state           text not null default 'draft' check (state in ('draft', 'submitted', 'returned', 'filed', 'superseded')),
  submitted_on    date,
  filing_no       text,                                  -- 备案号
  filed_on        date,
  return_comments text,
  returned_on     date,
  version         int not null default 1,               -- optimistic concurrency of the record
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now(),
  unique (territory_code, year, plan_version)
);
-- one version in work (draft / submitted / returned) per territory and year
create unique index exit_plan_one_open on exit_plan (territory_code, year) where state in ('draft', 'submitted', 'returned');
create index exit_plan_state on exit_plan (state, year);

create table exit_plan_item (
  id             bigserial primary key,
  plan_id        bigint not null references exit_plan(id),
  enterprise_id  bigint not null references enterprise(id),
  line_id        bigint references production_line(id),  -- null: every line of the enterprise
  capacity       numeric(16, 4) not null check (capacity >= 0),
  capacity_unit  text not null,
  method         text not null check (method in ('technology', 'energy', 'environment', 'quality', 'safety', 'voluntary')),
  target_on      date not null,
  workers        int not null default 0 check (workers >= 0),  -- workers to resettle
  note           text
);
create index exit_plan_item_plan on exit_plan_item (plan_id, id);

-- ── Supervision (§3.3) ──────────────────────────────────────────────────────────────────────────────
-- the office's criteria for "slow or ineffective", as dated versions (the plan names no numbers: a local choice)
create table supervision_criteria (
  id          bigserial primary key,
  valid_from  date not null unique,
  thresholds  jsonb not null,
  basis_id    text not null,
  note        text,
  created_by  bigint references app_user(id),
  created_at  timestamptz not null default now()
);
insert into supervision_criteria (valid_from, thresholds, basis_id, note) values (
  '2020-01-01',
  '{"planCompletionBelow": 0.8, "latePlanItemsAtLeast": 1, "overdueCasesAtLeast": 5, "overdueProblemsAtLeast": 3, "daysSinceProgressAtLeast": 60, "oldOpenItemDays": 90, "oldOpenItemsAtLeast": 1, "atRiskDays": 30}',
  'phaseout-local-default',
  '本市选择（方案§3.3未规定数值），由领导小组办公室设定 / the city''s choice: §3.3 names no numbers; set by the office'
);

-- 通报 (circulated criticism) and 约谈 (summons talk), with the indicator values frozen when recorded
create table supervision_action (
  id              bigserial primary key,
  kind            text not null check (kind in ('criticism', 'summons')),
  territory_code  text not null references territory(code),
  reason          text not null,
  indicators      jsonb not null,
  criteria        jsonb not null,
  held_on         date not null,
  place           text,
  attendees       text,
  summary         text,
  commitments     jsonb not null default '[]',
  follow_ups      jsonb not null default '[]',
  doc_no          text unique,                           -- 发文字号 of the 通报 / 约谈通知 (the document service's number)
  document_id     bigint references document(id),        -- the issued document (server/modules/documents)
  created_by      bigint references app_user(id),
  created_at      timestamptz not null default now(),
  version         int not null default 1
);
create index supervision_action_territory on supervision_action (territory_code, id);

-- "days since the last progress" reads the newest case change per territory through this index
create index case_file_territory_updated on case_file (territory_code, updated_at);
