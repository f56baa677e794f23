-- Pending registrations (issue 19, item 5): a territory account registering a credit code that is already registered
-- in a territory it cannot see is not told so (that answer was an oracle: "this enterprise exists elsewhere"). The
-- registration is kept here for the city office, which merges it into the registered enterprise, transfers that
-- enterprise to the registering territory, or rejects it as a duplicate. The registering territory sees only its
-- own registration and its state; the enterprise found elsewhere is shown to the office only. With
-- PHASEOUT_REGISTRATION_REVIEW=all every territory-account registration waits here (existing_enterprise_id null for a
-- free code, which the office registers or rejects).
create table pending_registration (
  id                     bigserial primary key,
  credit_code            text not null,
  name                   text not null,
  territory_code         text not null references territory(code),
  industry_code          text not null,
  address                text,
  legal_representative   text,
  contact_name           text,
  contact_phone          text,
  state                  text not null default 'pending' check (state in ('pending', 'registered', 'merged', 'transferred', 'rejected')),
  -- the registered enterprise with the same code at submission (office eyes only)
  existing_enterprise_id bigint references enterprise(id),
  submitted_by           bigint references app_user(id),
  submitted_at           timestamptz not null,
  resolved_by            bigint references app_user(id),
  resolved_at            timestamptz,
  -- the office's note to the registering territory (required for a rejection)
  resolution_note        text,
  version                integer not null default 1
);
create index pending_registration_state on pending_registration (state, submitted_at desc);
create index pending_registration_territory on pending_registration (territory_code, submitted_at desc);
