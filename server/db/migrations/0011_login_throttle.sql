-- Issue #19, items 2 and 3: sign-in attempts are counted atomically per source address, per account and per
-- address+account (one INSERT … ON CONFLICT DO UPDATE … RETURNING per attempt, before the password is checked), with
-- back-off; and the addresses an account signed in from, so that its real user is not locked out by someone else.
-- Keys are the typed user name (known or not: unknown names are counted alike, so answers do not tell them apart).
create table login_throttle (
  key           text primary key,               -- 'a:<user name>', 'i:<address>', 'ia:<address>|<user name>'
  failures      int not null,                   -- attempts not followed by a success, since last_at - window
  last_at       timestamptz not null,
  blocked_until timestamptz,
  refused       boolean not null default false, -- the last attempt was refused (set by the counting statement)
  lim           int not null,                   -- the key's limit and first block in seconds (config, copied here
  base_seconds  int not null                    -- so that the counting statement is one upsert)
);
create index login_throttle_last_at on login_throttle (last_at);

create table login_source (
  user_id         bigint not null references app_user(id),
  ip              text not null,
  last_success_at timestamptz not null,
  primary key (user_id, ip)
);
