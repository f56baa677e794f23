/**
 * 通报 (circulated criticism) and 约谈通知 (summons notice) of the office's supervision (plan §3.3, issue 13): the
 * territory, why, the indicator figures frozen when the record was made and the criteria they met (the office's
 * dated thresholds: the plan names no numbers), and for a summons the date, place and who attends.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { DocumentTemplate } from '../documents.service.ts';
import type { Block } from '../layout.ts';

const Text = Type.String({ maxLength: 4000 });
export const SupervisionContent = Type.Object({
  territoryName: Type.String({ minLength: 1, maxLength: 100 }),
  reason: Text,
  /** the frozen figures, one line each */
  figures: Type.Array(Type.String({ maxLength: 500 }), { maxItems: 20 }),
  heldOn: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
  place: Type.Union([Type.String({ maxLength: 200 }), Type.Null()]),
  attendees: Type.Union([Type.String({ maxLength: 1000 }), Type.Null()]),
  summary: Type.Union([Text, Type.Null()]),
  commitments: Type.Array(Type.Object({ text: Type.String({ maxLength: 500 }), dueOn: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }) }), { maxItems: 50 }),
});
export type SupervisionContent = Static<typeof SupervisionContent>;

const zhDate = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
const PLAN = '《芜湖市2020年落后产能退出工作方案》“完善工作机制”';

function facts(c: SupervisionContent): Block[] {
  return [...c.figures.map((f, i) => ({ kind: 'p' as const, text: `${i + 1}．${f}。` })), { kind: 'p', text: `事由：${c.reason}` }];
}

export const supervisionCriticism: DocumentTemplate<SupervisionContent> = {
  kind: 'supervision-criticism',
  name: { zh: '通报', en: 'Circulated criticism' },
  author: 'authority',
  content: SupervisionContent,
  compose(c) {
    return {
      title: `关于${c.territoryName}落后产能退出工作进展缓慢的通报`,
      addressee: '各县（市）区人民政府，各开发区管委会，市直有关单位',
      body: [
        { kind: 'p', text: `根据${PLAN}的要求，对退出工作进展缓慢的县（市）区、开发区予以通报。经调度，${c.territoryName}存在以下情况：` },
        ...facts(c),
        ...(c.summary ? [{ kind: 'p' as const, text: c.summary }] : []),
        { kind: 'p', text: `请${c.territoryName}高度重视，认真分析原因，逐项制定整改措施，按期将整改情况报市淘汰落后产能工作领导小组办公室。` },
        ...c.commitments.map((x) => ({ kind: 'p' as const, text: `整改要求：${x.text}（${zhDate(x.dueOn)}前）。` })),
        { kind: 'p', text: '特此通报。' },
      ],
    };
  },
};

export const supervisionSummons: DocumentTemplate<SupervisionContent> = {
  kind: 'supervision-summons',
  name: { zh: '约谈通知', en: 'Summons notice' },
  author: 'authority',
  content: SupervisionContent,
  compose(c) {
    return {
      title: `关于约谈${c.territoryName}负责同志的通知`,
      addressee: c.territoryName,
      body: [
        { kind: 'p', text: `根据${PLAN}的要求，经调度，你单位落后产能退出工作存在以下情况：` },
        ...facts(c),
        {
          kind: 'p',
          text: `定于${zhDate(c.heldOn)}${c.place ? `在${c.place}` : ''}约谈你单位负责同志，请${c.attendees ?? '分管负责同志及有关部门负责同志'}准时参加，并就整改措施和完成时限作出说明。`,
        },
        ...(c.summary ? [{ kind: 'p' as const, text: `约谈内容：${c.summary}` }] : []),
        ...c.commitments.map((x) => ({ kind: 'p' as const, text: `承诺事项：${x.text}（${zhDate(x.dueOn)}前完成）。` })),
        { kind: 'p', text: '特此通知。' },
      ],
    };
  },
};
