-- Reminders of the programme (issue 13): a problem item or a filed plan's item nearing its due date notifies the
-- territory once per lead (the dated parameter notification.leadDays: 30, 7, 1 days); this table remembers which
-- were sent so a sweep that runs again (or on another instance) sends nothing twice.
create table programme_reminder (
  kind     text not null check (kind in ('problem', 'planItem')),
  ref_id   bigint not null,
  due_on   date not null,
  lead     int not null,
  sent_at  timestamptz not null default now(),
  primary key (kind, ref_id, due_on, lead)
);
