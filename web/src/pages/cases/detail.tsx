/**
 * Case page (GET /cases/{id}): the state and deadline tags, the case facts and finding, the current deadline with
 * its citation and a "why this date" popover (the computation steps, zh or en, and warnings), the lines concerned,
 * EXACTLY the acts in allowedActs as buttons (each opens its form, ActForm), the timeline (each act with date,
 * actor, role, citation, details, new deadline and evidence links) and the explanation drawer (ExplainDrawer); the
 * assignee (承办人), which an entitled user changes (AssignModal).
 */
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { App, Button, Card, Col, Descriptions, Empty, List, Popover, Result, Row, Skeleton, Space, Tag, Timeline, Tooltip, Typography } from 'antd';
import { FileTextOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import { api, isApiError, type AllowedAct, type CaseDetail, type CaseLine } from '../../api/index.ts';
import { ErrorView } from '../../components/ErrorView.tsx';
import { PageContainer } from '../../components/PageContainer.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useRequest } from '../../components/useRequest.ts';
import { unitLabel } from '../../i18n/units.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useReference } from '../../shared/reference.ts';
import { caseState, deadlineStatus, dimension, lineState } from '../../shared/status.ts';
import { ActForm } from './ActForm.tsx';
import { ExplainDrawer } from './ExplainDrawer.tsx';
import { DeadlineSteps, PayloadSummary, useValueText } from './parts.tsx';
import { actLabel, roleLabel, wordOf } from './refusal.ts';
import { fieldLabel } from './ActFields.tsx';
import { CaseWarnings, LegalFactsCard } from './LegalFactsCard.tsx';
import type { CaseDetailAsOf } from './lawApi.ts';
import { CaseDocuments, prefetchCaseDocuments } from '../documents/CaseDocuments.tsx';
import { NextActionBlock, type CaseWithNext } from './next-action.tsx';
import { useActGuide } from './act-guide.tsx';
import { punct, withColon } from '../../i18n/punct.ts';
import { AssignModal } from './AssignModal.tsx';

function DeadlineBlock({ k }: { k: CaseDetail }) {
  const { t, lang, pick, fmtDate } = useI18n();
  const p = punct(lang);
  const d = k.deadline;
  if (!d) return <Typography.Text type="secondary">{k.closed ? '—' : t('case.noDeadline')}</Typography.Text>;
  return (
    <div data-testid="case-deadline">
      <Space wrap size={8}>
        <Typography.Text strong style={{ fontSize: 16 }} data-testid="case-due">
          {fmtDate(d.due)}
        </Typography.Text>
        <StatusTag map={deadlineStatus} value={d.status} />
        <Popover
          trigger="click"
          placement="bottomLeft"
          title={t('case.whyDateTitle', { due: fmtDate(d.due) })}
          overlayStyle={{ maxWidth: 520 }}
          content={
            <div>
              <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                {t('case.setBy', { act: actLabel(lang, d.setByAct), date: fmtDate(d.setOn) })}
                {p.semi}
                {t('case.basis')}
                {p.colon}
                {pick(d.citationZh, d.citation)}
              </Typography.Paragraph>
              <DeadlineSteps steps={d.steps} warnings={d.warnings} testId="deadline-steps" />
            </div>
          }
        >
          <Button type="link" size="small" icon={<QuestionCircleOutlined />} data-testid="why-date" style={{ padding: 0 }}>
            {t('case.whyDate')}
          </Button>
        </Popover>
      </Space>
      <div>
        <Typography.Text type="secondary" data-testid="case-deadline-citation">
          {t('case.basis')}
          {p.colon}
          {pick(d.citationZh, d.citation)}
        </Typography.Text>
      </div>
    </div>
  );
}

function FindingView({ finding }: { finding: unknown }) {
  const { t, fmtDate } = useI18n();
  const text = useValueText();
  if (!finding || typeof finding !== 'object') return null;
  const skip = new Set(['dimension', 'lines', 'enterpriseId', 'evidenceIds']);
  const entries = Object.entries(finding as Record<string, unknown>).filter(([k, v]) => !skip.has(k) && v !== undefined && v !== null && v !== '');
  const order = [
    'date',
    'kind',
    'standard',
    'edition',
    'process',
    'measured',
    'limit',
    'unit',
    'pollutant',
    'product',
    'hazard',
    'catalogueEdition',
    'catalogueItem',
    'description',
  ];
  entries.sort(([a], [b]) => ((order.indexOf(a) + 100) % 100) - ((order.indexOf(b) + 100) % 100));
  return (
    <Descriptions size="small" column={1} data-testid="case-finding">
      {entries.map(([k, v]) => (
        <Descriptions.Item
          key={k}
          label={fieldLabel(
            t,
            k,
            undefined,
            typeof (finding as { dimension?: unknown }).dimension === 'string' ? (finding as { dimension: string }).dimension : undefined,
          )}
        >
          {k === 'date' && typeof v === 'string' ? fmtDate(v) : typeof v === 'string' && text(v) === v ? <span data-user-data>{v}</span> : text(v)}
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}

export default function CaseDetailPage() {
  const { id: idParam } = useParams();
  const id = Number(idParam);
  const { t, lang, fmtDate, fmtDateTime, pick } = useI18n();
  const p = punct(lang);
  const { message } = App.useApp();
  const ref = useReference();
  const c = useRequest(() => {
    prefetchCaseDocuments(id); // in parallel with the case itself
    return api.cases.get(id);
  }, [id]);
  const [explainOpen, setExplainOpen] = useState(false);
  const explain = useRequest(() => api.cases.explain(id), [id, explainOpen, c.data?.version], explainOpen);
  const [act, setAct] = useState<AllowedAct>();
  const [assignOpen, setAssignOpen] = useState(false);
  const guide = useActGuide(act?.kind, (c.data as CaseDetailAsOf | undefined)?.legalFacts);

  const crumbs = [{ title: t('menu.cases'), to: '/cases' }];
  if (c.error) {
    const notFound = isApiError(c.error) && c.error.status === 404 && !c.error.routeMissing;
    return (
      <PageContainer title={t('page.caseDetail')} crumbs={crumbs}>
        <Card>{notFound ? <Result status="404" title="404" subTitle={t('page.notFound')} /> : <ErrorView error={c.error} onRetry={c.reload} />}</Card>
      </PageContainer>
    );
  }
  const k = c.data;
  if (!k) {
    return (
      <PageContainer title={t('page.caseDetail')} crumbs={crumbs}>
        <Card>
          <Skeleton active />
        </Card>
      </PageContainer>
    );
  }

  const territory = ref.territories.find((x) => x.code === k.territoryCode);
  const department = ref.departments.find((x) => x.code === k.departmentCode);
  const kindName = (code: string) => {
    const x = ref.lineKinds.find((r) => r.code === code);
    return x ? pick(x.name, x.nameEn) : code;
  };
  const timeline = [...k.timeline].sort((a, b) => b.seq - a.seq);

  return (
    <PageContainer
      title={`${t('case.id')} #${k.id}`}
      crumbs={[...crumbs, { title: `#${k.id}` }]}
      tags={
        <span data-testid="case-tags">
          <StatusTag map={dimension} value={k.dimension} />
          <span data-testid="case-state">
            <StatusTag map={caseState} value={k.state} />
          </span>
          {k.closed ? (
            k.outcome && <Tag color="green">{wordOf(lang, 'outcome', k.outcome)}</Tag>
          ) : (
            <StatusTag map={deadlineStatus} value={k.deadline?.status ?? k.deadlineStatus} />
          )}
        </span>
      }
      extra={
        <Button icon={<FileTextOutlined />} onClick={() => setExplainOpen(true)} data-testid="open-explain">
          {t('case.explain')}
        </Button>
      }
    >
      <CaseWarnings warnings={(k as CaseDetailAsOf).warnings} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card
            size="small"
            title={
              <Link to={`/enterprises/${k.enterprise.id}`} data-user-data>
                {k.enterprise.name}
              </Link>
            }
          >
            <Descriptions column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 3 }} size="small" data-testid="case-facts">
              <Descriptions.Item label={t('ent.creditCode')}>
                <span className="credit-code" style={{ fontFamily: 'monospace' }}>
                  {k.enterprise.creditCode}
                </span>
              </Descriptions.Item>
              <Descriptions.Item label={t('case.territory')}>{territory ? pick(territory.name, territory.nameEn) : k.territoryCode}</Descriptions.Item>
              <Descriptions.Item label={t('case.department')}>{department ? pick(department.name, department.nameEn) : k.departmentCode}</Descriptions.Item>
              <Descriptions.Item label={t('case.openedOn')}>{fmtDate(k.openedOn)}</Descriptions.Item>
              <Descriptions.Item label={t('assign.column')}>
                <span data-testid="case-assignee">
                  {k.assigneeName ? <span data-user-data>{k.assigneeName}</span> : <Typography.Text type="secondary">{t('assign.nobody')}</Typography.Text>}
                </span>
                {k.mayAssign && (
                  <Button type="link" size="small" onClick={() => setAssignOpen(true)} data-testid="case-assign" style={{ paddingBlock: 0 }}>
                    {k.assigneeId === null ? t('assign.set') : t('assign.change')}
                  </Button>
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t('case.dueOn')} span="filled">
                <DeadlineBlock k={k} />
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={t('case.acts')} data-testid="case-acts" style={{ height: '100%' }}>
            <NextActionBlock item={k as unknown as CaseWithNext} mayAct={k.allowedActs.length > 0} />
            {k.allowedActs.length === 0 ? (
              <Typography.Text type="secondary">{t('case.noActs')}</Typography.Text>
            ) : (
              <Space wrap>
                {k.allowedActs.map((a) => (
                  <Tooltip key={a.kind} title={withColon(lang, t('case.basis'), pick(a.citationZh, a.citation))}>
                    <Button type="primary" ghost data-testid={`act-${a.kind}`} onClick={() => setAct(a)}>
                      {actLabel(lang, a.kind)}
                    </Button>
                  </Tooltip>
                ))}
              </Space>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={16}>
          <Card size="small" title={t('case.timeline')} data-testid="case-timeline">
            {timeline.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('explain.noActs')} />
            ) : (
              <Timeline
                items={timeline.map((a) => ({
                  key: a.id,
                  color: a.toState === 'closed' ? 'green' : a.dueOn ? 'blue' : 'gray',
                  children: (
                    <div data-testid={`timeline-${a.seq}`}>
                      <Space wrap size={6}>
                        <Typography.Text strong>{actLabel(lang, a.kind)}</Typography.Text>
                        <Typography.Text>{fmtDate(a.date)}</Typography.Text>
                        <Typography.Text type="secondary">
                          {t('case.actor')}
                          {p.colon}
                          {a.actor ? <span data-user-data>{a.actor.displayName}</span> : t('case.actorSystem')}
                          {p.lp}
                          {roleLabel(lang, a.role)}
                          {p.rp}
                        </Typography.Text>
                      </Space>
                      <div style={{ margin: '4px 0' }}>
                        <StatusTag map={caseState} value={a.fromState} /> → <StatusTag map={caseState} value={a.toState} />
                        {a.dueOn && (
                          <Typography.Text>
                            {t('case.newDue')}
                            {p.colon}
                            <Typography.Text strong>{fmtDate(a.dueOn)}</Typography.Text>
                          </Typography.Text>
                        )}
                      </div>
                      {(a.citationZh || a.citation) && (
                        <div>
                          <Typography.Text type="secondary">
                            {t('case.basis')}
                            {p.colon}
                            {pick(a.citationZh, a.citation)}
                          </Typography.Text>
                        </div>
                      )}
                      <PayloadSummary payload={a.payload} />
                      {a.evidence.length > 0 && (
                        <div>
                          <Typography.Text type="secondary">
                            {t('case.evidence')}
                            {p.colon}
                          </Typography.Text>
                          <Space wrap size={8}>
                            {a.evidence.map((f) => (
                              <a key={f.sha256} href={api.evidence.href(f.sha256)} target="_blank" rel="noreferrer" data-testid="evidence-link" data-user-data>
                                {f.originalName}
                              </a>
                            ))}
                          </Space>
                        </div>
                      )}
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('case.recordedAt')}
                        {p.colon}
                        {fmtDateTime(a.recordedAt)}
                      </Typography.Text>
                    </div>
                  ),
                }))}
              />
            )}
          </Card>
          <Card size="small" title={t('doc.panel')} style={{ marginTop: 16 }}>
            <CaseDocuments caseId={k.id} reloadKey={k.version} />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={t('case.lines')} data-testid="case-lines">
            {k.lines.length === 0 ? (
              <Typography.Text type="secondary">{t('case.linesNone')}</Typography.Text>
            ) : (
              <List<CaseLine>
                size="small"
                dataSource={k.lines}
                renderItem={(l) => (
                  <List.Item extra={<StatusTag map={lineState} value={l.state} />}>
                    <List.Item.Meta
                      title={<span data-user-data>{l.name}</span>}
                      description={`${kindName(l.kind)} · ${Number(l.capacity)} ${unitLabel(lang, l.capacityUnit)}`}
                    />
                  </List.Item>
                )}
              />
            )}
          </Card>
          <Card size="small" title={t('case.finding')} style={{ marginTop: 16 }}>
            <FindingView finding={k.finding} />
          </Card>
          <LegalFactsCard facts={(k as CaseDetailAsOf).legalFacts} />
        </Col>
      </Row>
      <ActForm
        caseId={k.id}
        version={k.version}
        act={act}
        guide={guide}
        onClose={() => setAct(undefined)}
        onDone={() => {
          void message.success(t('case.actDone'));
          setAct(undefined);
          c.reload();
        }}
      />
      <AssignModal
        open={assignOpen}
        cases={[k]}
        onClose={() => setAssignOpen(false)}
        onAssigned={(r) => {
          setAssignOpen(false);
          if ('one' in r) void message.success(!r.one.changed ? t('assign.unchanged') : r.one.assigneeId === null ? t('assign.cleared') : t('assign.done'));
          c.reload();
        }}
      />
      <ExplainDrawer open={explainOpen} onClose={() => setExplainOpen(false)} data={explain.data} loading={explain.loading} error={explain.error} />
    </PageContainer>
  );
}
