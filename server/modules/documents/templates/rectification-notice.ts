/** 限期整改通知书 (plan §2.1 energy; §2.4 safety): the finding, the period and its legal computation, what follows. */
import type { DocumentTemplate } from '../documents.service.ts';
import { basisText, CaseContent, enterpriseLine, linesTable, zhDate } from './case-content.ts';

export const rectificationNotice: DocumentTemplate<CaseContent> = {
  kind: 'rectification-notice',
  name: { zh: '限期整改通知书', en: 'Notice of rectification within a time limit' },
  author: 'authority',
  content: CaseContent,
  deadlineFromService: true,
  compose(c) {
    const due = c.due;
    return {
      title: '限期整改通知书',
      addressee: c.enterprise.name,
      body: [
        { kind: 'p', text: `${zhDate(c.finding.date)}，经检查，你单位${c.finding.text}。涉及的生产线（设备）及产能如下（合计${c.capacityTotal}）：` },
        linesTable(c),
        { kind: 'p', text: `上述情况不符合${c.law}的规定。依据${basisText(c)}，现责令你单位限期整改。` },
        { kind: 'h1', text: '一、整改期限' },
        {
          kind: 'p',
          text: due
            ? `你单位应于${zhDate(due.date)}前完成整改（期限自本通知送达之日起算，按${zhDate(c.act.date)}送达计算；实际送达晚于该日的，期限自实际送达之日起相应顺延，以送达回证记载的日期为准）。`
            : '整改期限见本机关另行通知。',
        },
        ...(due
          ? [
              { kind: 'h1' as const, text: '二、期限的计算' },
              ...due.steps.map((s, i) => ({ kind: 'p' as const, text: `${i + 1}．${s}` })),
              { kind: 'p' as const, text: `计算依据：${due.citations.join('、')}。` },
            ]
          : []),
        { kind: 'h1', text: `${due ? '三' : '二'}、后续处理` },
        { kind: 'p', text: c.facts.followUp ?? '逾期未整改或者经整改仍未达标的，将依法处理。' },
        { kind: 'p', text: `特此通知。` },
      ],
      notes: [`本通知涉及企业：${enterpriseLine(c)}；属地：${c.territoryName}`],
    };
  },
};
