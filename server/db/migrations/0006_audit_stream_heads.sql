-- Create the heads of the audit streams up front (64 streams, server/platform/audit/audit.ts AUDIT_STREAMS), so
-- that appending locks an existing row with SELECT … FOR UPDATE instead of an upsert that writes a new row version
-- on every record. A stream beyond these is still created on first use.
insert into audit_stream (stream, head_seq, head_hash)
  select s, 0, repeat('0', 64) from generate_series(0, 63) as s
  on conflict (stream) do nothing;
