/** The open-data catalogue page: every visible version with its download links, and the feed. */
import { LIST_NAMES } from '../domain/publication/lists.ts';
import type { PublicIndex } from '../modules/publications/public-store.ts';
import { esc, href, page, T, t, type Lang } from './html.ts';
import type { Names } from './views.ts';

export function openDataPage(index: PublicIndex, lang: Lang, names: Names): string {
  const rows = index.visible
    .slice(0, 500)
    .map((h) => {
      const tn = names.territories.get(h.territoryCode);
      return `<tr><th scope="row"><a href="${esc(href(`/public/versions/${h.id}`, lang))}">${esc(h.number)}</a></th><td>${esc(LIST_NAMES[h.listKind][lang])}</td><td>${esc(tn ? (lang === 'zh' ? tn.name : tn.nameEn) : h.territoryCode)}</td><td>${esc(h.postedOn)}</td><td><a href="/open-data/versions/${h.id}.csv">CSV</a> · <a href="/open-data/versions/${h.id}.json">JSON</a> · <a href="/open-data/versions/${h.id}.xlsx">XLSX</a></td></tr>`;
    })
    .join('\n');
  const title = t(T.openData, lang);
  const body = `<h1>${esc(title)}</h1>
<p>${lang === 'zh' ? '每个已发布的名单版本都可按固定地址下载（CSV 为带 BOM 的 UTF-8，可直接用 Excel 打开；JSON；XLSX），版本发布后内容不再改变。字段说明见项目文档 docs/open-data.md。' : 'Every published version can be downloaded at a stable address (CSV in UTF-8 with BOM, which Excel opens directly; JSON; XLSX); a version never changes once published. The fields are described in docs/open-data.md.'}</p>
<p><a href="/open-data/feed.atom">${esc(t(T.feed, lang))}</a></p>
<table><caption>${esc(title)}</caption><thead><tr><th scope="col">${esc(t(T.number, lang))}</th><th scope="col">${esc(t(T.list, lang))}</th><th scope="col">${esc(t(T.territory, lang))}</th><th scope="col">${esc(t(T.postedOn, lang))}</th><th scope="col">${esc(t(T.download, lang))}</th></tr></thead><tbody>
${rows}
</tbody></table>`;
  return page({ lang, title, path: '/public/open-data', body, today: index.today });
}
