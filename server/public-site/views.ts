/**
 * The public answers: JSON shapes built field by field (the whitelist: nothing internal, no contact person or
 * phone, no account of who clicked publish) and the HTML pages that show the same facts.
 */
import { Type } from '@sinclair/typebox';
import { LIST_KINDS, LIST_NAMES, LIST_RULES, type ListKind, type PublicEntry } from '../domain/publication/lists.ts';
import type { VersionRow } from '../modules/publications/publications.repository.ts';
import type { PublicIndex, VersionHead } from '../modules/publications/public-store.ts';
import { DIMENSION_NAMES, esc, href, page, T, t, type Lang } from './html.ts';

export interface Names {
  territories: Map<string, { name: string; nameEn: string }>;
  departments: Map<string, { name: string; nameEn: string }>;
  industries: Map<string, { name: string; nameEn: string }>;
}

/** Entries per page of a public list (LOCAL CHOICE: the usual 20 rows of a government list page). */
export const PAGE_SIZE = 20;

// ---------- JSON (schemas = whitelist, also in /openapi.json) ----------

const S = Type.String();
const SN = Type.Union([Type.String(), Type.Null()]);
export const PublicEntrySchema = Type.Object(
  {
    creditCode: S,
    name: S,
    territoryCode: S,
    territoryName: S,
    territoryNameEn: S,
    industryCode: S,
    industryName: S,
    industryNameEn: S,
    address: SN,
    dimensions: Type.Array(S),
    since: S,
    dueOn: SN,
    equipment: Type.Array(Type.Object({ name: S, kind: S, kindName: S, capacity: S, capacityUnit: S, exitedOn: S }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);
const UnitSchema = Type.Object({ kind: S, code: S, name: S, nameEn: S }, { additionalProperties: false });
const NameCode = Type.Object({ creditCode: S, name: S }, { additionalProperties: false });
export const VersionHeadSchema = Type.Object(
  { id: Type.Integer(), versionNo: Type.Integer(), action: S, number: S, postedOn: S, territoryCode: S, year: Type.Union([Type.Integer(), Type.Null()]) },
  { additionalProperties: false },
);
export const PublicVersionSchema = Type.Object(
  {
    id: Type.Integer(),
    series: S,
    list: S,
    listName: S,
    listNameEn: S,
    territoryCode: S,
    territoryName: S,
    year: Type.Union([Type.Integer(), Type.Null()]),
    versionNo: Type.Integer(),
    action: S,
    number: S,
    postedOn: S,
    publishedAt: S,
    unit: UnitSchema,
    reason: SN,
    entries: Type.Array(PublicEntrySchema),
    diff: Type.Object(
      {
        added: Type.Array(NameCode),
        removed: Type.Array(NameCode),
        changed: Type.Array(Type.Object({ creditCode: S, name: S, fields: Type.Array(S) }, { additionalProperties: false })),
      },
      { additionalProperties: false },
    ),
    contentHash: S,
    prevHash: S,
    history: Type.Array(VersionHeadSchema),
    links: Type.Object({ html: S, json: S, csv: S, xlsx: S }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);
export const PublicListSchema = Type.Object(
  {
    list: S,
    listName: S,
    listNameEn: S,
    basis: S,
    today: S,
    items: Type.Array(Type.Object({ entry: PublicEntrySchema, version: VersionHeadSchema }, { additionalProperties: false })),
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
  },
  { additionalProperties: false },
);
export const PublicEnterpriseSchema = Type.Object(
  {
    creditCode: S,
    name: S,
    territoryCode: S,
    territoryName: S,
    industryCode: S,
    industryName: S,
    listings: Type.Array(
      Type.Object(
        { list: S, listName: S, listNameEn: S, since: S, dueOn: SN, dimensions: Type.Array(S), version: VersionHeadSchema },
        { additionalProperties: false },
      ),
    ),
    commitment: Type.Union([Type.Object({ date: S }, { additionalProperties: false }), Type.Null()]),
    notices: Type.Array(Type.Object({ level: S, date: S, url: SN }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);

export function entryJson(e: PublicEntry): PublicEntry {
  return {
    creditCode: e.creditCode,
    name: e.name,
    territoryCode: e.territoryCode,
    territoryName: e.territoryName,
    territoryNameEn: e.territoryNameEn,
    industryCode: e.industryCode,
    industryName: e.industryName,
    industryNameEn: e.industryNameEn,
    address: e.address ?? null,
    dimensions: [...e.dimensions],
    since: e.since,
    dueOn: e.dueOn ?? null,
    equipment: e.equipment.map((q) => ({
      name: q.name,
      kind: q.kind,
      kindName: q.kindName,
      capacity: q.capacity,
      capacityUnit: q.capacityUnit,
      exitedOn: q.exitedOn,
    })),
  };
}

export function headJson(h: VersionHead | VersionRow) {
  return { id: h.id, versionNo: h.versionNo, action: h.action, number: h.number, postedOn: h.postedOn, territoryCode: h.territoryCode, year: h.year };
}

function unitOf(names: Names, kind: string, code: string) {
  const n = kind === 'territory' ? names.territories.get(code) : names.departments.get(code);
  return { kind, code, name: n?.name ?? code, nameEn: n?.nameEn ?? code };
}

export function versionJson(v: VersionRow, index: PublicIndex, names: Names) {
  const history = index.visible
    .filter((h) => h.series === v.series)
    .sort((a, b) => a.versionNo - b.versionNo)
    .map(headJson);
  const d = v.body.diff;
  return {
    id: v.id,
    series: v.series,
    list: v.listKind,
    listName: LIST_NAMES[v.listKind].zh,
    listNameEn: LIST_NAMES[v.listKind].en,
    territoryCode: v.territoryCode,
    territoryName: names.territories.get(v.territoryCode)?.name ?? v.territoryCode,
    year: v.year,
    versionNo: v.versionNo,
    action: v.action,
    number: v.number,
    postedOn: v.postedOn,
    publishedAt: new Date(v.publishedAt).toISOString(),
    unit: unitOf(names, v.unitKind, v.unitCode),
    reason: v.reason,
    entries: v.body.entries.map(entryJson),
    diff: {
      added: d.added.map((x) => ({ creditCode: x.creditCode, name: x.name })),
      removed: d.removed.map((x) => ({ creditCode: x.creditCode, name: x.name })),
      changed: d.changed.map((x) => ({ creditCode: x.creditCode, name: x.name, fields: [...x.fields] })),
    },
    contentHash: v.contentHash,
    prevHash: v.prevHash,
    history,
    links: {
      html: `/public/versions/${v.id}`,
      json: `/open-data/versions/${v.id}.json`,
      csv: `/open-data/versions/${v.id}.csv`,
      xlsx: `/open-data/versions/${v.id}.xlsx`,
    },
  };
}

export interface ListQuery {
  territory?: string | undefined;
  industry?: string | undefined;
  q?: string | undefined;
  page?: number | undefined;
}

export function filterList(index: PublicIndex, kind: ListKind, q: ListQuery) {
  const all = index.entries.get(kind) ?? [];
  const needle = q.q?.trim().toLowerCase();
  const rows = all.filter(
    ({ entry: e }) =>
      (!q.territory || e.territoryCode === q.territory) &&
      (!q.industry || e.industryCode === q.industry) &&
      (!needle || e.name.toLowerCase().includes(needle) || e.creditCode.toLowerCase().includes(needle)),
  );
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const p = Math.min(Math.max(1, q.page ?? 1), pages);
  return { rows: rows.slice((p - 1) * PAGE_SIZE, p * PAGE_SIZE), total: rows.length, page: p, pages, all };
}

export function listJson(index: PublicIndex, kind: ListKind, q: ListQuery) {
  const f = filterList(index, kind, q);
  return {
    list: kind,
    listName: LIST_NAMES[kind].zh,
    listNameEn: LIST_NAMES[kind].en,
    basis: LIST_RULES[kind].basisId,
    today: index.today,
    items: f.rows.map(({ entry, version }) => ({ entry: entryJson(entry), version: headJson(version) })),
    total: f.total,
    page: f.page,
    pageSize: PAGE_SIZE,
  };
}

// ---------- HTML ----------

const nm = (n: { name: string; nameEn: string } | undefined, lang: Lang, code: string) => (n ? (lang === 'zh' ? n.name : n.nameEn) : code);
const dims = (ds: string[], lang: Lang) => ds.map((d) => DIMENSION_NAMES[d]?.[lang] ?? d).join('、');
const eq = (e: PublicEntry) =>
  e.equipment.map((q) => `${esc(q.name)}（${esc(q.kindName)}）${esc(q.capacity)} ${esc(q.capacityUnit)}，${esc(q.exitedOn)}`).join('<br>');

function entryTable(kind: ListKind, rows: Array<{ entry: PublicEntry; version?: VersionHead }>, lang: Lang, caption: string): string {
  const ledger = kind === 'annualExit';
  const head = [
    T.enterprise,
    T.creditCode,
    T.territory,
    T.industry,
    ...(ledger ? [T.equipment] : [T.dimensions]),
    T.since,
    ...(kind === 'yellow' ? [T.dueOn] : []),
    ...(rows[0]?.version ? [T.fromVersion] : []),
  ];
  const body = rows
    .map(({ entry: e, version: v }) => {
      const cells = [
        `<th scope="row"><a href="${esc(href(`/public/enterprises/${e.creditCode}`, lang))}">${esc(e.name)}</a></th>`,
        `<td class="mono">${esc(e.creditCode)}</td>`,
        `<td>${esc(lang === 'zh' ? e.territoryName : e.territoryNameEn)}</td>`,
        `<td>${esc(lang === 'zh' ? e.industryName : e.industryNameEn)}</td>`,
        ledger ? `<td>${eq(e)}</td>` : `<td>${esc(dims(e.dimensions, lang))}</td>`,
        `<td>${esc(e.since)}</td>`,
        ...(kind === 'yellow' ? [`<td>${esc(e.dueOn ?? '')}</td>`] : []),
        ...(v ? [`<td><a href="${esc(href(`/public/versions/${v.id}`, lang))}">${esc(v.number)}</a></td>`] : []),
      ];
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('\n');
  return `<table><caption>${esc(caption)}</caption><thead><tr>${head.map((h) => `<th scope="col">${esc(t(h, lang))}</th>`).join('')}</tr></thead><tbody>${body}</tbody></table>`;
}

export function homePage(index: PublicIndex, lang: Lang): string {
  const cards = LIST_KINDS.map((k) => {
    const n = index.entries.get(k)?.length ?? 0;
    const latest = index.visible.find((h) => h.listKind === k);
    return `<li><h2><a href="${esc(href(`/public/lists/${k}`, lang))}">${esc(LIST_NAMES[k][lang])}</a></h2>
<p>${esc(LIST_RULES[k].description[lang])}</p>
<p>${latest ? `${esc(t(T.total, lang, { n }))} · ${esc(t(T.postedOn, lang))} ${esc(latest.postedOn)}` : esc(t(T.notPublished, lang))}</p></li>`;
  }).join('\n');
  return page({
    lang,
    title: t(T.lists, lang),
    path: '/public',
    today: index.today,
    body: `<h1>${esc(t(T.lists, lang))}</h1>
<p>${lang === 'zh' ? '依据《芜湖市2020年落后产能退出工作方案》第三部分第（三）项，各县区、开发区主管部门定期公布黄牌、红牌名单和年度退出名单，生态环境部门定期公布超标排放企业名单，接受社会监督。' : 'Under §3.3 of the Wuhu 2020 work plan, the competent departments of each county, district and zone regularly publish the yellow-card, red-card and annual exit lists, and the ecology department publishes the list of enterprises exceeding emission standards, for public supervision.'}</p>
<ul class="cards">${cards}</ul>`,
  });
}

export function listPage(index: PublicIndex, kind: ListKind, q: ListQuery, lang: Lang, names: Names): string {
  const f = filterList(index, kind, q);
  const title = LIST_NAMES[kind][lang];
  const territories = [...new Set(f.all.map((r) => r.entry.territoryCode))].sort();
  const industries = [...new Set(f.all.map((r) => r.entry.industryCode))].sort();
  const opt = (v: string, label: string, sel: string | undefined) => `<option value="${esc(v)}"${sel === v ? ' selected' : ''}>${esc(label)}</option>`;
  const query = { territory: q.territory, industry: q.industry, q: q.q };
  const versions = [...index.current.values()].filter((h) => h.listKind === kind).sort((a, b) => (a.series < b.series ? -1 : 1));
  const pager =
    f.pages > 1
      ? `<nav class="pager" aria-label="${esc(t(T.page, lang, { p: f.page, n: f.pages }))}">${f.page > 1 ? `<a href="${esc(href(`/public/lists/${kind}`, lang, { ...query, page: f.page - 1 }))}">${esc(t(T.prev, lang))}</a>` : ''}<span>${esc(t(T.page, lang, { p: f.page, n: f.pages }))}</span>${f.page < f.pages ? `<a href="${esc(href(`/public/lists/${kind}`, lang, { ...query, page: f.page + 1 }))}">${esc(t(T.next, lang))}</a>` : ''}</nav>`
      : '';
  const body = `<h1>${esc(title)}</h1>
<p>${esc(LIST_RULES[kind].description[lang])}</p>
<form class="filters" method="get" action="/public/lists/${kind}" role="search">
${lang === 'en' ? '<input type="hidden" name="lang" value="en">' : ''}
<div><label for="f-q">${esc(t(T.keyword, lang))}</label><input id="f-q" name="q" type="search" value="${esc(q.q ?? '')}"></div>
<div><label for="f-territory">${esc(t(T.territory, lang))}</label><select id="f-territory" name="territory">${opt('', t(T.all, lang), q.territory ?? '')}${territories.map((c) => opt(c, nm(names.territories.get(c), lang, c), q.territory)).join('')}</select></div>
<div><label for="f-industry">${esc(t(T.industry, lang))}</label><select id="f-industry" name="industry">${opt('', t(T.all, lang), q.industry ?? '')}${industries.map((c) => opt(c, nm(names.industries.get(c), lang, c), q.industry)).join('')}</select></div>
<div><button type="submit">${esc(t(T.search, lang))}</button></div>
</form>
<p role="status">${esc(t(T.total, lang, { n: f.total }))}</p>
${f.total ? entryTable(kind, f.rows, lang, title) : `<p class="note">${esc(t(T.noEntries, lang))}</p>`}
${pager}
<h2>${esc(t(T.version, lang))}</h2>
${versions.length ? `<ul>${versions.map((v) => `<li><a href="${esc(href(`/public/versions/${v.id}`, lang))}">${esc(v.number)}</a> · ${esc(t(T.postedOn, lang))} ${esc(v.postedOn)}${v.action === 'withdraw' ? ` · ${esc(t(T.withdrawn, lang))}` : ''}</li>`).join('')}</ul>` : `<p>${esc(t(T.notPublished, lang))}</p>`}`;
  return page({ lang, title, path: `/public/lists/${kind}`, query: { ...query, page: q.page }, body, today: index.today });
}

export function versionPage(v: VersionRow, index: PublicIndex, lang: Lang, names: Names): string {
  const j = versionJson(v, index, names);
  const title = `${j.number}`;
  const act = T.actions[v.action];
  const diffList = (label: { zh: string; en: string }, xs: Array<{ creditCode: string; name: string }>) =>
    xs.length
      ? `<h3>${esc(t(label, lang))}</h3><ul>${xs.map((x) => `<li>${esc(x.name)}（<span class="mono">${esc(x.creditCode)}</span>）</li>`).join('')}</ul>`
      : '';
  const body = `<h1>${esc(title)}</h1>
<dl>
<dt>${esc(t(T.list, lang))}</dt><dd><a href="${esc(href(`/public/lists/${v.listKind}`, lang))}">${esc(LIST_NAMES[v.listKind][lang])}</a></dd>
<dt>${esc(t(T.version, lang))}</dt><dd>${esc(v.versionNo)}（${esc(t(act, lang))}）</dd>
<dt>${esc(t(T.postedOn, lang))}</dt><dd>${esc(v.postedOn)}</dd>
<dt>${esc(t(T.publisher, lang))}</dt><dd>${esc(lang === 'zh' ? j.unit.name : j.unit.nameEn)}</dd>
${v.reason ? `<dt>${esc(t(T.reason, lang))}</dt><dd>${esc(v.reason)}</dd>` : ''}
<dt>${esc(t(T.hash, lang))}</dt><dd class="mono">${esc(v.contentHash)}</dd>
</dl>
${v.action === 'withdraw' ? `<p class="note">${esc(t(T.withdrawn, lang))}</p>` : ''}
<p class="downloads">${esc(t(T.download, lang))}：<a href="${esc(j.links.csv)}">CSV</a> · <a href="${esc(j.links.json)}">JSON</a> · <a href="${esc(j.links.xlsx)}">XLSX</a></p>
${
  v.body.entries.length
    ? entryTable(
        v.listKind,
        v.body.entries.map((entry) => ({ entry })),
        lang,
        title,
      )
    : `<p>${esc(t(T.noEntries, lang))}</p>`
}
<h2>${esc(t(T.changes, lang))}</h2>
${diffList(T.added, j.diff.added)}${diffList(T.removed, j.diff.removed)}${j.diff.changed.length ? `<h3>${esc(t(T.changed, lang))}</h3><ul>${j.diff.changed.map((c) => `<li>${esc(c.name)}：${esc(c.fields.join(', '))}</li>`).join('')}</ul>` : ''}
<h2>${esc(t(T.history, lang))}</h2>
<table><caption>${esc(t(T.history, lang))}</caption><thead><tr><th scope="col">${esc(t(T.version, lang))}</th><th scope="col">${esc(t(T.number, lang))}</th><th scope="col">${esc(t(T.postedOn, lang))}</th></tr></thead><tbody>
${j.history.map((h) => `<tr><td>${esc(h.versionNo)}（${esc(t(T.actions[h.action as 'publish'], lang))}）</td><td>${h.id === v.id ? `<span aria-current="page">${esc(h.number)}</span>` : `<a href="${esc(href(`/public/versions/${h.id}`, lang))}">${esc(h.number)}</a>`}</td><td>${esc(h.postedOn)}</td></tr>`).join('\n')}
</tbody></table>`;
  return page({ lang, title, path: `/public/versions/${v.id}`, body, today: index.today });
}

export interface EnterprisePublic {
  creditCode: string;
  name: string;
  territoryCode: string;
  territoryName: string;
  territoryNameEn: string;
  industryCode: string;
  industryName: string;
  industryNameEn: string;
  commitment: { date: string } | null;
  notices: Array<{ level: string; date: string; url: string | null }>;
}

export function enterpriseListings(index: PublicIndex, creditCode: string) {
  const out: Array<{ list: ListKind; entry: PublicEntry; version: VersionHead }> = [];
  for (const [list, rows] of index.entries) for (const r of rows) if (r.entry.creditCode === creditCode) out.push({ list, ...r });
  return out;
}

export function enterpriseJson(e: EnterprisePublic, index: PublicIndex) {
  return {
    creditCode: e.creditCode,
    name: e.name,
    territoryCode: e.territoryCode,
    territoryName: e.territoryName,
    industryCode: e.industryCode,
    industryName: e.industryName,
    listings: enterpriseListings(index, e.creditCode).map((l) => ({
      list: l.list,
      listName: LIST_NAMES[l.list].zh,
      listNameEn: LIST_NAMES[l.list].en,
      since: l.entry.since,
      dueOn: l.entry.dueOn ?? null,
      dimensions: [...l.entry.dimensions],
      version: headJson(l.version),
    })),
    commitment: e.commitment ? { date: e.commitment.date } : null,
    notices: e.notices.map((n) => ({ level: n.level, date: n.date, url: n.url })),
  };
}

export function enterprisePage(e: EnterprisePublic, index: PublicIndex, lang: Lang): string {
  const listings = enterpriseListings(index, e.creditCode);
  const safeUrl = (u: string | null) => (u && /^https?:\/\//i.test(u) ? u : null);
  const body = `<h1>${esc(e.name)}</h1>
<dl>
<dt>${esc(t(T.creditCode, lang))}</dt><dd class="mono">${esc(e.creditCode)}</dd>
<dt>${esc(t(T.territory, lang))}</dt><dd>${esc(lang === 'zh' ? e.territoryName : e.territoryNameEn)}</dd>
<dt>${esc(t(T.industry, lang))}</dt><dd>${esc(lang === 'zh' ? e.industryName : e.industryNameEn)}</dd>
</dl>
<h2>${esc(t(T.onLists, lang))}</h2>
${
  listings.length
    ? `<table><caption>${esc(t(T.onLists, lang))}</caption><thead><tr><th scope="col">${esc(t(T.list, lang))}</th><th scope="col">${esc(t(T.since, lang))}</th><th scope="col">${esc(t(T.dimensions, lang))}</th><th scope="col">${esc(t(T.fromVersion, lang))}</th></tr></thead><tbody>${listings
        .map(
          (l) =>
            `<tr><td>${esc(LIST_NAMES[l.list][lang])}</td><td>${esc(l.entry.since)}</td><td>${esc(dims(l.entry.dimensions, lang))}</td><td><a href="${esc(href(`/public/versions/${l.version.id}`, lang))}">${esc(l.version.number)}</a></td></tr>`,
        )
        .join('')}</tbody></table>`
    : `<p>${esc(t(T.noEntries, lang))}</p>`
}
<h2>${esc(t(T.commitment, lang))}</h2>
<p>${e.commitment ? esc(e.commitment.date) : '—'}</p>
<h2>${esc(t(T.notices, lang))}</h2>
${
  e.notices.length
    ? `<ul>${e.notices
        .map((n) => {
          const u = safeUrl(n.url);
          return `<li>${esc(n.level === 'city' ? t(T.noticeCity, lang) : t(T.noticeCounty, lang))} · ${esc(n.date)}${u ? ` · <a href="${esc(u)}" rel="noopener">${esc(u)}</a>` : ''}</li>`;
        })
        .join('')}</ul>`
    : '<p>—</p>'
}`;
  return page({ lang, title: e.name, path: `/public/enterprises/${e.creditCode}`, body, today: index.today });
}

export function notFoundPage(lang: Lang, today: string, path: string): string {
  return page({
    lang,
    title: t(T.notFound, lang),
    path,
    today,
    body: `<h1>${esc(t(T.notFound, lang))}</h1><p>${esc(t(T.notFoundText, lang))}</p><p><a href="${esc(href('/public', lang))}">${esc(t(T.home, lang))}</a></p>`,
  });
}
