/**
 * Who acts next (issue 17 item 1): "待市发展改革委送达限期整改通知 · 剩 10 天" on every case, list row and workbench row,
 * from the `next` field the server derives from the transition table; on the case page, when the user has no act,
 * the panel names who may act.
 */
import { Space, Tag, Typography } from 'antd';
import type { CaseSummary } from '../../api/index.ts';
import type { ResponseOf } from '../../api/generated.ts';
import { useI18n, type Translate } from '../../i18n/index.tsx';
import type { Lang } from '../../i18n/dict.ts';
import { actLabel } from './refusal.ts';
import { withParens } from '../../i18n/punct.ts';

/** The `next` field of a case (GET /cases items, GET /cases/:id). */
export type NextInfo = ResponseOf<'/api/v1/cases/{id}', 'get'>['next'];
export type CaseWithNext = CaseSummary & {
  next?: NextInfo;
  territoryName?: { name: string; nameEn: string };
  departmentName?: { name: string; nameEn: string };
};

/** "待镜湖区或市发展改革委送达限期整改通知" / "Awaiting 镜湖区 or … : Serve rectification order" (the first act awaited; more as "等 N 项"). */
export function nextText(next: NextInfo | undefined, lang: Lang, t: Translate, pick: (zh: string, en: string) => string): string {
  if (!next || next.waitingFor.length === 0) return '';
  const first = next.waitingFor[0]!;
  const who = first.actors.map((a) => pick(a.name, a.nameEn)).join(lang === 'zh' ? '或' : ' or ');
  const base = t('next.waiting', { who, act: actLabel(lang, first.act) });
  return next.waitingFor.length > 1 ? `${base}${t('next.more', { n: next.waitingFor.length - 1 })}` : base;
}

export function daysLeftText(next: NextInfo | undefined, t: Translate): string {
  if (!next || next.daysLeft === null || next.daysLeft === undefined) return '';
  if (next.daysLeft < 0) return t('next.overdueBy', { n: -next.daysLeft });
  if (next.daysLeft === 0) return t('next.dueToday');
  return t('next.daysLeft', { n: next.daysLeft });
}

/** One line for tables: what is awaited from whom, and the days left as a tag. */
export function NextActionCell({ item }: { item: CaseWithNext }) {
  const { t, lang, pick } = useI18n();
  const text = nextText(item.next, lang, t, pick);
  if (item.closed || !text) return <Typography.Text type="secondary">—</Typography.Text>;
  const days = item.next?.daysLeft;
  return (
    <span data-testid={`next-${item.id}`}>
      <Typography.Text>{text}</Typography.Text>
      {days !== null && days !== undefined && (
        <Tag color={days < 0 ? 'red' : days <= 7 ? 'orange' : 'default'} style={{ marginLeft: 6 }}>
          {daysLeftText(item.next, t)}
        </Tag>
      )}
    </span>
  );
}

/** The case page's block: what the case waits for and from whom; when this user has no act, who may act. */
export function NextActionBlock({ item, mayAct }: { item: CaseWithNext; mayAct: boolean }) {
  const { t, lang, pick } = useI18n();
  if (item.closed || !item.next || item.next.waitingFor.length === 0) return null;
  const all = item.next.waitingFor.map((a) => ({
    act: actLabel(lang, a.act),
    who: a.actors.map((u) => pick(u.name, u.nameEn)).join(lang === 'zh' ? '或' : ' or '),
  }));
  return (
    <div data-testid="next-action" style={{ marginBottom: 8 }}>
      <Space direction="vertical" size={2}>
        <Typography.Text strong data-testid="next-action-text">
          {nextText(item.next, lang, t, pick)}
          {daysLeftText(item.next, t) && (
            <Typography.Text type={item.next.daysLeft !== null && item.next.daysLeft < 0 ? 'danger' : 'secondary'}>
              {withParens(lang, '', daysLeftText(item.next, t))}
            </Typography.Text>
          )}
        </Typography.Text>
        {all.length > 1 && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {all.map((a) => t('next.waiting', { who: a.who, act: a.act })).join(lang === 'zh' ? '；' : '; ')}
          </Typography.Text>
        )}
        {!mayAct && (
          <Typography.Text type="secondary" data-testid="next-action-who">
            {t('next.notYou', { who: [...new Set(all.map((a) => a.who))].join(lang === 'zh' ? '、' : ', ') })}
          </Typography.Text>
        )}
      </Space>
    </div>
  );
}
