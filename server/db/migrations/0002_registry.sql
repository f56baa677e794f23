-- Registry (enterprises, production lines, capacity): indexes for search, sorting, scoped lists, the
-- no-relocation/no-restart check and the alert list. No new columns: the tables are in 0001_foundation.sql.

-- credit-code prefix search (`credit_code like 'X%'` needs a pattern-ops index under a non-C collation)
create index enterprise_credit_code_prefix on enterprise (credit_code text_pattern_ops);
-- sorted pages with a stable tie-break by id
create index enterprise_name_sort on enterprise (name, id);
create index enterprise_created on enterprise (created_at, id);
create index enterprise_territory_industry on enterprise (territory_code, industry_code, id);

-- line lists and filters
create index production_line_ent_id on production_line (enterprise_id, id);
create index production_line_kind on production_line (kind, id);
create index production_line_catalogue on production_line (catalogue_class, enterprise_id) where catalogue_class <> 'none';

-- no relocation, no restart: only exited or dismantled lines are ever looked up, so the indexes stay small
create index production_line_gone_marks on production_line (lower(btrim(marks)))
  where state in ('exited', 'dismantled') and marks is not null;
create index production_line_gone_model on production_line (lower(btrim(model)), capacity, capacity_unit)
  where state in ('exited', 'dismantled') and model is not null;

create index registry_alert_territory on registry_alert (territory_code, id);
create index registry_alert_exited on registry_alert (exited_line_id);
create index capacity_exit_territory on capacity_exit (territory_code, year);
