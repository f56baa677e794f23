/**
 * Open data (issue 14, docs/open-data.md): each published version as CSV (UTF-8 with BOM so Excel opens it),
 * JSON and XLSX at stable URLs, and an Atom feed of publications. Built once per version (immutable).
 */
import { Writable } from 'node:stream';
import { LIST_NAMES, type PublicEntry } from '../domain/publication/lists.ts';
import { loadExcel } from '../modules/registry-io/sheets.ts';
import type { PublicIndex } from '../modules/publications/public-store.ts';
import type { VersionRow } from '../modules/publications/publications.repository.ts';

/** The columns of the CSV and XLSX downloads: header (zh / en) and value. */
export const OPEN_DATA_COLUMNS: Array<{ key: string; zh: string; en: string; value: (e: PublicEntry, v: VersionRow) => string }> = [
  { key: 'number', zh: '名单编号', en: 'number', value: (_e, v) => v.number },
  { key: 'postedOn', zh: '发布日期', en: 'postedOn', value: (_e, v) => v.postedOn },
  { key: 'creditCode', zh: '统一社会信用代码', en: 'creditCode', value: (e) => e.creditCode },
  { key: 'name', zh: '企业名称', en: 'name', value: (e) => e.name },
  { key: 'territoryCode', zh: '属地代码', en: 'territoryCode', value: (e) => e.territoryCode },
  { key: 'territoryName', zh: '属地', en: 'territoryName', value: (e) => e.territoryName },
  { key: 'industryCode', zh: '行业代码', en: 'industryCode', value: (e) => e.industryCode },
  { key: 'industryName', zh: '行业', en: 'industryName', value: (e) => e.industryName },
  { key: 'address', zh: '地址', en: 'address', value: (e) => e.address ?? '' },
  { key: 'dimensions', zh: '事由', en: 'dimensions', value: (e) => e.dimensions.join(';') },
  { key: 'since', zh: '列入日期', en: 'since', value: (e) => e.since },
  { key: 'dueOn', zh: '整改期限', en: 'dueOn', value: (e) => e.dueOn ?? '' },
  {
    key: 'equipment',
    zh: '退出设备及产能',
    en: 'equipment',
    value: (e) => e.equipment.map((q) => `${q.name}|${q.kindName}|${q.capacity}|${q.capacityUnit}|${q.exitedOn}`).join(';'),
  },
];

function csvCell(s: string): string {
  // a leading = + - @ would be a formula in a spreadsheet: quote it with an apostrophe (CSV injection)
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function versionCsv(v: VersionRow): Buffer {
  const lines = [OPEN_DATA_COLUMNS.map((c) => csvCell(`${c.zh} ${c.en}`)).join(',')];
  for (const e of v.body.entries) lines.push(OPEN_DATA_COLUMNS.map((c) => csvCell(c.value(e, v))).join(','));
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8')]);
}

export async function versionXlsx(v: VersionRow): Promise<Buffer> {
  const ExcelJS = await loadExcel();
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk);
      cb();
    },
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const ws = wb.addWorksheet(LIST_NAMES[v.listKind].zh.slice(0, 31));
  ws.addRow(OPEN_DATA_COLUMNS.map((c) => `${c.zh} ${c.en}`)).commit();
  for (const e of v.body.entries) ws.addRow(OPEN_DATA_COLUMNS.map((c) => c.value(e, v))).commit();
  ws.commit();
  await wb.commit();
  return Buffer.concat(chunks);
}

const x = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

/** Atom 1.0 (RFC 4287): one entry per visible version, newest first (at most 200). */
export function atomFeed(index: PublicIndex, baseUrl: string, territoryName: (code: string) => string): string {
  const items = index.visible.slice(0, 200);
  const updated = items[0] ? new Date(items[0].publishedAt).toISOString() : `${index.today}T00:00:00Z`;
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">
<title>芜湖市落后产能退出公开名单 / Wuhu public lists on outdated capacity</title>
<id>${x(baseUrl)}/open-data/feed.atom</id>
<link rel="self" href="${x(baseUrl)}/open-data/feed.atom"/>
<link rel="alternate" type="text/html" href="${x(baseUrl)}/public"/>
<updated>${updated}</updated>
<author><name>芜湖市淘汰落后产能工作领导小组办公室</name></author>
${items
  .map(
    (h) => `<entry>
<title>${x(h.number)}</title>
<id>${x(baseUrl)}/public/versions/${h.id}</id>
<link rel="alternate" type="text/html" href="${x(baseUrl)}/public/versions/${h.id}"/>
<link rel="enclosure" type="text/csv" href="${x(baseUrl)}/open-data/versions/${h.id}.csv"/>
<link rel="enclosure" type="application/json" href="${x(baseUrl)}/open-data/versions/${h.id}.json"/>
<published>${h.postedOn}T00:00:00+08:00</published>
<updated>${new Date(h.publishedAt).toISOString()}</updated>
<category term="${x(h.listKind)}" label="${x(LIST_NAMES[h.listKind].zh)}"/>
<summary>${x(`${territoryName(h.territoryCode)} ${LIST_NAMES[h.listKind].zh} 第${h.versionNo}版（${h.action}）`)}</summary>
</entry>`,
  )
  .join('\n')}
</feed>
`;
}
