/**
 * The year's accepted exits as the workbook the province asks for (§3.4): one sheet per industry (key industries —
 * steel, cement, flat glass — always, others when they have exits), columns enterprise, credit code, territory, line
 * kind and size, capacity and unit, exit method, acceptance date, certificate number. Streamed with exceljs'
 * WorkbookWriter in keyset batches, so memory stays flat at any size (bench: bench/yearend.ts).
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Scope } from '../../platform/auth/actor.ts';
import { caseScope } from '../../platform/auth/scope-sql.ts';
import { loadExcel } from '../registry-io/index.ts';
import { trimDecimal } from './yearend.repository.ts';

export const WORKBOOK_BATCH = 2000;

export const EXIT_COLUMNS = [
  { header: '序号', width: 8 },
  { header: '企业名称', width: 32 },
  { header: '统一社会信用代码', width: 22 },
  { header: '县区', width: 14 },
  { header: '生产线（设备）类型', width: 20 },
  { header: '规格', width: 12 },
  { header: '产能', width: 12 },
  { header: '单位', width: 10 },
  { header: '退出方式', width: 20 },
  { header: '验收日期', width: 12 },
  { header: '验收单编号', width: 22 },
] as const;

/** The exit method named in the workbook, by the case's dimension (technology dismantles; the others shut by law). */
export const EXIT_METHOD_ZH: Record<string, string> = {
  technology: '拆除主体设备（淘汰类工艺装备）',
  energy: '依法关停（能耗不达标）',
  environment: '责令关闭（环保违法）',
  quality: '吊销营业执照（质量违法）',
  safety: '依法关闭（不具备安全生产条件）',
};

interface Row {
  line_id: number;
  name: string;
  credit_code: string;
  territory_name: string;
  kind_name: string;
  size_value: string | null;
  size_unit: string | null;
  capacity: string;
  capacity_unit: string;
  dimension: string | null;
  exited_on: string;
  number: string | null;
}

async function drain(out: Writable): Promise<void> {
  if (out.writableNeedDrain) await once(out, 'drain');
  else await new Promise((r) => setImmediate(r));
}

export async function writeExitsWorkbook(db: Kysely<DB>, scope: Scope, year: number, out: Writable): Promise<{ rows: number; sheets: number }> {
  const Excel = await loadExcel();
  const wb = new Excel.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  wb.creator = 'Phaseout';
  const scoped = caseScope(scope, 'x.territory_code', 'c.dimension');
  const counts = await sql<{ code: string; name: string; key_industry: boolean; n: number }>`
    select i.code, i.name, i.key_industry, (select count(*)::int from capacity_exit x left join case_file c on c.id = x.case_id where x.year = ${year} and x.industry_code = i.code and ${scoped}) as n
    from industry i order by i.key_industry desc, i.sort, i.code`.execute(db);
  let rows = 0;
  let sheets = 0;
  for (const ind of counts.rows) {
    if (!ind.key_industry && ind.n === 0) continue;
    const ws = wb.addWorksheet(ind.name.slice(0, 31));
    sheets++;
    ws.columns = EXIT_COLUMNS.map((c) => ({ header: c.header, width: c.width }));
    let seq = 0;
    for (let after = 0; ;) {
      const r = await sql<Row>`
        select x.line_id, e.name, e.credit_code, t.name as territory_name, k.name as kind_name, l.size_value::text as size_value, l.size_unit,
          x.capacity::text as capacity, x.capacity_unit, c.dimension, x.exited_on, a.number
        from capacity_exit x
          join production_line l on l.id = x.line_id join enterprise e on e.id = l.enterprise_id
          join territory t on t.code = x.territory_code join line_kind k on k.code = l.kind
          left join case_file c on c.id = x.case_id left join acceptance_certificate a on a.case_id = x.case_id
        where x.year = ${year} and x.industry_code = ${ind.code} and x.line_id > ${after} and ${scoped}
        order by x.line_id limit ${WORKBOOK_BATCH}`.execute(db);
      if (r.rows.length === 0) break;
      for (const x of r.rows) {
        ws.addRow([
          ++seq,
          x.name,
          x.credit_code,
          x.territory_name,
          x.kind_name,
          x.size_value === null ? null : `${trimDecimal(x.size_value)}${x.size_unit ?? ''}`,
          Number(trimDecimal(x.capacity)),
          x.capacity_unit,
          x.dimension ? (EXIT_METHOD_ZH[x.dimension] ?? x.dimension) : '',
          x.exited_on,
          x.number ?? '',
        ]).commit();
      }
      rows += r.rows.length;
      after = r.rows[r.rows.length - 1]!.line_id;
      await drain(out);
    }
    ws.commit();
  }
  await wb.commit();
  return { rows, sheets };
}
