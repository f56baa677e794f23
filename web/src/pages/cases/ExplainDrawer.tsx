/**
 * "Why is this case where it is" (GET /cases/{id}/explain), laid out for people: the opening with its basis, then
 * each act as a timeline entry — from → to, the rule (basis, states it may lead to, roles that may take it), the
 * parameter values it used with their basis, the deadline it set with the computation steps — and what may come
 * next. Never raw JSON.
 */
import { Descriptions, Drawer, Empty, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import type { Explanation } from '../../api/index.ts';
import { ErrorView } from '../../components/ErrorView.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { punct } from '../../i18n/punct.ts';
import { caseState, specOf } from '../../shared/status.ts';
import { DeadlineSteps, useParamLabel, useValueText } from './parts.tsx';
import { actLabel, roleLabel, wordOf } from './refusal.ts';

export function ExplainDrawer({
  open,
  onClose,
  data,
  loading,
  error,
}: {
  open: boolean;
  onClose: () => void;
  data: Explanation | undefined;
  loading: boolean;
  error: unknown;
}) {
  const { t, lang, pick, fmtDate } = useI18n();
  const paramLabel = useParamLabel();
  const valueText = useValueText();
  const p = punct(lang);
  const sep = p.list;
  const stateWord = (s: string) => t(specOf(caseState, s).label);

  const body = () => {
    if (error) return <ErrorView error={error} />;
    if (loading || !data) return <Skeleton active />;
    const cite = (c: { citation: string | null; citationZh: string | null }) => pick(c.citationZh, c.citation) || '—';
    return (
      <div data-testid="explain">
        <Typography.Title level={5}>{t('explain.opened')}</Typography.Title>
        <Descriptions size="small" column={1} bordered>
          <Descriptions.Item label={t('case.openedOn')}>{fmtDate(data.opened.on)}</Descriptions.Item>
          <Descriptions.Item label={t('case.basis')}>{cite(data.opened)}</Descriptions.Item>
        </Descriptions>

        <Typography.Title level={5} style={{ marginTop: 20 }}>
          {t('explain.chain')}
        </Typography.Title>
        {data.chain.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('explain.noActs')} />
        ) : (
          <Timeline
            items={data.chain.map((a) => ({
              key: a.seq,
              children: (
                <div className="explain-step" data-testid={`explain-step-${a.seq}`}>
                  <Space wrap size={4}>
                    <Typography.Text strong>
                      {a.seq}. {actLabel(lang, a.kind)}
                    </Typography.Text>
                    <Typography.Text type="secondary">
                      {fmtDate(a.date)} · {a.actor ? <span data-user-data>{a.actor.displayName}</span> : t('case.actorSystem')}
                      {p.lp}
                      {roleLabel(lang, a.role)}
                      {p.rp}
                    </Typography.Text>
                  </Space>
                  <div style={{ margin: '4px 0' }}>
                    <StatusTag map={caseState} value={a.fromState} /> → <StatusTag map={caseState} value={a.toState} />
                  </div>
                  <Descriptions size="small" column={1} colon>
                    <Descriptions.Item label={t('case.basis')}>{cite(a.rule)}</Descriptions.Item>
                    <Descriptions.Item label={t('explain.rule')}>
                      {t('explain.ruleText', {
                        from: stateWord(a.rule.from),
                        act: actLabel(lang, a.rule.act),
                        to: a.rule.to.map(stateWord).join(sep),
                        roles: a.rule.roles.map((r) => roleLabel(lang, r)).join(sep),
                      })}
                    </Descriptions.Item>
                    {a.params.length > 0 && (
                      <Descriptions.Item label={t('explain.params')}>
                        <ul className="plain-list">
                          {a.params.map((prm) => (
                            <li key={prm.name}>
                              {paramLabel(prm.name)}
                              {p.colon}
                              <Typography.Text strong>{valueText(prm.value)}</Typography.Text>{' '}
                              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                                {p.lp.trim()}
                                {cite(prm)}
                                {p.rp}
                              </Typography.Text>
                            </li>
                          ))}
                        </ul>
                      </Descriptions.Item>
                    )}
                  </Descriptions>
                  {a.deadline && (
                    <div className="explain-deadline">
                      <Typography.Text>
                        {t('explain.deadline')}
                        {p.colon}
                        <Typography.Text strong>{fmtDate(a.deadline.due)}</Typography.Text>
                        {p.lp}
                        {cite(a.deadline)}
                        {p.rp}
                      </Typography.Text>
                      <DeadlineSteps steps={a.deadline.steps} warnings={a.deadline.warnings} />
                    </div>
                  )}
                </div>
              ),
            }))}
          />
        )}

        <Typography.Title level={5}>{t('explain.current')}</Typography.Title>
        <Descriptions size="small" column={1} bordered>
          <Descriptions.Item label={t('case.state')}>
            <StatusTag map={caseState} value={data.current.state} />
            {data.outcome && <Tag color="green">{wordOf(lang, 'outcome', data.outcome)}</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label={t('case.dueOn')}>
            {data.current.deadline
              ? `${fmtDate(data.current.deadline.due)}${p.lp}${pick(data.current.deadline.citationZh, data.current.deadline.citation)}${p.rp}`
              : t('case.noDeadline')}
          </Descriptions.Item>
          <Descriptions.Item label={t('explain.next')}>
            {data.current.next.length === 0 ? (
              t('explain.nothingNext')
            ) : (
              <ul className="plain-list">
                {data.current.next.map((n) => (
                  <li key={n.act}>
                    <Typography.Text strong>{actLabel(lang, n.act)}</Typography.Text> → {n.to.map(stateWord).join(sep)}
                    {p.semi}
                    {n.roles.map((r) => roleLabel(lang, r)).join(sep)}
                  </li>
                ))}
              </ul>
            )}
          </Descriptions.Item>
        </Descriptions>
      </div>
    );
  };

  return (
    <Drawer open={open} onClose={onClose} title={t('case.explain')} width={Math.min(640, window.innerWidth)} destroyOnHidden>
      {body()}
    </Drawer>
  );
}
