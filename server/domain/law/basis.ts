/**
 * The legal-basis registry, as data. Every rule, deadline and transition cites one of these ids; the UI and the
 * Word notices print the citation from here. Sources: shared/domain/plan-en.md and facts-cn.md. Fields the
 * sources could not confirm are listed in `unverified` and never used to invent values.
 */
import { DomainError } from '../errors.ts';
import type { IsoDate } from '../dates.ts';
import { toChineseNumber } from './chinese-number.ts';
import { planSectionZh } from './plan-numbering.ts';

/**
 * What kind of text a basis is: the programme (plan), a statute or regulation, a national standard, the industrial
 * catalogue, a LOCAL choice of the city (执行口径: not the plan's text; configurable per city), or the platform's own
 * configuration. The console and the case explanation show `local` bases as local choices.
 */
export type BasisKind = 'plan' | 'statute' | 'standard' | 'catalogue' | 'local' | 'platform';

export interface LegalBasis {
  id: string;
  kind: BasisKind;
  instrument: string;
  instrumentZh: string;
  /** Article, clause or plan section, e.g. `art. 202` or `§2.1`. */
  article: string;
  /** The article as the instrument itself numbers it in Chinese, e.g. `二、（一）` for plan §2.1 (plan-numbering.ts). */
  articleZh?: string;
  title: string;
  titleZh: string;
  url?: string;
  /** First day in force; `null` when not confirmed by a source (see `unverified`). */
  effectiveFrom: IsoDate | null;
  effectiveTo?: IsoDate;
  /** Fields whose values are UNVERIFIED in facts-cn.md. */
  unverified?: readonly string[];
  note?: string;
}

const PLAN = 'Wuhu City 2020 Work Plan for the Exit of Outdated Production Capacity';
const PLAN_ZH = '芜湖市2020年落后产能退出工作方案';
const PLAN_URL = 'https://huanbao.bjx.com.cn/news/20200811/1096365.shtml';
/** The plan is the 2020 programme; its exact issue date is not in the sources, so it is read as from 2020-01-01. */
const PLAN_FROM = '2020-01-01';

function plan(section: string, title: string, titleZh: string): LegalBasis {
  return {
    id: `plan-2020-${section}`,
    kind: 'plan',
    instrument: PLAN,
    instrumentZh: PLAN_ZH,
    article: section,
    articleZh: planSectionZh(section) ?? section,
    title,
    titleZh,
    url: PLAN_URL,
    effectiveFrom: PLAN_FROM,
    unverified: ['effectiveFrom'],
    note: 'Programme year 2020; the issue date of the Wuhu plan is not recorded (facts-cn §0).',
  };
}

const CIVIL = { kind: 'statute', instrument: 'Civil Code of the PRC', instrumentZh: '中华人民共和国民法典', effectiveFrom: '2021-01-01' };
const GPCL = {
  kind: 'statute',
  instrument: 'General Provisions of the Civil Law of the PRC',
  instrumentZh: '中华人民共和国民法总则',
  effectiveFrom: '2017-10-01',
  effectiveTo: '2020-12-31',
  unverified: ['article text identical to the Civil Code (facts-cn §1.1)'],
};

const ARTS: ReadonlyArray<[string, string, string, string]> = [
  ['201', 'art. 201', 'Start day not counted', '开始的当日不计入'],
  ['202', 'art. 202', 'Months/years end on the corresponding day, or the month-end', '到期月的对应日为期间的最后一日；没有对应日的，月末日为最后一日'],
  ['203', 'art. 203', 'Last day on a statutory rest day rolls to the day after the rest ends', '最后一日是法定休假日的，以法定休假日结束的次日为最后一日'],
];

