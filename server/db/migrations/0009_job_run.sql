-- A record of each run of a background job (server/jobs/): who ran it, when it started and finished, the outcome,
-- how many attempts, the error text of the last failed attempt and a short summary. Read by the office (GET /api/v1/jobs/runs).
create table job_run (
  id bigserial primary key,
  job text not null,
  trigger text not null check (trigger in ('schedule', 'cli', 'test')),
  instance text not null,
  started_at timestamptz not null,
  finished_at timestamptz,
  outcome text check (outcome in ('ok', 'failed', 'skipped')),
  attempts int not null default 1 check (attempts >= 1),
  error text,
  summary jsonb
);
create index job_run_job_started on job_run (job, started_at desc, id desc);
create index job_run_started on job_run (started_at desc, id desc);
