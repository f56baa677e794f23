-- Worker resettlement (职工安置, plan §2.6): one record per exiting enterprise — workers affected, resettled by
-- channel, funds, the resettlement plan and the social-stability risk assessment (社会稳定风险评估) with its result.
-- The acceptance certificate and the year-end summary read these figures (server/modules/resettlement/resettlement.read.ts).
create table resettlement (
  enterprise_id      bigint primary key references enterprise(id),
  workers_affected   int not null check (workers_affected between 0 and 1000000),
  transferred        int not null default 0 check (transferred >= 0),       -- 集团内转岗
  reemployed         int not null default 0 check (reemployed >= 0),        -- 再就业
  retired            int not null default 0 check (retired >= 0),           -- 退休、内退
  other              int not null default 0 check (other >= 0),             -- 其他方式
  funds_planned      numeric(14, 2) not null default 0 check (funds_planned >= 0),  -- 安置资金（万元）
  funds_paid         numeric(14, 2) not null default 0 check (funds_paid >= 0),
  plan_filed_on      date,                                                   -- 职工安置方案 filed
  risk_assessed      boolean not null default false,                         -- 社会稳定风险评估 done
  risk_level         text check (risk_level in ('low', 'medium', 'high')),
  risk_assessed_on   date,
  risk_plan          boolean not null default false,                         -- 风险处置预案 prepared
  note               text,
  version            int not null default 1,
  created_at         timestamptz not null default now(),
  updated_at         timestamptz not null default now(),
  updated_by         bigint references app_user(id),
  check (transferred + reemployed + retired + other <= workers_affected),
  check (not risk_assessed or (risk_level is not null and risk_assessed_on is not null)),
  check (risk_assessed or (risk_level is null and risk_assessed_on is null))
);
create index resettlement_updated on resettlement (updated_at, enterprise_id);
