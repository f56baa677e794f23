-- The person a case is assigned to (承办人, issue 17 item 2: bulk acts include "assign"). Nullable: a case is carried
-- by its territory and lead department whether or not a person is named. Who may assign whom is the cases module's
-- policy (server/modules/cases/assignee.policy.ts, docs/decisions/0014-case-assignee.md: a LOCAL CHOICE).
alter table case_file add column assignee_id bigint references app_user(id);
-- the case list's filter "assigned to me" / by person
create index case_file_assignee on case_file (assignee_id) where assignee_id is not null;

-- A notification addressed to one person within its unit (the new assignee of a case); null: the whole unit.
alter table notification add column user_id bigint references app_user(id);
