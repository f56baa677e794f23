-- Year-end reminders (issue 12, plan §3.4): from 1 December the units that still owe a part of the year's work (a
-- county's or lead department's summary, the office's report) are notified on each reminder date (the dated
-- parameter report.reminderDates, a local choice). One row per (year, unit, part, reminder date): a job that runs
-- again, or on another instance, inserts nothing and so notifies nobody twice.
create table yearend_reminder (
  year        int not null,
  unit_kind   text not null check (unit_kind in ('territory', 'department', 'office')),
  unit_code   text not null,
  part        text not null check (part in ('summary', 'report')),
  remind_on   date not null,
  notification_id bigint references notification(id),
  sent_at     timestamptz not null default now(),
  primary key (year, unit_kind, unit_code, part, remind_on)
);
