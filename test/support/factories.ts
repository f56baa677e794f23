/**
 * Test data factories shared by the integration tests: registry records written straight to the database (no HTTP,
 * no audit), with the projections kept true (a new line is counted in rollup_line); files as the console sends them
 * (multipart bodies, evidence uploads, registry workbooks, a tiny PNG, a zip bomb); and a dismantled case opened
 * through the API. Each call makes a distinct record; pass what the test cares about, the rest is filled in.
 */
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import type { DB } from '../../server/db/schema.ts';
import { creditCodeCheckChar } from '../../server/domain/credit-code.ts';
import { bumpLineRollup } from '../../server/projections/index.ts';
import type { Client, TestApp } from './test-app.ts';

let serial = 900_000;

/** A valid unified social credit code (GB 32100-2015) in `region`, distinct per call. */
export function creditCode(region = '340202'): string {
  const body = `91${region}${String(++serial).padStart(9, '0')}`;
  return body + creditCodeCheckChar(body);
}

export async function makeEnterprise(
  db: Kysely<DB>,
  over: { territoryCode?: string; industryCode?: string; name?: string; creditCode?: string } = {},
): Promise<{ id: number; territoryCode: string; industryCode: string; creditCode: string }> {
  const territoryCode = over.territoryCode ?? '340202';
  const industryCode = over.industryCode ?? 'steel';
  const code = over.creditCode ?? creditCode(territoryCode);
  const r = await db
    .insertInto('enterprise')
    .values({ credit_code: code, name: over.name ?? `测试企业${serial}有限公司`, territory_code: territoryCode, industry_code: industryCode })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: r.id, territoryCode, industryCode, creditCode: code };
}

