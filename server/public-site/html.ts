/**
 * The public site's HTML: escaping, the page frame (landmarks, skip link, language switch, print styles in
 * site.css) and the two languages. Server-rendered, no script: it works in any browser and for screen readers.
 */
export type Lang = 'zh' | 'en';

export function langOf(q: unknown): Lang {
  return q === 'en' ? 'en' : 'zh';
}

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Escapes text for HTML content and attribute values. */
export function esc(v: unknown): string {
  return String(v ?? '').replace(/[&<>"']/g, (c) => ESC[c]!);
}

/** A URL with the language kept (zh is the default and carries no parameter). */
export function href(path: string, lang: Lang, params: Record<string, string | number | undefined> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  if (lang === 'en') q.set('lang', 'en');
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

export const T = {
  site: { zh: '芜湖市落后产能退出信息公开', en: 'Wuhu: public information on the exit of outdated capacity' },
  home: { zh: '首页', en: 'Home' },
  skip: { zh: '跳到主要内容', en: 'Skip to main content' },
  lists: { zh: '公开名单', en: 'Public lists' },
  tips: { zh: '举报线索', en: 'Report a tip' },
  tipStatus: { zh: '查询举报进度', en: 'Follow a tip' },
  openData: { zh: '开放数据', en: 'Open data' },
  otherLang: { zh: 'English', en: '中文' },
  otherLangLabel: { zh: 'Switch to English', en: '切换到中文' },
  enterprise: { zh: '企业名称', en: 'Enterprise' },
  creditCode: { zh: '统一社会信用代码', en: 'Unified social credit code' },
  territory: { zh: '属地', en: 'Territory' },
  industry: { zh: '行业', en: 'Industry' },
  dimensions: { zh: '事由', en: 'Grounds' },
  since: { zh: '列入日期', en: 'Listed since' },
  dueOn: { zh: '整改期限', en: 'Rectify by' },
  equipment: { zh: '退出设备及产能', en: 'Equipment and capacity exited' },
  list: { zh: '名单', en: 'List' },
  version: { zh: '版本', en: 'Version' },
  number: { zh: '编号', en: 'Number' },
  postedOn: { zh: '发布日期', en: 'Posted on' },
  publisher: { zh: '发布单位', en: 'Published by' },
  history: { zh: '历史版本', en: 'Earlier versions' },
  changes: { zh: '变更内容', en: 'What changed' },
  added: { zh: '新增', en: 'Added' },
  removed: { zh: '移出（摘牌）', en: 'Removed (delisted)' },
  changed: { zh: '信息变更', en: 'Changed' },
  reason: { zh: '说明', en: 'Reason' },
  search: { zh: '搜索', en: 'Search' },
  keyword: { zh: '企业名称或信用代码', en: 'Name or credit code' },
  all: { zh: '全部', en: 'All' },
  filter: { zh: '筛选', en: 'Filter' },
  noEntries: { zh: '暂无已公布的名单内容。', en: 'Nothing has been published on this list yet.' },
  notPublished: { zh: '尚未发布', en: 'Not published yet' },
  total: { zh: '共 {n} 条', en: '{n} entries' },
  page: { zh: '第 {p} / {n} 页', en: 'Page {p} of {n}' },
  prev: { zh: '上一页', en: 'Previous page' },
  next: { zh: '下一页', en: 'Next page' },
  download: { zh: '下载', en: 'Download' },
  fromVersion: { zh: '出自', en: 'From' },
  withdrawn: { zh: '本名单已撤回', en: 'This list has been withdrawn' },
  actions: { publish: { zh: '发布', en: 'Published' }, correct: { zh: '更正', en: 'Correction' }, withdraw: { zh: '撤回', en: 'Withdrawal' } },
  commitment: { zh: '不再恢复生产承诺', en: 'Public commitment not to resume production' },
  notices: { zh: '封存公告', en: 'Sealing notices' },
  noticeCity: { zh: '市级', en: 'City' },
  noticeCounty: { zh: '县（区）级', en: 'County/district' },
  onLists: { zh: '在公开名单中', en: 'On public lists' },
  notFound: { zh: '未找到', en: 'Not found' },
  notFoundText: { zh: '页面不存在，或尚未公开。', en: 'This page does not exist or is not public yet.' },
  hash: { zh: '内容校验值（SHA-256）', en: 'Content hash (SHA-256)' },
  feed: { zh: '发布订阅（Atom）', en: 'Publications feed (Atom)' },
  printNote: { zh: '打印日期', en: 'Printed' },
} as const;

export const t = (k: { zh: string; en: string }, lang: Lang, vars: Record<string, string | number> = {}): string =>
  k[lang].replace(/\{(\w+)\}/g, (_m, v: string) => String(vars[v] ?? ''));

export const DIMENSION_NAMES: Record<string, { zh: string; en: string }> = {
  energy: { zh: '能耗', en: 'Energy' },
  environment: { zh: '环保', en: 'Environment' },
  quality: { zh: '质量', en: 'Quality' },
  safety: { zh: '安全', en: 'Safety' },
  technology: { zh: '技术', en: 'Technology' },
};

/** The page frame: one h1 per page, landmarks, a skip link, the language switch keeping the path and query. */
export function page(o: { lang: Lang; title: string; path: string; query?: Record<string, string | number | undefined>; body: string; today: string }): string {
  const { lang } = o;
  const other: Lang = lang === 'zh' ? 'en' : 'zh';
  const nav = [
    [href('/public', lang), t(T.lists, lang)],
    [href('/public/tips/new', lang), t(T.tips, lang)],
    [href('/public/tips/status', lang), t(T.tipStatus, lang)],
    [href('/public/open-data', lang), t(T.openData, lang)],
  ];
  return `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${esc(o.title)} - ${esc(t(T.site, lang))}</title>
<link rel="stylesheet" href="/public/site.css">
<link rel="alternate" type="application/atom+xml" href="/open-data/feed.atom" title="${esc(t(T.feed, lang))}">
</head>
<body>
<a class="skip" href="#main">${esc(t(T.skip, lang))}</a>
<header class="site">
<p class="site-name"><a href="${esc(href('/public', lang))}">${esc(t(T.site, lang))}</a></p>
<nav aria-label="${lang === 'zh' ? '主导航' : 'Main'}"><ul>${nav.map(([u, l]) => `<li><a href="${esc(u)}">${esc(l)}</a></li>`).join('')}
<li><a href="${esc(href(o.path, other, o.query))}" lang="${other === 'zh' ? 'zh-CN' : 'en'}" hreflang="${other === 'zh' ? 'zh-CN' : 'en'}" aria-label="${esc(t(T.otherLangLabel, lang))}">${esc(t(T.otherLang, lang))}</a></li></ul></nav>
</header>
<main id="main" tabindex="-1">
${o.body}
</main>
<footer class="site"><p>${esc(t(T.site, lang))} · <span class="print-only">${esc(t(T.printNote, lang))} ${esc(o.today)} · </span><a href="/open-data/feed.atom">${esc(t(T.feed, lang))}</a></p></footer>
</body>
</html>
`;
}

/** The site's one style sheet: readable sizes in rem, strong contrast, visible focus, and print styles. */
export const SITE_CSS = `
*{box-sizing:border-box}
html{font-size:100%}
body{margin:0;font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",system-ui,sans-serif;color:#1a1a1a;background:#fff;line-height:1.6}
a{color:#0b4f9c}
a:focus,button:focus,input:focus,select:focus,textarea:focus,main:focus-visible{outline:3px solid #b35900;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem 1rem}
.skip:focus{left:0;z-index:10}
header.site{background:#0b3d73;color:#fff;padding:.75rem 1rem}
header.site a{color:#fff}
.site-name{margin:0 0 .25rem;font-size:1.25rem;font-weight:bold}
header.site ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:1rem}
main{max-width:72rem;margin:0 auto;padding:1rem}
footer.site{border-top:1px solid #ccc;padding:1rem;color:#444;font-size:.875rem}
table{border-collapse:collapse;width:100%;margin:1rem 0}
caption{text-align:left;font-weight:bold;padding:.25rem 0}
th,td{border:1px solid #999;padding:.4rem .5rem;text-align:left;vertical-align:top}
th{background:#eef2f7}
form.filters{display:flex;flex-wrap:wrap;gap:.75rem;align-items:flex-end;margin:1rem 0}
form label{display:block;font-weight:bold}
input,select,textarea,button{font:inherit;padding:.35rem .5rem;border:1px solid #555;border-radius:3px}
button{background:#0b3d73;color:#fff;border-color:#0b3d73;cursor:pointer}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(16rem,1fr));gap:1rem;padding:0;list-style:none}
.cards li{border:1px solid #999;border-radius:4px;padding:1rem}
.note{color:#333;background:#fff8e1;border-left:4px solid #b35900;padding:.5rem 1rem}
.error{color:#8a1111;background:#fdecea;border-left:4px solid #8a1111;padding:.5rem 1rem}
.mono{font-family:monospace;word-break:break-all}
.pager{display:flex;gap:1rem}
.print-only{display:none}
@media print{
  header.site nav,form.filters,.pager,.skip,.downloads{display:none}
  header.site{background:none;color:#000;border-bottom:2px solid #000}
  header.site a{color:#000;text-decoration:none}
  a{color:#000}
  .print-only{display:inline}
  table{font-size:10pt}
  tr{page-break-inside:avoid}
  main{max-width:none;padding:0}
}
`;
