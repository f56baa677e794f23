/** 提请吊销有关证照的函 (plan §2.4): the department asks the issuing authority to revoke a licence (移送/吊销建议). */
import type { DocumentTemplate } from '../documents.service.ts';
import { basisText, CaseContent, enterpriseLine, reference, zhDate } from './case-content.ts';

export const referral: DocumentTemplate<CaseContent> = {
  kind: 'referral',
  name: { zh: '提请吊销证照函', en: 'Referral to revoke a licence' },
  author: 'authority',
  content: CaseContent,
  compose(c) {
    const closure = reference(c, '责令关闭决定书');
    return {
      title: `关于提请吊销${c.enterprise.name}${c.facts.licence ?? '有关证照'}的函`,
      addressee: c.facts.issuingAuthority,
      body: [
        { kind: 'p', text: `${enterpriseLine(c)}${c.finding.text}，${closure ? `本机关已作出${closure}，` : ''}依法予以关闭。` },
        {
          kind: 'p',
          text: `依据${basisText(c)}及${c.law}的规定，对依法关闭的企业，由有关部门依法吊销有关证照。现提请你单位依法吊销该企业的${c.facts.licence ?? '有关证照'}，并将办理结果函告本机关。`,
        },
        { kind: 'p', text: `附：企业基本情况及关闭决定（${zhDate(c.act.date)}）。` },
        { kind: 'p', text: '特此函告。' },
      ],
      attachments: ['企业基本情况', '关闭决定书'],
    };
  },
};
