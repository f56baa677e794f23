/** 限期拆除通知书 (plan §2.5): dismantle the sealed main equipment by the due date. */
import type { DocumentTemplate } from '../documents.service.ts';
import { basisText, CaseContent, linesTable, reference, zhDate } from './case-content.ts';

export const dismantleNotice: DocumentTemplate<CaseContent> = {
  kind: 'dismantle-notice',
  name: { zh: '限期拆除通知书', en: 'Notice to dismantle within a time limit' },
  author: 'authority',
  content: CaseContent,
  compose(c) {
    const sealing = reference(c, '关于淘汰落后生产设备（生产线）封存情况的公告');
    return {
      title: '限期拆除通知书',
      addressee: c.enterprise.name,
      body: [
        { kind: 'p', text: `你单位下列生产线（设备）${c.finding.text.replace(/^使用/, '属于')}${sealing ? `，已由${sealing}予以公告` : ''}：` },
        linesTable(c),
        {
          kind: 'p',
          text: `依据${basisText(c)}，淘汰的工艺技术装备须拆除相应主体设备。请你单位于${c.due ? zhDate(c.due.date) : '规定期限'}前依法拆除上述主体设备（产能合计${c.capacityTotal}），并将拆除情况（照片、视频等）报送本机关。`,
        },
        ...(c.due?.steps.length ? [{ kind: 'p' as const, text: `期限的计算：${c.due.steps.join('；')}。计算依据：${c.due.citations.join('、')}。` }] : []),
        { kind: 'p', text: '逾期未拆除的，本机关将依法处理。特此通知。' },
      ],
    };
  },
};
