/** 封存公告 (plan §2.5): published by the city and the county-level competent authorities, under public supervision. */
import type { DocumentTemplate } from '../documents.service.ts';
import { basisText, CaseContent, linesTable, zhDate } from './case-content.ts';

export const sealingNotice: DocumentTemplate<CaseContent> = {
  kind: 'sealing-notice',
  name: { zh: '封存公告', en: 'Public notice of sealing' },
  author: 'authority',
  content: CaseContent,
  compose(c) {
    return {
      title: '关于淘汰落后生产设备（生产线）封存情况的公告',
      body: [
        {
          kind: 'p',
          text: `${c.enterprise.name}（统一社会信用代码：${c.enterprise.creditCode}，属地：${c.territoryName}）${c.finding.text}。依据${basisText(c)}，上述企业已对下列主体设备（生产线）采取断水、断电、拆除动力装置、封存主体设备等措施，并向社会公开承诺不再恢复生产：`,
        },
        linesTable(c),
        {
          kind: 'p',
          text: `涉及产能合计${c.capacityTotal}。上述设备（生产线）将依法限时拆除。现予公告，接受社会监督。如发现擅自启封、恢复生产的，请向本机关举报。`,
        },
        ...(c.facts.url
          ? [{ kind: 'p' as const, text: `本公告同时在${c.facts.level === 'county' ? '县（市）区' : '市'}级主管部门网站发布：${c.facts.url}` }]
          : []),
        { kind: 'p', text: `公告日期：${zhDate(c.act.date)}。` },
      ],
    };
  },
};
