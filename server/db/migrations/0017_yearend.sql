-- Year-end (plan §3.4): acceptance certificates (验收单) that alone let a shut line count as exited, the units'
-- summaries, the city's consolidated report with its versions, and the province's imported city packages.

-- One certificate per exit: the case whose lines exit (an enterprise, or the lines of it the case covers).
create table acceptance_certificate (
  id            bigserial primary key,
  case_id       bigint not null unique references case_file(id),
  enterprise_id bigint not null references enterprise(id),
  territory_code text not null references territory(code),
  dimension     text not null references dimension(code),
  status        text not null default 'draft' check (status in ('draft', 'returned', 'complete')),
  checks        jsonb not null default '{}',   -- {checkKey: {answer, evidenceIds, note}}
  workers       jsonb,                         -- {employees, resettled, source, evidenceIds}
  opinion       text,
  return_reason text,
  number        text unique,                   -- assigned when the last sign-off completes it
  year          int,                           -- year of the acceptance date
  accepted_on   date,
  act_id        bigint,                        -- the case's accept act
  created_by    bigint references app_user(id),
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now(),
  version       int not null default 1
);
create index acceptance_certificate_scope on acceptance_certificate (territory_code, dimension, status);
create index acceptance_certificate_year on acceptance_certificate (year, territory_code);

create table acceptance_signoff (
  certificate_id bigint not null references acceptance_certificate(id),
  unit          text not null check (unit in ('enterprise', 'territory', 'department')),
  signer_name   text not null,
  signed_on     date not null,
  signed_by     bigint references app_user(id),   -- the account that recorded it
  unit_code     text,                             -- territory or department code of the signing unit
  evidence_ids  text[] not null default '{}',
  at            timestamptz not null default now(),
  primary key (certificate_id, unit)
);

-- Certificate numbers per year (one row per year; the upsert's row lock serialises numbering).
create table acceptance_counter (
  year          int primary key,
  last_seq      int not null
);

-- Per programme year: the date the office set for the units' summaries.
create table yearend_year (
  year          int primary key,
  summaries_due date,
  updated_at    timestamptz not null default now()
);

create table yearend_summary (
  id            bigserial primary key,
  year          int not null,
  unit_kind     text not null check (unit_kind in ('territory', 'department')),
  unit_code     text not null,
  status        text not null default 'draft' check (status in ('draft', 'submitted', 'returned', 'accepted')),
  narrative     text not null default '',
  typed         jsonb not null default '[]',   -- figures typed by the unit: [{industryCode, capacityUnit, enterprises, lines, capacity}]
  generated     jsonb,                         -- figures from the ledger and cases, frozen at submission
  explanations  jsonb not null default '{}',   -- {differenceKey: {text, by, at}}
  attachments   text[] not null default '{}',
  comment       text,                          -- the office's comment when it returned the summary
  submitted_at  timestamptz,
  reviewed_at   timestamptz,
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now(),
  version       int not null default 1,
  unique (year, unit_kind, unit_code)
);

create table yearend_report (
  id            bigserial primary key,
  year          int not null,
  version       int not null,
  status        text not null default 'draft' check (status in ('draft', 'approved', 'reported', 'superseded')),
  body          jsonb not null,               -- figures, summaries included, reconciliation
  reason        text,                         -- why this version amends the previous one
  diff          jsonb,                        -- figures changed against the previous version
  created_by    bigint references app_user(id),
  created_at    timestamptz not null default now(),
  approved_by   bigint references app_user(id),
  approved_at   timestamptz,
  reported_on   date,
  receiving_authority text,
  unique (year, version)
);
create index capacity_exit_year_industry on capacity_exit (year, industry_code, line_id);
