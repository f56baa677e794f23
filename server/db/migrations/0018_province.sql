-- A province rolls its cities up (issue 12): the city's report signing key (Ed25519, generated on first use, never
-- leaves the database but as its public key), the keys the province registered for its cities, and the city reports
-- it imported from signed packages.
create table report_signing_key (
  id            boolean primary key default true check (id),
  public_key    text not null,               -- PEM (SPKI)
  private_key   text not null,               -- PEM (PKCS#8)
  created_at    timestamptz not null default now()
);

create table province_city_key (
  city_code     text primary key,
  city_name     text not null,
  public_key    text not null,               -- PEM (SPKI) the province registered for the city
  registered_at timestamptz not null default now()
);

create table province_city_report (
  id            bigserial primary key,
  city_code     text not null references province_city_key(city_code),
  year          int not null,
  version       int not null,
  package_sha256 text not null,
  manifest      jsonb not null,
  body          jsonb not null,
  imported_at   timestamptz not null default now(),
  unique (city_code, year, version)
);
