-- Public tips (举报, issue 14): anonymous reports of hidden or restarted production, followed by a tracking code,
-- triaged by the responsible unit. Contact details and the hashed source address are never shown to the public.
create table tip (
  id               bigserial primary key,
  tracking_code    text not null unique,
  service_code     text not null,
  description      text not null,
  territory_code   text not null references territory(code),
  address          text,
  latitude         numeric(9, 6),
  longitude        numeric(9, 6),
  enterprise_name  text,
  contact          text,
  status           text not null default 'received'
                   check (status in ('received', 'caseOpened', 'reinspectionOrdered', 'merged', 'rejected')),
  unit_kind        text not null check (unit_kind in ('territory', 'department')),
  unit_code        text not null,
  -- what the tipster sees: the reason of a rejection, the note of a re-inspection
  public_note      text,
  merged_into      bigint references tip(id),
  case_id          bigint references case_file(id),
  -- sha256 of the client address with a server salt: the per-address rate limit, without storing the address
  source_hash      text not null,
  created_at       timestamptz not null,
  updated_at       timestamptz not null,
  version          integer not null default 1
);
create index tip_source on tip (source_hash, created_at desc);
create index tip_unit on tip (unit_kind, unit_code, created_at desc);

create table tip_attachment (
  tip_id      bigint not null references tip(id),
  n           integer not null,
  sha256      text not null,
  mime_type   text not null,
  size_bytes  integer not null,
  data        bytea not null,
  primary key (tip_id, n)
);

-- the salt of source_hash (one row, made at migration; never leaves the database and the server)
create table tip_salt (
  id    boolean primary key default true check (id),
  salt  text not null
);
insert into tip_salt (salt) values (md5(random()::text || clock_timestamp()::text) || md5(random()::text || clock_timestamp()::text));
