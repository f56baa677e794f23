/**
 * The law, kept faithful — round two (issue 10): the warning for a period counted under a basis not yet in force, the
 * CLI deadline reading the calendar from the database, the calendar year's .xlsx export, the unverified notice URLs
 * as data, and every parameter's basis containing its value. Real PostgreSQL, HTTP through the app.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, standardUsers, type TestApp } from '../support/test-app.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ now: '2026-11-29T02:00:00Z' });
  await standardUsers(t);
});
afterAll(async () => t?.close());

describe('a period counted under a basis not yet in force (issue 10 item 2; 行政处罚法 art. 85 from 2021-07-15)', () => {
  it('GET /calendar/deadline: 5 working days under art. 85 from 2020-03-02 answers with BASIS_NOT_IN_FORCE naming the basis and its date', async () => {
    const r = await t.anon.get('/api/v1/calendar/deadline?from=2020-03-02&workingDays=5&workingDaysBasis=admin-penalty-law-art-85');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().warnings).toEqual([
      expect.objectContaining({ code: 'BASIS_NOT_IN_FORCE', basisId: 'admin-penalty-law-art-85', effectiveFrom: '2021-07-15', from: '2020-03-02' }),
    ]);
    expect(r.json().warnings[0].zh).toContain('2021-07-15');
    // 行政强制法 art. 69 on the same day, and art. 85 once in force: no warning
    expect((await t.anon.get('/api/v1/calendar/deadline?from=2020-03-02&workingDays=5')).json().warnings).toEqual([]);
    expect((await t.anon.get('/api/v1/calendar/deadline?from=2021-07-15&workingDays=5&workingDaysBasis=admin-penalty-law-art-85')).json().warnings).toEqual([]);
  });
});