export const legalBases = [
  plan('§1', 'General requirements', '总体要求'),
  plan('§2.1', 'Energy consumption: rectify within 6 months, one extension of at most 3 months, else close', '能耗方面'),
  plan('§2.2', 'Environmental protection: restrict or suspend; serious cases closed with city-government approval', '环保方面'),
  plan('§2.3', 'Quality: investigate; serious cases lose the business licence', '质量方面'),
  plan('§2.4', 'Safety: rectify; suspend; close; issuing authorities revoke licences', '安全方面'),
  plan('§2.5', 'Technology: dismantle eliminated equipment, or seal, commit, publish and dismantle within a limit', '技术方面'),
  plan('§2.6', 'Supporting policies', '落实相关政策'),
  plan('§3.1', 'Rectify known problems; exit plans filed with the office', '抓好问题整改'),
  plan('§3.2', 'Strict routine enforcement', '严格常态化执法'),
  plan('§3.3', 'Working mechanism; yellow and red card lists', '完善工作机制'),
  plan('§3.4', 'Year-end summary; report before 15 January', '做好工作总结'),
  ...ARTS.map(([n, article, title, titleZh]): LegalBasis => ({ id: `civil-code-art-${n}`, ...CIVIL, kind: 'statute', article, title, titleZh })),
  ...ARTS.map(([n, article, title, titleZh]): LegalBasis => ({ id: `gpcl-art-${n}`, ...GPCL, kind: 'statute', article, title, titleZh })),
  {
    id: 'admin-coercion-law-art-69',
    kind: 'statute',
    instrument: 'Administrative Coercion Law of the PRC',
    instrumentZh: '中华人民共和国行政强制法',
    article: 'art. 69',
    title: 'Periods of ten days or less are working days',
    titleZh: '十日以内期限的规定是指工作日，不含法定节假日',
    effectiveFrom: '2012-01-01',
  },
  {
    id: 'admin-penalty-law-art-85',
    kind: 'statute',
    instrument: 'Administrative Penalty Law of the PRC (2021 revision)',
    instrumentZh: '中华人民共和国行政处罚法（2021年修订）',
    article: 'art. 85',
    title: 'Periods of two, three, five and seven days are working days',
    titleZh: '“二日”“三日”“五日”“七日”的规定是指工作日，不含法定节假日',
    effectiveFrom: '2021-07-15',
    unverified: ['effectiveFrom'],
  },
  {
    id: 'energy-conservation-law',
    kind: 'statute',
    instrument: 'Energy Conservation Law of the PRC',
    instrumentZh: '中华人民共和国节约能源法',
    article: '—',
    title: 'Mandatory energy-consumption limits',
    titleZh: '强制性能耗限额',
    effectiveFrom: null,
    unverified: ['effectiveFrom of the current revision', 'article numbers'],
  },
  {
    id: 'environmental-protection-law-art-60',
    kind: 'statute',
    instrument: 'Environmental Protection Law of the PRC (2014 revision)',
    instrumentZh: '中华人民共和国环境保护法（2014年修订）',
    article: 'art. 60',
    title: 'Restrict or suspend production; serious cases ceased or closed with the approval of the government',
    titleZh: '责令限制生产、停产整治；情节严重的，报经有批准权的人民政府批准，责令停业、关闭',
    effectiveFrom: '2015-01-01',
  },
  {
    id: 'product-quality-law',
    kind: 'statute',
    instrument: 'Product Quality Law of the PRC',
    instrumentZh: '中华人民共和国产品质量法',
    article: '—',
    title: 'Non-conforming, unlicensed and eliminated products; revocation of the business licence',
    titleZh: '生产不合格产品、无证生产、生产国家明令淘汰产品；吊销营业执照',
    effectiveFrom: null,
    unverified: ['effectiveFrom of the current revision', 'article numbers'],
  },
  {
    id: 'work-safety-law',
    kind: 'statute',
    instrument: 'Work Safety Law of the PRC',
    instrumentZh: '中华人民共和国安全生产法',
    article: '—',
    title: 'Rectification, suspension for rectification, closure; licences revoked by the issuing authority',
    titleZh: '责令整改、停产停业整顿、依法关闭；有关部门依法吊销有关证照',
    effectiveFrom: null,
    unverified: ['effectiveFrom of the current revision', 'article numbers'],
  },
  {
    id: 'cybersecurity-law-art-21',
    kind: 'statute',
    instrument: 'Cybersecurity Law of the PRC',
    instrumentZh: '中华人民共和国网络安全法',
    article: 'art. 21',
    title: 'Network logs kept for at least six months',
    titleZh: '留存相关的网络日志不少于六个月',
    effectiveFrom: '2017-06-01',
  },
  {
    id: 'catalogue-2019',
    kind: 'catalogue',
    instrument: 'Guiding Catalogue for Industrial Structure Adjustment (2019 edition), NDRC Order No. 29',
    instrumentZh: '产业结构调整指导目录（2019年本）（国家发展改革委令第29号）',
    article: '淘汰类',
    title: 'Eliminated category',
    titleZh: '淘汰类',
    effectiveFrom: '2020-01-01',
    effectiveTo: '2024-01-31',
  },
  {
    id: 'catalogue-2024',
    kind: 'catalogue',
    instrument: 'Guiding Catalogue for Industrial Structure Adjustment (2024 edition)',
    instrumentZh: '产业结构调整指导目录（2024年本）',
    article: '淘汰类',
    title: 'Eliminated category',
    titleZh: '淘汰类',
    effectiveFrom: '2024-02-01',
    unverified: ['order number'],
  },
  {
    id: 'gb-21256-2013',
    kind: 'standard',
    instrument: 'GB 21256-2013 (amended GB 21256-2013/XG1-2018)',
    instrumentZh: 'GB 21256-2013《粗钢生产主要工序单位产品能源消耗限额》',
    article: '4.1, 4.2',
    title: 'Energy limits for the main processes of crude steel (sintering, pelletising, blast furnace, converter)',
    titleZh: '粗钢生产主要工序单位产品能源消耗限额（烧结、球团、高炉、转炉）',
    effectiveFrom: '2014-10-01',
    unverified: ['limit values (not encoded)', 'effectiveTo'],
  },
  {
    id: 'gb-21256-2025',
    kind: 'standard',
    instrument: 'GB 21256-2025',
    instrumentZh: 'GB 21256-2025《粗钢生产主要工序单位产品能源消耗限额》',
    article: '—',
    title: 'Energy limits for crude steel (current edition)',
    titleZh: '粗钢生产主要工序单位产品能源消耗限额（现行版）',
    effectiveFrom: null,
    unverified: ['effectiveFrom', 'limit values (secondary transcription only, not encoded)'],
  },
  {
    id: 'gb-16780-2012',
    kind: 'standard',
    instrument: 'GB 16780-2012',
    instrumentZh: 'GB 16780-2012《水泥单位产品能源消耗限额》',
    article: '—',
    title: 'Energy limits per unit of cement',
    titleZh: '水泥单位产品能源消耗限额',
    effectiveFrom: null,
    unverified: ['effectiveFrom', 'effectiveTo', 'limit values (not encoded)'],
  },
  {
    id: 'gb-16780-2021',
    kind: 'standard',
    instrument: 'GB 16780-2021',
    instrumentZh: 'GB 16780-2021《水泥单位产品能源消耗限额》',
    article: '—',
    title: 'Energy limits per unit of cement (current edition)',
    titleZh: '水泥单位产品能源消耗限额（现行版）',
    effectiveFrom: null,
    unverified: ['effectiveFrom', 'limit values (secondary transcription only, not encoded)'],
  },
  {
    id: 'gb-21340-2013',
    kind: 'standard',
    instrument: 'GB 21340-2013',
    instrumentZh: 'GB 21340-2013《平板玻璃单位产品能源消耗限额》',
    article: '—',
    title: 'Energy limits per unit of flat glass',
    titleZh: '平板玻璃单位产品能源消耗限额',
    effectiveFrom: null,
    unverified: ['effectiveFrom', 'effectiveTo (replaced by GB 21340-2019)', 'limit values (not encoded)'],
  },
  {
    id: 'gb-21340-2019',
    kind: 'standard',
    instrument: 'GB 21340-2019',
    instrumentZh: 'GB 21340-2019《玻璃和铸石单位产品能源消耗限额》',
    article: '—',
    title: 'Energy limits per unit of glass and cast stone',
    titleZh: '玻璃和铸石单位产品能源消耗限额',
    effectiveFrom: null,
    unverified: ['effectiveFrom (possibly late 2020)', 'limit values (secondary transcription only, not encoded)'],
  },
  {
    // A LOCAL choice of the city (执行口径): where the plan is silent, the city's leading-group office fixes how the
    // platform reads it. Cited as such, never as the plan; change the values in law/parameters.ts (one dated
    // version per change) or add another city's basis beside this one.
    id: 'local-wuhu-执行口径-2020',
    kind: 'local',
    instrument: 'Wuhu implementation practice (local choice of the city leading-group office), not the text of the plan',
    instrumentZh: '芜湖市淘汰落后产能工作执行口径（市领导小组办公室确定的本地口径，非《方案》原文）',
    article: '—',
    title: 'Local choice where the plan and the statutes are silent (configurable per city)',
    titleZh: '《方案》及法律未作规定之处的本地执行口径（可按城市配置）',
    effectiveFrom: '2020-01-01',
    note: 'Local choice: configurable per city in server/domain/law/parameters.ts; see docs/law.md.',
  },
  {
    id: 'phaseout-local-default',
    kind: 'platform',
    instrument: 'Phaseout platform configuration (set by the leading-group office)',
    instrumentZh: '平台配置（市淘汰落后产能工作领导小组办公室设定）',
    article: '—',
    title: 'Local default, not a legal rule',
    titleZh: '本地默认值，非法定规则',
    effectiveFrom: '2020-01-01',
  },
] as const satisfies readonly LegalBasis[];

