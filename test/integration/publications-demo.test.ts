/** Demo mode (issue 14): the demo city's units have published their lists, so the public site is not empty. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { loadDemo } from '../../server/seeds/demo.ts';
import { verifyPublications } from '../../server/cli/commands/publications.ts';

let t: TestApp;
const now = new Date('2021-06-15T02:00:00Z');

beforeAll(async () => {
  t = await createTestApp({ now: now.toISOString() });
  expect(await loadDemo(t.db, now)).toBe(true);
});
afterAll(async () => t?.close());

it('the demo units publish their non-empty lists as of today; the chain verifies; the public site shows them', async () => {
  const rows = await t.db.selectFrom('publication_version').select(['series', 'unit_kind', 'unit_code', 'posted_on']).execute();
  expect(rows.length).toBeGreaterThan(3);
  expect(rows.every((r) => r.posted_on === '2021-06-15')).toBe(true);
  expect(rows.filter((r) => r.series.startsWith('overEmission/')).every((r) => r.unit_kind === 'department' && r.unit_code === 'eco')).toBe(true);
  expect((await verifyPublications(t)).ok).toBe(true);
  const yellow = (await t.anon.get('/public/api/lists/yellow')).json();
  expect(yellow.total).toBeGreaterThan(0);
  expect((await t.anon.get('/public')).body).not.toContain('尚未发布</p></li>\n<li><h2><a href="/public/lists/red"');
});
