/** 复查意见书 (plan §2.1, §2.2, §2.4): the result of re-inspecting the rectification. */
import type { DocumentTemplate } from '../documents.service.ts';
import { basisText, CaseContent, linesTable, reference, zhDate } from './case-content.ts';

export const reinspectionOpinion: DocumentTemplate<CaseContent> = {
  kind: 'reinspection-opinion',
  name: { zh: '复查意见书', en: 'Re-inspection opinion' },
  author: 'authority',
  content: CaseContent,
  compose(c) {
    const pass = c.facts.result === 'pass';
    const notice = reference(c, '限期整改通知书');
    return {
      title: '复查意见书',
      addressee: c.enterprise.name,
      body: [
        { kind: 'p', text: `${zhDate(c.act.date)}，本机关${notice ? `根据${notice}` : ''}对你单位下列生产线（设备）的整改情况进行了复查：` },
        linesTable(c),
        pass
          ? {
              kind: 'p',
              text: `经复查，你单位已按要求完成整改${c.facts.measured ? `（复查实测值${c.facts.measured}）` : ''}，达到规定要求。本案依据${basisText(c)}予以销号。`,
            }
          : {
              kind: 'p',
              text: `经复查，你单位整改后仍未达到规定要求${c.facts.measured ? `（复查实测值${c.facts.measured}）` : ''}。依据${basisText(c)}，本机关将依法作出进一步处理决定。`,
            },
        { kind: 'p', text: '特此告知。' },
      ],
    };
  },
};
