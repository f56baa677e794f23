/**
 * Streams the enterprises matching a list filter (and their lines) as .xlsx with exceljs' streaming WorkbookWriter:
 * rows are read in keyset batches of BATCH ids, written and committed, so memory stays flat at any size. The
 * sheets use the import headers (plus 状态) and names for territory, industry and line kind, so an export can be
 * edited and imported back.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { loadExcel } from './sheets.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Scope } from '../../platform/auth/actor.ts';
import { applyEnterpriseFilters, type EnterpriseFilters } from '../enterprises/index.ts';
import { loadRegistryReference, normDecimal } from '../enterprises/index.ts';
import { nameOf } from './names.ts';
import { CATALOGUE_CLASS_ZH, ENTERPRISE_COLUMNS, ENTERPRISE_SHEET, LINE_COLUMNS, LINE_SHEET } from './sheets.ts';
import { neutraliseRow } from '../../platform/spreadsheet-cells.ts';

export const EXPORT_BATCH = 2000;
const STATUS_ZH: Record<string, string> = { operating: '正常生产', rectifying: '整改中', enforcement: '执法中', closed: '已关闭', exited: '已退出' };
const LINE_STATE_ZH: Record<string, string> = {
  operating: '运行',
  restricted: '限产',
  suspended: '停产',
  sealed: '封存',
  dismantled: '已拆除',
  exited: '已退出',
};

/**
 * Backpressure. exceljs pipes each sheet's buffer into the zip entry without waiting for the compressor, so rows
 * produced faster than they are deflated pile up outside the JS heap. Between batches we wait until the entry's
 * sink (the compressor's input, reached through the writer's internals when present) and the output have drained.
 */
async function drain(ws: unknown, out: Writable) {
  const sinks = ((ws as { stream?: { pipes?: unknown[] } }).stream?.pipes ?? []) as Writable[];
  const pending = (w: Writable) => w.writableLength ?? (w as unknown as { _writableState?: { length: number } })._writableState?.length ?? 0;
  for (const sink of sinks) {
    while (pending(sink) > 1024 * 1024 && !sink.destroyed) {
      const ac = new AbortController();
      const timer = setTimeout(() => ac.abort(), 20);
      await once(sink, 'drain', { signal: ac.signal }).catch(() => undefined);
      clearTimeout(timer);
    }
  }
  if (out.writableNeedDrain) await once(out, 'drain');
  else await new Promise((r) => setImmediate(r));
}

export async function exportEnterprises(
  db: Kysely<DB>,
  scope: Scope,
  filters: EnterpriseFilters,
  out: Writable,
  opts: { onProgress?: (rows: number) => void } = {},
): Promise<{ enterprises: number; lines: number }> {
  const Excel = await loadExcel();
  // names, not codes, in the territory, industry and line-kind columns (issue 17 item 3); the import reads both
  const ref = await loadRegistryReference(db);
  const wb = new Excel.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  wb.creator = 'Phaseout';
  const ws = wb.addWorksheet(ENTERPRISE_SHEET);
  ws.columns = [...ENTERPRISE_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width })), { header: '状态', key: 'status', width: 10 }];
  const pageIds = async (after: number) =>
    applyEnterpriseFilters(db.selectFrom('enterprise as e'), scope, filters)
      .select([
        'e.id',
        'e.credit_code',
        'e.name',
        'e.territory_code',
        'e.industry_code',
        'e.address',
        'e.legal_representative',
        'e.contact_name',
        'e.contact_phone',
        'e.status',
      ])
      .where('e.id', '>', after)
      .orderBy('e.id')
      .limit(EXPORT_BATCH)
      .execute();
  let enterprises = 0;
  for (let after = 0; ;) {
    const rows = await pageIds(after);
    if (rows.length === 0) break;
    for (const r of rows) {
      ws.addRow(
        neutraliseRow([
          r.credit_code,
          r.name,
          nameOf(ref.territories, r.territory_code),
          nameOf(ref.industries, r.industry_code),
          r.address,
          r.legal_representative,
          r.contact_name,
          r.contact_phone,
          STATUS_ZH[r.status] ?? r.status,
        ]),
      ).commit();
    }
    enterprises += rows.length;
    after = rows[rows.length - 1]!.id;
    opts.onProgress?.(enterprises);
    await drain(ws, out);
  }
  ws.commit();

  const wl = wb.addWorksheet(LINE_SHEET);
  wl.columns = [...LINE_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width })), { header: '状态', key: 'state', width: 10 }];
  let lines = 0;
  for (let after = 0; ;) {
    const ents = await applyEnterpriseFilters(db.selectFrom('enterprise as e'), scope, filters)
      .select(['e.id', 'e.credit_code'])
      .where('e.id', '>', after)
      .orderBy('e.id')
      .limit(EXPORT_BATCH)
      .execute();
    if (ents.length === 0) break;
    const codeOf = new Map(ents.map((e) => [e.id, e.credit_code]));
    const ls = await db
      .selectFrom('production_line')
      .selectAll()
      .where(
        'enterprise_id',
        'in',
        ents.map((e) => e.id),
      )
      .orderBy('enterprise_id')
      .orderBy('id')
      .execute();
    for (const l of ls) {
      wl.addRow(
        neutraliseRow([
          codeOf.get(l.enterprise_id),
          l.name,
          nameOf(ref.lineKinds, l.kind),
          l.size_value === null ? null : normDecimal(l.size_value),
          l.size_unit,
          l.model,
          l.unit_count,
          l.marks,
          normDecimal(l.capacity),
          l.capacity_unit,
          l.catalogue_edition,
          l.catalogue_item,
          CATALOGUE_CLASS_ZH[l.catalogue_class],
          LINE_STATE_ZH[l.state] ?? l.state,
        ]),
      ).commit();
    }
    lines += ls.length;
    after = ents[ents.length - 1]!.id;
    await drain(wl, out);
  }
  wl.commit();
  await wb.commit();
  return { enterprises, lines };
}
