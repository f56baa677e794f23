-- The overdue counts of the dashboard sum rollup_due over every day before today; at province scale that is over
-- 100,000 day rows. The sweep folds the days before yesterday into one row per (territory, dimension, slot) dated
-- the day before `before` (server/modules/overview/rollups.ts foldPastDue); a reader asking for a date before
-- `before` cannot use the folded rows and counts from case_file instead.
create table rollup_due_fold (
  id     boolean primary key default true check (id),
  before date not null
);
