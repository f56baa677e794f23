/** 公开承诺书 (plan §2.5): the enterprise commits publicly not to resume production. */
import type { DocumentTemplate } from '../documents.service.ts';
import { CaseContent, linesTable } from './case-content.ts';

export const publicCommitment: DocumentTemplate<CaseContent> = {
  kind: 'public-commitment',
  name: { zh: '公开承诺书', en: 'Public commitment' },
  author: 'enterprise',
  content: CaseContent,
  signatory: (c) => c.enterprise.name,
  compose(c) {
    return {
      title: '不再恢复生产公开承诺书',
      body: [
        {
          kind: 'p',
          text: `我单位（${c.enterprise.name}，统一社会信用代码：${c.enterprise.creditCode}）下列生产线（设备）属于${c.finding.text.replace(/^使用/, '')}，依据${c.basis.citationZh}（${c.basis.titleZh}），已采取断水、断电、拆除动力装置、封存主体设备等措施：`,
        },
        linesTable(c),
        {
          kind: 'p',
          text: `我单位郑重承诺：上述设备（生产线，产能合计${c.capacityTotal}）不再恢复生产，并在规定期限内依法拆除；同意在市、县区两级主管部门网站公告，接受社会监督。如有违反，愿承担相应法律责任。`,
        },
        ...(c.facts.note ? [{ kind: 'p' as const, text: c.facts.note }] : []),
      ],
    };
  },
};
