-- Credit-code changes through the office (issue 19, item 5, gap B): a territory account changing its enterprise's
-- credit code to one registered in a territory it cannot see used to hear 409 DUPLICATE_CREDIT_CODE (an oracle). The
-- change is now kept here as a registration of kind 'codeChange' (enterprise_id: the registering territory's own
-- enterprise; previous_credit_code: its code before) and the office applies it ('registered') or rejects it. A free
-- code is applied at once and its record says so (state 'registered', resolved_by null), as a free code's creation is
-- (gap A): the county's answer is the same either way.
alter table pending_registration
  add column kind text not null default 'registration' check (kind in ('registration', 'codeChange')),
  add column enterprise_id bigint references enterprise(id),
  add column previous_credit_code text;
create index pending_registration_enterprise on pending_registration (enterprise_id) where enterprise_id is not null;
