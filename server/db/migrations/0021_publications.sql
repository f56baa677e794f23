-- Public disclosure (plan §3.3, §2.5; issue 14): every publication of a list is an immutable, numbered version,
-- content-hashed and chained to the previous version of the same series. A correction or a withdrawal is a new
-- version saying what changed and why; nothing is ever edited. `phaseout publications verify` re-computes the chain.
create table publication_version (
  id             bigserial primary key,
  -- the series: one list of one territory (and, for the annual exit list, one year), e.g. 'yellow/340202'
  series         text not null,
  list_kind      text not null check (list_kind in ('yellow', 'red', 'overEmission', 'annualExit')),
  territory_code text not null references territory(code),
  year           integer,
  version_no     integer not null check (version_no >= 1),
  action         text not null check (action in ('publish', 'correct', 'withdraw')),
  -- the public number of the version, e.g. 镜湖区黄牌名单〔2020〕第1版
  number         text not null,
  posted_on      date not null,
  published_at   timestamptz not null,
  unit_kind      text not null check (unit_kind in ('territory', 'department')),
  unit_code      text not null,
  published_by   bigint references app_user(id),
  -- what changed and why (corrections and withdrawals)
  reason         text,
  -- the public content: {entries: [...], diff: {added, removed, changed}}
  body           jsonb not null,
  -- internal: proposed entries the unit excluded, with the recorded reason (never public)
  excluded       jsonb not null default '[]',
  prev_hash      text not null,
  content_hash   text not null,
  unique (series, version_no)
);
create index publication_version_kind on publication_version (list_kind, posted_on desc);
create index publication_version_series on publication_version (series, version_no desc);

create function publication_refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'published versions are immutable (% refused)', tg_op using errcode = 'insufficient_privilege';
end $$;

create trigger publication_version_immutable before update or delete on publication_version
  for each row execute function publication_refuse_change();
create trigger publication_version_no_truncate before truncate on publication_version
  for each statement execute function publication_refuse_change();