export async function makeLine(
  db: Kysely<DB>,
  enterprise: { id: number; territoryCode: string; industryCode: string },
  over: { kind?: string; name?: string; capacity?: string; capacityUnit?: string; catalogueClass?: 'eliminated' | 'restricted' | 'none' } = {},
): Promise<number> {
  const capacity = over.capacity ?? '50';
  const unit = over.capacityUnit ?? '万吨/年';
  const kind = over.kind ?? 'blast_furnace';
  const r = await db
    .insertInto('production_line')
    .values({
      enterprise_id: enterprise.id,
      kind,
      name: over.name ?? `${kind}-${++serial}`,
      capacity,
      capacity_unit: unit,
      ...(over.catalogueClass !== undefined ? { catalogue_class: over.catalogueClass } : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await bumpLineRollup(
    db,
    { territoryCode: enterprise.territoryCode, industryCode: enterprise.industryCode, state: 'operating', capacityUnit: unit },
    1,
    capacity,
  );
  return r.id;
}

/** A 1×1 PNG: evidence for tests that only need a file (add bytes to make it distinct: `Buffer.concat([TINY_PNG, …])`). */
export const TINY_PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4a30000000049454e44ae426082',
  'hex',
);

/** A multipart/form-data body with one field `file`, as the console's upload sends it. */
export function multipart(content: Buffer, filename: string, type = 'application/octet-stream'): { body: Buffer; headers: Record<string, string> } {
  const boundary = '----phaseout-test-boundary';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`);
  return {
    body: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** Uploads `content` as evidence (it must be accepted) and answers its sha256, the id acts cite. */
export async function uploadEvidence(c: Client, name: string, content: Buffer): Promise<string> {
  const m = multipart(content, name);
  const r = await c.request('POST', '/api/v1/evidence', m.body, m.headers);
  expect(r.statusCode, r.body).toBe(201);
  return r.json().sha256 as string;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export type Cells = (string | number | null)[];

/** A workbook of these sheets, each a heading row and its rows. */
async function workbookOf(sheets: { name: string; headings: string[]; rows: Cells[] }[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const sheet of sheets) {
    const ws = wb.addWorksheet(sheet.name);
    ws.addRow(sheet.headings);
    for (const r of sheet.rows) ws.addRow(r);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const REGISTRY_ENTERPRISE_HEADINGS = ['统一社会信用代码', '企业名称', '属地代码', '行业代码', '地址', '法定代表人', '联系人', '联系电话'];
const REGISTRY_LINE_HEADINGS = [
  '统一社会信用代码',
  '设备名称',
  '设备类型代码',
  '规格数值',
  '规格单位',
  '型号',
  '数量',
  '识别标记',
  '产能',
  '产能单位',
  '目录版本',
  '目录条目',
  '目录类别',
];
const PROBLEM_LIST_HEADINGS = [
  '属地',
  '问题来源',
  '来源文号',
  '发现日期',
  '问题描述',
  '问题等级',
  '企业统一社会信用代码',
  '企业名称',
  '责任单位',
  '责任人',
  '整改措施',
  '整改时限',
];

/** A registry import workbook (sheets 企业 and 生产线 with the template's headings) holding these rows. */
export function registryWorkbook(enterprises: Cells[], lines: Cells[] = []): Promise<Buffer> {
  return workbookOf([
    { name: '企业', headings: REGISTRY_ENTERPRISE_HEADINGS, rows: enterprises },
    { name: '生产线', headings: REGISTRY_LINE_HEADINGS, rows: lines },
  ]);
}

/** A problem-list workbook (sheet 问题清单, plan §3.1) with the import's headings, holding these rows. */
export function problemListWorkbook(rows: Cells[]): Promise<Buffer> {
  return workbookOf([{ name: '问题清单', headings: PROBLEM_LIST_HEADINGS, rows }]);
}

/** Posts `workbook` to the registry import (`query`: '?dryRun=1' for a dry run), as the console's upload does. */
export function importRegistry(c: Client, workbook: Buffer, query = '', filename = 'registry.xlsx') {
  const m = multipart(workbook, filename, XLSX_TYPE);
  return c.request('POST', `/api/v1/registry/import${query}`, m.body, m.headers);
}

/** A ZIP whose central directory declares one entry of 1 GiB (a bomb's signature); its data is 10 stored bytes. */
export function zipBomb(): Buffer {
  const name = Buffer.from('xl/worksheets/sheet1.xml');
  const data = Buffer.alloc(10, 0x41);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8); // deflate
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(0x40000000, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(0x40000000, 24);
  central.writeUInt16LE(name.length, 28);
  const cdOffset = local.length + name.length + data.length;
  const cd = Buffer.concat([central, name]);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(1, 8);
  eocd.writeUInt16LE(1, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([local, name, data, cd, eocd]);
}

/** Every check of an acceptance certificate (§3.4) answered, each with `evidenceId` (power/water: not applicable). */
export const certificateChecks = (evidenceId: string) => ({
  productionCeased: { answer: 'yes', evidenceIds: [evidenceId] },
  equipmentDismantled: { answer: 'yes', evidenceIds: [evidenceId] },
  powerWaterCut: { answer: 'notApplicable', evidenceIds: [] },
  noRestart: { answer: 'yes', evidenceIds: [evidenceId] },
  workersResettled: { answer: 'yes', evidenceIds: [evidenceId] },
  sitePhotos: { answer: 'yes', evidenceIds: [evidenceId] },
});

let dismantled = 0;

/**
 * A technology case (catalogue-2019 水泥机立窑) on a new cement shaft kiln of `enterprise`, opened on 2020-11-01 and
 * dismantled on `dismantleOn` with evidence by the territory's account `t-<territoryCode>` (the clock moves to each
 * date): the line is shut and awaits acceptance.
 */
export async function makeDismantledCase(
  t: TestApp,
  enterprise: { id: number; territoryCode: string; industryCode: string },
  over: { capacity?: string; dismantleOn?: string } = {},
): Promise<{ caseId: number; lineId: number }> {
  const dismantleOn = over.dismantleOn ?? '2020-11-20';
  const lineId = await makeLine(t.db, enterprise, { kind: 'shaft_kiln', capacity: over.capacity ?? '12', capacityUnit: 't/d' });
  const account = `t-${enterprise.territoryCode}`;
  t.clock.now = new Date('2020-11-01T02:00:00Z');
  const open = await (
    await t.as(account)
  ).post('/api/v1/cases', {
    enterpriseId: enterprise.id,
    dimension: 'technology',
    lineIds: [lineId],
    finding: { catalogueEdition: 'catalogue-2019', catalogueItem: '水泥机立窑' },
    openedOn: '2020-11-01',
  });
  expect(open.statusCode, open.body).toBe(201);
  const caseId = open.json().id as number;
  t.clock.now = new Date(`${dismantleOn}T02:00:00Z`);
  const c = await t.as(account);
  const ev = await uploadEvidence(c, 'dismantle.png', Buffer.concat([TINY_PNG, Buffer.from(`dismantled-${++dismantled}`)]));
  const d = await c.post(`/api/v1/cases/${caseId}/acts`, { kind: 'dismantle', date: dismantleOn, payload: { evidenceIds: [ev] } });
  expect(d.statusCode, d.body).toBe(201);
  return { caseId, lineId };
}
