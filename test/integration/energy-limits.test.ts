/**
 * GET /law/energy-limits (issue 17 item 4): the energy-limit standards an energy finding picks from — standard →
 * edition → process with the limit and unit — public like the rest of the law as data; hostile query strings change
 * nothing and are not echoed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

type Answer = {
  items: Array<{
    standard: string;
    titleZh: string;
    editions: Array<{ edition: string; citation: string; citationZh: string; processes: Array<{ process: string; limit: string | null; unit: string }> }>;
  }>;
  total: number;
};

describe('energy-limit standards over HTTP (plan §2.1)', () => {
  it('§2.1: lists each standard with its editions, processes, limits and units, each edition cited', async () => {
    const r = await t.anon.get('/api/v1/law/energy-limits');
    expect(r.statusCode).toBe(200);
    const body = r.json() as Answer;
    expect(body.items.map((s) => s.standard)).toEqual(['GB 21256', 'GB 16780', 'GB 21340']);
    expect(body.total).toBe(3);
    const steel = body.items[0]!;
    const current = steel.editions.find((e) => e.edition === 'GB 21256-2025')!;
    expect(current.processes.find((p) => p.process === '高炉工序')).toEqual({ process: '高炉工序', processEn: 'Blast furnace', limit: '415', unit: 'kgce/t' });
    expect(current.citationZh).toContain('GB 21256-2025');
    // the 2020 edition's values are not encoded (facts-cn §5): the inspector enters the limit from the standard
    expect(steel.editions.find((e) => e.edition === 'GB 21256-2013')!.processes.every((p) => p.limit === null)).toBe(true);
  });

  it('attack: a hostile query string is ignored, not echoed, never a 5xx', async () => {
    const r = await t.anon.get('/api/v1/law/energy-limits?standard=%3Cscript%3Ealert(1)%3C%2Fscript%3E&limit=-1');
    expect(r.statusCode).toBeLessThan(500);
    expect(r.body).not.toContain('<script>');
  });
});
