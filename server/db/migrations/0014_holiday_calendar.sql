-- Issue 10 item 9: the holiday calendar (法定休假日 / 调休上班日) kept as data. One row per version of a year; the
-- version in force is the highest. A correction is a new version with its reason, never a rewrite: deadlines record
-- the version they were computed on (case_act.due_detail -> 'calendar'), so a correction lists those to review.
create table holiday_calendar (
  id          bigserial primary key,
  year        int not null check (year between 1949 and 2200),
  version     int not null check (version >= 1),
  rest_days   text[] not null,
  work_days   text[] not null,
  notice_no   text not null check (btrim(notice_no) <> ''),
  notice_date date,
  notice_url  text not null,
  source      text not null,
  reason      text,
  loaded_at   timestamptz not null default now(),
  loaded_by   bigint references app_user(id),
  unique (year, version),
  check (version = 1 or (reason is not null and btrim(reason) <> ''))
);

-- deadlines computed on a calendar year, to list them when the year is corrected
create index case_act_due_calendar on case_act using gin ((due_detail -> 'calendar') jsonb_path_ops) where due_detail is not null;
