/**
 * 责令限制生产 / 停产整治 / 停产停业整顿 / 停业 / 关闭 决定书, 吊销营业执照决定书 (plan §2.1–§2.4). §2.2: ceasing or
 * closing cites the city government's approval (date and number) recorded on the case.
 */
import type { DocumentTemplate } from '../documents.service.ts';
import { basisText, CaseContent, enterpriseLine, linesTable, reference, zhDate } from './case-content.ts';

export const enforcementDecision: DocumentTemplate<CaseContent> = {
  kind: 'enforcement-decision',
  name: { zh: '责令停产、停业、关闭决定书', en: 'Decision ordering restriction, suspension, cessation or closure' },
  author: 'authority',
  content: CaseContent,
  compose(c) {
    const m = c.facts.measure ?? '关闭';
    const approval = reference(c, '市人民政府批准');
    const licence = m === '吊销营业执照';
    return {
      title: licence ? '吊销营业执照决定书' : `责令${m}决定书`,
      addressee: c.enterprise.name,
      body: [
        {
          kind: 'p',
          text: `当事人：${enterpriseLine(c)}${c.enterprise.address ? `，住所：${c.enterprise.address}` : ''}${c.enterprise.legalRepresentative ? `，法定代表人：${c.enterprise.legalRepresentative}` : ''}。`,
        },
        { kind: 'p', text: `${zhDate(c.finding.date)}，经查，你单位${c.finding.text}。` },
        ...c.references
          .filter((r) => r.label !== '市人民政府批准')
          .map((r) => ({ kind: 'p' as const, text: `本机关已于${r.date ? zhDate(r.date) : ''}作出《${r.label}》${r.number ? `（${r.number}）` : ''}。` })),
        { kind: 'p', text: `上述行为违反了${c.law}的规定。依据${basisText(c)}${approval ? `，并经市人民政府批准（${approval}）` : ''}，本机关决定：` },
        { kind: 'p', text: licence ? '吊销你单位营业执照。' : `责令你单位下列生产线（设备）${m}（产能合计${c.capacityTotal}）：` },
        ...(licence ? [] : [linesTable(c)]),
        ...(c.due
          ? [{ kind: 'p' as const, text: `期限：${zhDate(c.due.date)}前。${c.due.steps.length ? `期限的计算：${c.due.steps.join('；')}。` : ''}` }]
          : []),
        { kind: 'p', text: '你单位如不服本决定，可以在收到本决定书之日起六十日内依法申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。' },
      ],
    };
  },
};
