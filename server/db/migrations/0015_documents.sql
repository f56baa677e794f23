-- Official documents (issue 11): numbered documents in the GB/T 9704-2012 layout, their rendered versions kept as
-- evidence, and their service (送达) records. See server/modules/documents/documents.service.ts.

-- 发文字号 sequences: one row per issuing unit × document kind × year. The row is bumped inside the transaction that
-- records the act, so a number is never reused and never skipped (a rollback gives it back; the row lock makes
-- concurrent issuers of one sequence wait for each other).
create table document_counter (
  unit_code     text not null,
  kind          text not null,
  year          int not null check (year between 2000 and 2100),
  last_seq      int not null check (last_seq > 0),
  primary key (unit_code, kind, year)
);

create table document (
  id            bigserial primary key,
  kind          text not null,
  unit_code     text not null,
  unit_name     text not null,
  year          int not null,
  seq           int not null check (seq > 0),
  number        text not null unique,          -- 发文字号, e.g. 芜经信淘汰〔2026〕12号
  title         text not null,
  doc_date      date not null,                 -- 成文日期
  basis_id      text,
  case_id       bigint references case_file(id),
  act_id        bigint references case_act(id),
  entity_type   text,                          -- the subject for documents outside cases (problem lists, reports …)
  entity_id     text,
  territory_code text,                         -- scope of the subject (null: city-wide)
  dimension     text,
  status        text not null default 'issued' check (status in ('issued', 'voided')),
  void_reason   text,
  voided_at     timestamptz,
  voided_by     bigint references app_user(id),
  issued_by     bigint references app_user(id),
  created_at    timestamptz not null default now(),
  unique (unit_code, kind, year, seq)
);
create index document_case on document(case_id, id) where case_id is not null;
create index document_act on document(act_id) where act_id is not null;
create index document_entity on document(entity_type, entity_id) where entity_type is not null;

-- Each rendering of a document (regenerating after a correction adds a version and keeps the old): the .docx bytes,
-- their hash, the content it was filled from, who and when.
create table document_version (
  document_id   bigint not null references document(id),
  version       int not null check (version > 0),
  sha256        text not null,
  size_bytes    int not null,
  content       jsonb not null,
  docx          bytea not null,
  reason        text,
  created_by    bigint references app_user(id),
  created_at    timestamptz not null default now(),
  primary key (document_id, version)
);

-- PDF renderings (LibreOffice) cached by the hash of the .docx they were made from.
create table document_pdf (
  docx_sha256   text primary key,
  sha256        text not null,
  pdf           bytea not null,
  created_at    timestamptz not null default now()
);

-- 送达: how, when and by whom a document was served, with the receipt as evidence.
create table document_service (
  id            bigserial primary key,
  document_id   bigint not null references document(id),
  method        text not null check (method in ('direct', 'post', 'electronic', 'announcement')),
  served_on     date not null,
  recipient     text not null,
  tracking_no   text,
  receipt_sha256 text references evidence_file(sha256),
  note          text,
  served_by     bigint references app_user(id),
  created_at    timestamptz not null default now(),
  check (method <> 'post' or tracking_no is not null)
);
create index document_service_doc on document_service(document_id, id);
