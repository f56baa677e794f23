/**
 * 工作台: my cases due within 30 days, overdue cases, cases waiting for my act and my unread notifications (with
 * mark-read), all from GET /workbench; registry roles also see the registry count.
 */
import { useState } from 'react';
import { App, Button, Card, Col, Empty, List, Row, Segmented, Statistic, Typography } from 'antd';
import { Link, Navigate } from 'react-router-dom';
import { api, type CaseSummary, type Notification } from '../../api/index.ts';
import type { Workbench } from '../../api/types.ts';
import { CaseTable } from '../../components/CaseTable.tsx';
import { EmbeddedUserText } from '../../components/EmbeddedUserText.tsx';
import { ErrorView } from '../../components/ErrorView.tsx';
import { PageContainer } from '../../components/PageContainer.tsx';
import { useRequest } from '../../components/useRequest.ts';
import { mayOpen } from '../../access.ts';
import { withParens } from '../../i18n/punct.ts';
import { useI18n } from '../../i18n/index.tsx';
import { errorText } from '../../shared/errors.ts';
import { useUser } from '../../session.tsx';
import { SlowTerritoriesCard } from '../programme/supervision.tsx';
import { YearendWorkbenchNotice } from '../yearend/WorkbenchNotice.tsx';
import { workApi } from '../cases/work-api.ts';

type View = 'all' | 'today' | 'week' | 'overdue';

/**
 * 我的待办 (issue 17): the cases this user can act on now, viewed as all / due today / due this week / overdue. Each
 * view has its own list from the server (`waitingViews`), so a view is never cut short by another view's cases.
 */
function MineCard({
  items,
  views,
  total,
  loading,
  error,
}: {
  items: CaseSummary[] | undefined;
  views: Workbench['waitingViews'] | undefined;
  total: number | undefined;
  loading: boolean;
  error: unknown;
}) {
  const { t, lang } = useI18n();
  const [view, setView] = useState<View>('all');
  const shown: CaseSummary[] = (view === 'all' ? items : views?.[view]) ?? [];
  return (
    <Card
      title={total !== undefined ? withParens(lang, t('wb.mine'), total) : t('wb.mine')}
      size="small"
      data-testid="wb-waiting"
      extra={
        <Segmented<View>
          size="small"
          value={view}
          onChange={setView}
          data-testid="wb-view"
          options={(['all', 'today', 'week', 'overdue'] as const).map((v) => ({
            value: v,
            label: v === 'all' || views === undefined ? t(`wb.view.${v}`) : withParens(lang, t(`wb.view.${v}`), views.counts[v]),
          }))}
        />
      }
    >
      {error ? (
        <ErrorView error={error} compact />
      ) : !loading && shown.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('wb.noCases')} />
      ) : (
        <CaseTable compact items={shown} loading={loading} pagination={{ pageSize: 5, size: 'small', hideOnSinglePage: true }} />
      )}
    </Card>
  );
}

function CasesCard({
  title,
  items,
  total,
  loading,
  error,
  testId,
}: {
  title: string;
  items: CaseSummary[] | undefined;
  total?: number | undefined;
  loading: boolean;
  error: unknown;
  testId: string;
}) {
  const { t, lang } = useI18n();
  return (
    <Card title={total !== undefined ? withParens(lang, title, total) : title} size="small" data-testid={testId}>
      {error ? (
        <ErrorView error={error} compact />
      ) : items && items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('wb.noCases')} />
      ) : (
        <CaseTable compact items={items ?? []} loading={loading} pagination={{ pageSize: 5, size: 'small', hideOnSinglePage: true }} />
      )}
    </Card>
  );
}

/** The bank has no cases or registry: its home is the credit list (issue 15). */
export default function WorkbenchPage() {
  const user = useUser();
  return user.role === 'bank' ? <Navigate to="/credit" replace /> : <Workbench />;
}

