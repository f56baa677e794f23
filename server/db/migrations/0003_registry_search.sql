-- Registry search, part 2 (kept apart from 0002_registry.sql, which was already applied in places).

-- Name search for short Chinese terms. pg_trgm needs 3 characters inside `%…%` to use enterprise_name_trgm, and a
-- 2-character term (the common case in Chinese: 宏达, 华诚) would scan the table. The lower-cased character bigrams
-- of the name, in a GIN expression index, find them: `registry_bigrams(name) @> registry_bigrams(q)` narrows to
-- the candidates and `name ilike '%q%'` confirms (enterprises.repository.ts).
create function registry_bigrams(s text) returns text[] language sql immutable strict parallel safe as $$
  select coalesce(array_agg(distinct substr(lower(s), i, 2)), '{}') from generate_series(1, char_length(s) - 1) as i
$$;
create index enterprise_name_bigram on enterprise using gin (registry_bigrams(name));
