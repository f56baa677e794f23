import { describe, expect, it } from 'vitest';
import { MAX_PARAMS, MAX_TEXT, statementName } from './prepared.ts';

describe('statementName: which statements are prepared', () => {
  it('names data statements, the same text always with the same name', () => {
    const a = statementName('select id from enterprise where id = $1', 1);
    expect(a).toMatch(/^po_/);
    expect(statementName('select id from enterprise where id = $1', 1)).toBe(a);
    expect(statementName('  with x as (select 1) select * from x', 0)).toMatch(/^po_/);
    for (const verb of ['insert into t values ($1)', 'update t set a = $1', 'delete from t where a = $1', '(select 1) union (select 2)'])
      expect(statementName(verb, 1)).toMatch(/^po_/);
    expect(statementName('select 2', 0)).not.toBe(a);
  });

  it('leaves transaction control, DDL, SET and oversized statements unnamed', () => {
    for (const t of [
      'begin',
      'commit',
      'rollback',
      'savepoint s1',
      'create table x (a int)',
      'alter table x add b int',
      'set local statement_timeout = 1000',
      'copy x from stdin',
      'lock table x',
    ]) {
      expect(statementName(t, 0)).toBeUndefined();
    }
    expect(statementName(`select ${'1,'.repeat(MAX_TEXT)}1`, 0)).toBeUndefined();
    expect(statementName('select $1', MAX_PARAMS + 1)).toBeUndefined();
  });

  it('plans value-sensitive statements (pattern and containment predicates) on every call', () => {
    expect(statementName('select id from enterprise e where e.name ilike $1', 1)).toBeUndefined();
    expect(statementName('select id from enterprise e where e.credit_code like $1', 1)).toBeUndefined();
    expect(statementName('select id from enterprise e where registry_bigrams(e.name) @> registry_bigrams($1)', 1)).toBeUndefined();
    expect(statementName('select id from enterprise e where e.name = $1', 1)).toMatch(/^po_/);
  });
});
