/** 延期整改申请书 (plan §2.1): the enterprise's application, registered by the unit that received it. */
import type { DocumentTemplate } from '../documents.service.ts';
import { CaseContent, reference, zhDate } from './case-content.ts';

export const extensionApplication: DocumentTemplate<CaseContent> = {
  kind: 'extension-application',
  name: { zh: '延期整改申请书', en: 'Application for an extension of the rectification period' },
  author: 'enterprise',
  content: CaseContent,
  signatory: (c) => c.enterprise.name,
  compose(c) {
    const notice = reference(c, '限期整改通知书');
    return {
      title: '延期整改申请书',
      addressee: c.facts.issuer,
      body: [
        {
          kind: 'p',
          text: `我单位${notice ? `收到${notice}后` : ''}，按要求对${c.lines.map((l) => l.name).join('、') || '相关生产线（设备）'}（产能合计${c.capacityTotal}）开展整改。`,
        },
        {
          kind: 'p',
          text: `因${c.facts.reason || '客观原因'}，确需延长整改期限。依据${c.basis.citationZh}（${c.basis.titleZh}），特申请延期${c.facts.requestedMonths}个月。`,
        },
        { kind: 'p', text: '我单位承诺在延长期限内完成整改，逾期未整改或者经整改仍未达标的，服从依法关停退出。' },
        { kind: 'p', text: '特此申请。' },
      ],
      notes: [`申请日期：${zhDate(c.act.date)}；统一社会信用代码：${c.enterprise.creditCode}`],
    };
  },
};
