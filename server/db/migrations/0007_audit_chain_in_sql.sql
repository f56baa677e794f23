-- The audit append is now part of the writer's statement (server/platform/audit/audit.ts auditCtes): the head row of
-- the stream is updated in place (sequence + 1, hash computed by sha256() under the row lock) and keeps the hash it
-- moved from, which the new record stores as its prev_hash.
alter table audit_stream add column prev_hash text;

-- phaseout_guard(ok): true, or an error that aborts the whole statement. A case act without line moves is one
-- statement outside an explicit transaction (server/modules/cases/commands/apply-case-act.ts): it updates the case
-- only at the version it read and ends with phaseout_guard(that happened), so that a lost race writes nothing; the
-- command then decides the act again. SQLSTATE 40001 (serialization_failure) is the conventional "try again".
create function phaseout_guard(ok boolean) returns boolean
  language plpgsql volatile
  as $$
begin
  if ok is not true then
    raise exception 'phaseout: the record changed meanwhile, try again' using errcode = '40001';
  end if;
  return true;
end
$$;
