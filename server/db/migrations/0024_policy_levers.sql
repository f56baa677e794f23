-- Policy levers of plan §2.6: the banks' differentiated-credit list, the power company's differentiated and punitive
-- electricity price lists, and the land freed by exits. (Worker resettlement: 0023_resettlement.sql.)

-- The credit list as the banks see it: one row per enterprise ever listed. Derived from cases and the enterprise's
-- status by one writer (server/modules/credit/sync.ts), which also appends each move to credit_change.
create table credit_listing (
  enterprise_id   bigint primary key references enterprise(id),
  listed          boolean not null,
  measure         text check (measure in ('rectification', 'restriction', 'suspension', 'elimination', 'closure', 'exit')),
  since           date,
  case_id         bigint,
  dimension       text,
  department_code text,
  basis_id        text,
  changed_at      timestamptz not null,        -- when the row last changed: the banks' `updatedSince`
  check (listed = (measure is not null))
);
create index credit_listing_listed on credit_listing (listed, enterprise_id);
create index credit_listing_changed on credit_listing (changed_at, enterprise_id);

create table credit_change (
  id              bigserial primary key,
  enterprise_id   bigint not null references enterprise(id),
  change          text not null check (change in ('added', 'changed', 'removed')),
  on_date         date not null,               -- the day it took effect (the act's date)
  at              timestamptz not null,        -- when the platform recorded it
  measure_before  text,
  measure_after   text
);
create index credit_change_on on credit_change (on_date, id);

-- What the writer last derived from: when nothing moved since, a read needs no refresh.
create table credit_sync (
  id              boolean primary key default true check (id),
  fingerprint     text not null,
  synced_at       timestamptz not null
);

-- The lists issued to the power company (one row per enterprise and tier, stable columns), so the next list can
-- say what changed since the last.
create table power_price_list (
  id              bigserial primary key,
  as_of           date not null,
  issued_at       timestamptz not null,
  issued_by       bigint references app_user(id),
  row_count       int not null,
  rows            jsonb not null
);

-- Land freed by exits (盘活土地资源, §2.6).
create table freed_land (
  id              bigserial primary key,
  enterprise_id   bigint not null references enterprise(id),
  area_m2         numeric(14, 2) not null check (area_m2 > 0),
  location        text not null,
  ownership       text not null check (ownership in ('state', 'collective')),
  certificate_no  text,
  planned_reuse   text not null check (planned_reuse in ('industrial', 'commercial', 'residential', 'public', 'ecological', 'other')),
  reuse_note      text,
  status          text not null check (status in ('idle', 'planning', 'transferring', 'reused')),
  version         int not null default 1,
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now(),
  updated_by      bigint references app_user(id)
);
create index freed_land_ent on freed_land (enterprise_id, id);