function Workbench() {
  const { t, lang, pick, fmtDateTime } = useI18n();
  const notificationTitle = (n: Notification) => (lang === 'en' ? <EmbeddedUserText text={n.titleEn} /> : pick(n.title, n.titleEn));
  const { message } = App.useApp();
  const user = useUser();
  const wb = useRequest(() => api.workbench(), []);
  const registry = mayOpen(user.role, 'enterprises');
  const count = useRequest(() => api.enterprises.list({ limit: 1 }), [], registry);
  const [marking, setMarking] = useState<number>();
  const counts = wb.data?.counts;
  const mineIds = new Set((wb.data?.waitingForMe ?? []).map((c) => c.id));
  // 关注: what I watch (due soon or overdue in my scope) that is not mine to act on now
  const watch = wb.data
    ? [...wb.data.overdue, ...wb.data.dueSoon].filter((c, i, a) => !mineIds.has(c.id) && a.findIndex((x) => x.id === c.id) === i)
    : undefined;
  const [markingAll, setMarkingAll] = useState(false);
  const markAll = async () => {
    setMarkingAll(true);
    try {
      const r = await workApi.markAllRead();
      void message.success(t('wb.markedAll', { n: r.marked }));
      wb.reload();
    } catch (e) {
      void message.error(errorText(e, lang));
    } finally {
      setMarkingAll(false);
    }
  };

  const markRead = async (n: Notification) => {
    setMarking(n.id);
    try {
      await api.notifications.markRead(n.id);
      void message.success(t('wb.marked'));
      wb.reload();
    } catch (e) {
      void message.error(errorText(e, lang));
    } finally {
      setMarking(undefined);
    }
  };

  return (
    <PageContainer title={t('menu.workbench')}>
      <Card size="small">
        <Row gutter={[24, 12]} align="middle">
          <Col flex="auto">
            <Typography.Title level={5} style={{ margin: 0 }}>
              <span data-user-text={user.displayName}>{t('wb.greeting', { name: user.displayName })}</span>
            </Typography.Title>
            <Typography.Text type="secondary">{t(`role.${user.role}`)}</Typography.Text>
          </Col>
          <Col>
            <Statistic title={t('wb.open')} value={counts?.open ?? '—'} loading={wb.loading && !counts} />
          </Col>
          <Col>
            <Statistic title={t('wb.waiting')} value={counts?.waitingForMe ?? '—'} loading={wb.loading && !counts} />
          </Col>
          <Col>
            <Statistic
              title={t('wb.dueSoon')}
              value={counts?.dueSoon ?? '—'}
              loading={wb.loading && !counts}
              valueStyle={counts?.dueSoon ? { color: '#d48806' } : undefined}
            />
          </Col>
          <Col>
            <Statistic
              title={t('wb.overdue')}
              value={counts?.overdue ?? '—'}
              loading={wb.loading && !counts}
              valueStyle={counts?.overdue ? { color: '#cf1322' } : undefined}
            />
          </Col>
          {user.role !== 'government' && (
            <Col>
              <Link to="/cases?assignee=me" data-testid="wb-assigned-to-me">
                <Statistic title={t('assign.filter.me')} value={counts?.assignedToMe ?? '—'} loading={wb.loading && !counts} />
              </Link>
            </Col>
          )}
          {registry && (
            <Col>
              <Link to="/enterprises">
                <Statistic title={t('wb.registryTotal')} value={count.data?.total ?? '—'} loading={count.loading} />
              </Link>
            </Col>
          )}
        </Row>
      </Card>
      {mayOpen(user.role, 'yearend') && <YearendWorkbenchNotice />}
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        {user.role === 'office' && (
          <Col xs={24}>
            <SlowTerritoriesCard />
          </Col>
        )}
        <Col xs={24} xl={12}>
          <MineCard items={wb.data?.waitingForMe} views={wb.data?.waitingViews} total={counts?.waitingForMe} loading={wb.loading} error={wb.error} />
        </Col>
        <Col xs={24} xl={12}>
          <Card
            title={counts ? withParens(lang, t('wb.notifications'), `${t('wb.unread')} ${counts.unreadNotifications}`) : t('wb.notifications')}
            size="small"
            data-testid="wb-notifications"
            extra={
              counts?.unreadNotifications ? (
                <Button type="link" size="small" loading={markingAll} onClick={() => void markAll()} data-testid="wb-mark-all">
                  {t('wb.markAllRead')}
                </Button>
              ) : null
            }
          >
            {wb.error ? (
              <ErrorView error={wb.error} compact />
            ) : (
              <List<Notification>
                size="small"
                loading={wb.loading}
                dataSource={wb.data?.notifications ?? []}
                locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.empty')} /> }}
                renderItem={(n) => (
                  <List.Item
                    data-testid={`notification-${n.id}`}
                    actions={[
                      <Button key="read" type="link" size="small" loading={marking === n.id} onClick={() => void markRead(n)}>
                        {t('wb.markRead')}
                      </Button>,
                    ]}
                  >
                    <List.Item.Meta
                      title={n.caseId ? <Link to={`/cases/${n.caseId}`}>{notificationTitle(n)}</Link> : notificationTitle(n)}
                      description={fmtDateTime(n.createdAt)}
                    />
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
        <Col xs={24}>
          <CasesCard title={t('wb.watch')} items={watch} total={watch?.length} loading={wb.loading} error={wb.error} testId="wb-watch" />
        </Col>
      </Row>
    </PageContainer>
  );
}