/** Every id in the registry. */
export type BasisId = (typeof legalBases)[number]['id'];

const byId = new Map<string, LegalBasis>(legalBases.map((b) => [b.id, b]));

/**
 * Adds bases that come as data (a later year's plan, law/programmes.json) to the registry. Ids already present are
 * refused (the static registry wins). Called once at module load by law/programmes.ts.
 */
export function registerDataBases(bases: readonly LegalBasis[]): void {
  for (const b of bases) {
    if (byId.has(b.id)) throw new RangeError(`basis ${b.id} is already registered`);
    byId.set(b.id, b);
  }
}

/** Every basis, the static registry and those given as data. */
export function allBases(): LegalBasis[] {
  return [...byId.values()];
}

/** Whether the basis is a local choice of the city (shown as such, never as the plan). */
export function isLocalBasis(id: string): boolean {
  return byId.get(id)?.kind === 'local';
}

/** Whether `id` is a registered basis id. */
export function isBasisId(id: string): id is BasisId {
  return byId.has(id);
}

/** The registry entry; throws `UNKNOWN_BASIS` for an unknown id. */
export function basisById(id: string): LegalBasis {
  const b = byId.get(id);
  if (!b) throw new DomainError('UNKNOWN_BASIS', { id });
  return b;
}

/** A printable citation, e.g. `Civil Code of the PRC, art. 202` / `《中华人民共和国民法典》第二百零二条`, `《芜湖市2020年落后产能退出工作方案》二、（一）`. */
export function citation(id: string, lang: 'zh' | 'en' = 'en'): string {
  const b = basisById(id);
  if (lang === 'en') return b.article === '—' ? b.instrument : `${b.instrument}, ${b.article}`;
  // officials cite a statute by its article (第七十二条) and the plan by its own numbering (二、（一）), never by § ids
  const art = b.articleZh ?? (b.article.startsWith('art. ') ? `第${toChineseNumber(Number(b.article.slice(5)))}条` : b.article);
  return art === '—' ? `《${b.instrumentZh}》` : `《${b.instrumentZh}》${art}`;
}

const refs = new Map<string, { citation: string; citationZh: string }>();

/** `{ id, citation, citationZh }` as deadline answers list it (memoised: an entry never changes once registered). */
export function basisRef(id: string): { id: string; citation: string; citationZh: string } {
  let r = refs.get(id);
  if (!r) refs.set(id, (r = { citation: citation(id, 'en'), citationZh: citation(id, 'zh') }));
  return { id, citation: r.citation, citationZh: r.citationZh };
}

/** `basisRef` plus the basis kind (`local` = the city's own choice, shown as such). */
export function basisRefWithKind(id: string): { id: string; citation: string; citationZh: string; kind: BasisKind } {
  return { ...basisRef(id), kind: basisById(id).kind };
}

/** Whether the basis is in force on `date` (`undefined` when its start date is unverified). */
export function basisInForce(id: string, date: IsoDate): boolean | undefined {
  const b = basisById(id);
  if (b.effectiveTo !== undefined && date > b.effectiveTo) return false;
  if (b.effectiveFrom === null) return undefined;
  return date >= b.effectiveFrom;
}

export { toChineseNumber } from './chinese-number.ts';
