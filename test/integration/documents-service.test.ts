/**
 * The document service core (issue 11): 发文字号 per unit × kind × year, issued inside the caller's transaction —
 * never reused, never skipped when the transaction fails; versions kept; a voided document keeps its number.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { issueDocument, renderIssuedDocument, reviseDocument, voidDocument } from '../../server/modules/documents/documents.service.ts';
import { docxParagraphs } from '../../server/modules/documents/docx-read.ts';
import { sampleContent } from '../../server/modules/documents/test-fixtures.ts';
import { SYSTEM_ACTOR } from '../../server/platform/auth/actor.ts';
import { verifyAudit } from '../../server/platform/audit/audit.ts';
import '../../server/modules/documents/templates/index.ts';

let t: TestApp;
const meta = () => ({ actor: SYSTEM_ACTOR, now: t.clock.now });
const input = (date = '2026-03-05', unit = 'territory:340202') => ({
  kind: 'rectification-notice',
  issuingUnit: unit,
  date,
  subject: { territoryCode: '340202', dimension: 'energy' },
  content: sampleContent,
  basisId: 'plan-2020-§2.1',
});

beforeAll(async () => {
  t = await createTestApp({ now: '2026-03-05T02:00:00Z' });
});
afterAll(async () => t?.close());

describe('document service: 发文字号 (GB/T 9704-2012 7.2.4) and evidence', () => {
  it('numbers run per unit × kind × year, from 1, and a failed transaction gives its number back (no gap)', async () => {
    const a = await t.db.transaction().execute((trx) => issueDocument(trx, input(), meta()));
    expect(a.number).toBe('镜政淘汰〔2026〕1号');
    await expect(
      t.db.transaction().execute(async (trx) => {
        await issueDocument(trx, input(), meta());
        throw new Error('the act failed after the number was taken');
      }),
    ).rejects.toThrow(/act failed/);
    const b = await t.db.transaction().execute((trx) => issueDocument(trx, input(), meta()));
    expect(b.number).toBe('镜政淘汰〔2026〕2号');
    const otherUnit = await t.db.transaction().execute((trx) => issueDocument(trx, input('2026-03-05', 'department:eit'), meta()));
    expect(otherUnit.number).toBe('芜经信淘汰〔2026〕1号');
    const nextYear = await t.db.transaction().execute((trx) => issueDocument(trx, input('2027-01-04'), meta()));
    expect(nextYear.number).toBe('镜政淘汰〔2027〕1号');
  });

  it('concurrent issuers of one sequence get distinct consecutive numbers', async () => {
    const got = await Promise.all(Array.from({ length: 6 }, () => t.db.transaction().execute((trx) => issueDocument(trx, input('2028-02-01'), meta()))));
    expect(got.map((g) => g.number).sort()).toEqual([1, 2, 3, 4, 5, 6].map((n) => `镜政淘汰〔2028〕${n}号`).sort());
  });

  it('an unknown unit or kind is refused before a number is taken', async () => {
    await expect(t.db.transaction().execute((trx) => issueDocument(trx, input('2026-03-05', 'territory:999999'), meta()))).rejects.toMatchObject({
      code: 'DOCUMENT_UNIT_UNKNOWN',
    });
    await expect(t.db.transaction().execute((trx) => issueDocument(trx, { ...input(), kind: 'no-such-kind' }, meta()))).rejects.toMatchObject({
      code: 'DOCUMENT_KIND_UNKNOWN',
    });
    const n = await t.db.selectFrom('document_counter').select('last_seq').where('unit_code', '=', 'territory:999999').execute();
    expect(n).toEqual([]);
  });

  it('a revision adds a version with the same number; voiding keeps the number and says so; the audit chain holds', async () => {
    const d = await t.db.transaction().execute((trx) => issueDocument(trx, input('2029-05-06'), meta()));
    const v1 = await renderIssuedDocument(t.db, d.id, meta());
    expect(v1).toMatchObject({ number: d.number, version: 1 });
    // rendering again (a racing reader) finds it and writes nothing
    expect(await renderIssuedDocument(t.db, d.id, meta())).toEqual(v1);
    const corrected = { ...sampleContent, enterprise: { ...sampleContent.enterprise, name: '芜湖示例钢铁股份有限公司' } };
    const v2 = await t.db.transaction().execute((trx) => reviseDocument(trx, d.id, { content: corrected, reason: '企业名称更正' }, meta()));
    expect(v2).toMatchObject({ number: d.number, version: 2 });
    const v3 = await t.db.transaction().execute((trx) => voidDocument(trx, d.id, '送达对象有误', meta()));
    expect(v3).toMatchObject({ number: d.number, version: 3 });
    const versions = await t.db
      .selectFrom('document_version')
      .select(['version', 'sha256', 'docx'])
      .where('document_id', '=', d.id)
      .orderBy('version')
      .execute();
    expect(versions.map((v) => v.version)).toEqual([1, 2, 3]);
    expect(new Set(versions.map((v) => v.sha256)).size).toBe(3);
    expect(docxParagraphs(versions[0]!.docx).join('\n')).toContain('芜湖示例钢铁有限公司');
    expect(docxParagraphs(versions[1]!.docx).join('\n')).toContain('芜湖示例钢铁股份有限公司');
    expect(docxParagraphs(versions[2]!.docx).join('\n')).toContain('此件已作废：送达对象有误');
    await expect(t.db.transaction().execute((trx) => reviseDocument(trx, d.id, { reason: 'x' }, meta()))).rejects.toMatchObject({ code: 'DOCUMENT_VOIDED' });
    const doc = await t.db.selectFrom('document').select(['status', 'number']).where('id', '=', d.id).executeTakeFirstOrThrow();
    expect(doc).toEqual({ status: 'voided', number: d.number });
    const audit = await t.db
      .selectFrom('audit_log')
      .select('act')
      .where('entity_type', '=', 'document')
      .where('entity_id', '=', String(d.id))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.act)).toEqual(['document.issue', 'document.render', 'document.revise', 'document.void']);
    expect((await verifyAudit(t.db)).ok).toBe(true);
  });
});
