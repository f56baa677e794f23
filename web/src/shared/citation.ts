/**
 * Citations as officials write them (issue 17 item 9). In Chinese the plan is cited by its own numbering
 * (《芜湖市2020年落后产能退出工作方案》二、（一）) and a statute by its article (第六十九条); in English, and in the API,
 * the § ids stay. The numbering table is the server's (server/domain/law/plan-numbering.ts), imported as data.
 */
import { toChineseNumber } from '../../../server/domain/law/chinese-number.ts';
import { planRefsToZh, planSectionZh } from '../../../server/domain/law/plan-numbering.ts';
/** The console's languages (as in web/src/i18n). */
type Lang = 'zh' | 'en';

export interface CitableBasis {
  instrument: string;
  instrumentZh: string;
  article: string;
  articleZh?: string;
  citation?: string;
  citationZh?: string;
}

/** 《民法典》第二百零二条 / 《方案》二、（一） in Chinese; `Civil Code of the PRC, art. 202` / `…, §2.1` in English. */
export function formatCitation(b: CitableBasis, lang: Lang): string {
  if (lang === 'en') return b.citation ?? (b.article === '—' ? b.instrument : `${b.instrument}, ${b.article}`);
  if (b.citationZh) return planRefsToZh(b.citationZh);
  const m = /^art\.\s*(\d+)$/.exec(b.article);
  const art = b.articleZh ?? (m ? `第${toChineseNumber(Number(m[1]))}条` : (planSectionZh(b.article) ?? b.article));
  return art === '—' ? `《${b.instrumentZh}》` : `《${b.instrumentZh}》${art}`;
}

/**
 * A Chinese text from the server (a refusal, a rule, a citation) with every plan reference `§2.1` rewritten to the
 * plan's numbering `二、（一）`; English text is returned unchanged.
 */
export function citeText(text: string, lang: Lang): string {
  return lang === 'zh' ? planRefsToZh(text) : text;
}
