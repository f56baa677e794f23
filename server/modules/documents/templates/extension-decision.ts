/** 延期整改申请的批复 (plan §2.1): approved (with the new due date and its computation) or refused. */
import type { DocumentTemplate } from '../documents.service.ts';
import { basisText, CaseContent, reference, zhDate } from './case-content.ts';

export const extensionDecision: DocumentTemplate<CaseContent> = {
  kind: 'extension-decision',
  name: { zh: '延期整改批复', en: 'Decision on the extension application' },
  author: 'authority',
  content: CaseContent,
  compose(c) {
    const approved = c.facts.decision === 'approved';
    const application = reference(c, '延期整改申请书');
    const notice = reference(c, '限期整改通知书');
    return {
      title: approved ? '关于同意延期整改的批复' : '关于不予批准延期整改申请的批复',
      addressee: c.enterprise.name,
      body: [
        {
          kind: 'p',
          text: `你单位${application ? `报送的${application}` : '的延期整改申请'}收悉。${notice ? `经审查，对照${notice}，` : '经审查，'}依据${basisText(c)}，批复如下：`,
        },
        ...(approved
          ? [
              {
                kind: 'p' as const,
                text: `同意你单位延期整改${c.facts.grantedMonths}个月，整改期限延至${c.due ? zhDate(c.due.date) : '—'}。延期以一次为限，不再受理延期申请。`,
              },
              ...(c.due?.steps.length
                ? [{ kind: 'p' as const, text: `期限的计算：${c.due.steps.join('；')}。计算依据：${c.due.citations.join('、')}。` }]
                : []),
            ]
          : [{ kind: 'p' as const, text: `不予批准。${c.facts.reason ? `理由：${c.facts.reason}。` : ''}你单位应按原定期限完成整改。` }]),
        { kind: 'p', text: c.facts.followUp ?? '逾期未整改或者经整改仍未达标的，依法关停退出。' },
        { kind: 'p', text: '此复。' },
      ],
    };
  },
};
