-- Issue #19, item 6: evidence is reachable only through scope. Files are stored once per content (SHA-256), but
-- every account that uploads a content is recorded, so that an act may cite a file its own unit uploaded (or one
-- already linked to that case) and nothing else: knowing a hash is not access.
create table evidence_upload (
  sha256      text not null references evidence_file(sha256),
  user_id     bigint not null references app_user(id),
  uploaded_at timestamptz not null,
  primary key (sha256, user_id)
);
create index evidence_upload_user on evidence_upload (user_id);
insert into evidence_upload (sha256, user_id, uploaded_at)
  select sha256, uploaded_by, created_at from evidence_file where uploaded_by is not null;
