/**
 * Enterprise page: profile with the derived status tag, lines with capacity and state, cases (GET /cases?enterpriseId,
 * empty until the cases module lands), history. Edit and add-line show only when the record's allowedActs say so.
 * An enterprise outside the user's scope answers 404, shown as "not found".
 */
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { App, Button, Card, Descriptions, Result, Skeleton, Space, Table, Tabs, Typography } from 'antd';
import { EditOutlined, FileAddOutlined, PlusOutlined } from '@ant-design/icons';
import { api, isApiError, type HistoryEntry, type Line } from '../../api/index.ts';
import { CaseTable } from '../../components/CaseTable.tsx';
import { ErrorView } from '../../components/ErrorView.tsx';
import { LineTable } from '../../components/LineTable.tsx';
import { PageContainer } from '../../components/PageContainer.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useRequest } from '../../components/useRequest.ts';
import { useI18n, type DictKey } from '../../i18n/index.tsx';
import { useReference } from '../../shared/reference.ts';
import { enterpriseStatus } from '../../shared/status.ts';
import { EnterpriseFormDrawer } from './components/EnterpriseFormDrawer.tsx';
import { LineFormDrawer } from './components/LineFormDrawer.tsx';
import { NewCaseDrawer } from '../cases/NewCaseDrawer.tsx';

const FIELD_LABELS: Record<string, DictKey> = {
  creditCode: 'ent.creditCode',
  credit_code: 'ent.creditCode',
  name: 'ent.name',
  territoryCode: 'ent.territory',
  territory_code: 'ent.territory',
  industryCode: 'ent.industry',
  industry_code: 'ent.industry',
  address: 'ent.address',
  legalRepresentative: 'ent.legalRepresentative',
  legal_representative: 'ent.legalRepresentative',
  contactName: 'ent.contactName',
  contact_name: 'ent.contactName',
  contactPhone: 'ent.contactPhone',
  contact_phone: 'ent.contactPhone',
  status: 'ent.status',
  creditCodeOverride: 'ent.overrideReasonRecorded',
  credit_code_override: 'ent.overrideReasonRecorded',
};

interface HistoryRow {
  key: string;
  at: string;
  actor: string | null;
  field: string;
  before: unknown;
  after: unknown;
}

const show = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));

export default function EnterpriseDetailPage() {
  const { id: idParam } = useParams();
  const id = Number(idParam);
  const { t, fmtDate, fmtDateTime, pick } = useI18n();
  const ref = useReference();
  const [editing, setEditing] = useState(false);
  const [lineEdit, setLineEdit] = useState<{ open: boolean; line?: Line }>({ open: false });
  const [newCase, setNewCase] = useState(false);
  const navigate = useNavigate();
  const { message } = App.useApp();

  // The enterprise, its lines and its cases are asked for at once, not one after the other (an enterprise out of
  // scope answers 404 to the first and the page shows only that). The history is read when its tab is opened.
  const [historyOpened, setHistoryOpened] = useState(false);
  const ent = useRequest(() => api.enterprises.get(id), [id]);
  const lines = useRequest(() => api.enterprises.lines(id), [id], Number.isInteger(id));
  const cases = useRequest(() => api.cases.list({ enterpriseId: id, limit: 100 }), [id], Number.isInteger(id));
  const history = useRequest(() => api.enterprises.history(id), [id], historyOpened && !!ent.data?.allowedActs.includes('viewHistory'));

  const crumbs = [{ title: t('menu.enterprises'), to: '/enterprises' }];
  if (ent.error) {
    const notFound = isApiError(ent.error) && ent.error.status === 404 && ent.error.code !== 'ROUTE_NOT_FOUND';
    return (
      <PageContainer title={t('page.enterpriseDetail')} crumbs={crumbs}>
        <Card>
          {notFound ? (
            <div data-testid="enterprise-not-found">
              <Result status="404" title="404" subTitle={t('page.notFound')} />
            </div>
          ) : (
            <ErrorView error={ent.error} onRetry={ent.reload} />
          )}
        </Card>
      </PageContainer>
    );
  }
  const e = ent.data;
  if (!e) {
    return (
      <PageContainer title={t('page.enterpriseDetail')} crumbs={crumbs}>
        <Card>
          <Skeleton active />
        </Card>
      </PageContainer>
    );
  }

  const territory = ref.territories.find((x) => x.code === e.territoryCode);
  const industry = ref.industries.find((x) => x.code === e.industryCode);
  const historyRows: HistoryRow[] = (history.data?.items ?? []).flatMap((h: HistoryEntry) =>
    Object.entries(h.changes).map(([field, pair]) => ({ key: `${h.id}-${field}`, at: h.at, actor: h.actorName, field, before: pair[0], after: pair[1] })),
  );

  return (
    <PageContainer
      title={<span data-user-data>{e.name}</span>}
      crumbs={[...crumbs, { title: e.name, userData: true }]}
      tags={
        <span data-testid="enterprise-status">
          <StatusTag map={enterpriseStatus} value={e.status} />
        </span>
      }
      extra={
        <Space>
          {e.allowedActs.includes('openCase') && (
            <Button type="primary" icon={<FileAddOutlined />} onClick={() => setNewCase(true)} data-testid="new-case">
              {t('case.create')}
            </Button>
          )}
          {e.allowedActs.includes('update') && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="edit-enterprise">
              {t('common.edit')}
            </Button>
          )}
        </Space>
      }
    >
      <Card title={t('ent.profile')} size="small">
        <Descriptions column={{ xs: 1, sm: 1, md: 2, xl: 3 }} size="small" data-testid="enterprise-profile">
          <Descriptions.Item label={t('ent.creditCode')}>
            <Typography.Text copyable className="credit-code" style={{ fontFamily: 'monospace' }}>
              {e.creditCode}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('ent.territory')}>{territory ? pick(territory.name, territory.nameEn) : e.territoryName}</Descriptions.Item>
          <Descriptions.Item label={t('ent.industry')}>{industry ? pick(industry.name, industry.nameEn) : e.industryName}</Descriptions.Item>
          <Descriptions.Item label={t('ent.address')}>
            <span data-user-data>{show(e.address)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('ent.legalRepresentative')}>
            <span data-user-data>{show(e.legalRepresentative)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('ent.contactName')}>
            <span data-user-data>{show(e.contactName)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('ent.contactPhone')}>{show(e.contactPhone)}</Descriptions.Item>
          <Descriptions.Item label={t('ent.createdAt')}>{fmtDate(e.createdAt)}</Descriptions.Item>
          <Descriptions.Item label={t('ent.updatedAt')}>{fmtDateTime(e.updatedAt)}</Descriptions.Item>
          {e.creditCodeOverride && <Descriptions.Item label={t('ent.overrideReasonRecorded')}>{e.creditCodeOverride}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Card size="small">
        <Tabs
          onChange={(key) => key === 'history' && setHistoryOpened(true)}
          items={[
            {
              key: 'lines',
              label: `${t('ent.lines')}${lines.data ? ` (${lines.data.total})` : ''}`,
              children: (
                <>
                  {e.allowedActs.includes('addLine') && (
                    <div style={{ marginBottom: 12, textAlign: 'right' }}>
                      <Button icon={<PlusOutlined />} onClick={() => setLineEdit({ open: true })}>
                        {t('line.add')}
                      </Button>
                    </div>
                  )}
                  {lines.error ? (
                    <ErrorView error={lines.error} onRetry={lines.reload} />
                  ) : (
                    <LineTable items={lines.data?.items ?? []} loading={lines.loading} onEdit={(l) => setLineEdit({ open: true, line: l })} />
                  )}
                </>
              ),
            },
            {
              key: 'cases',
              label: `${t('ent.cases')}${cases.data ? ` (${cases.data.total})` : ''}`,
              children: cases.error ? (
                <ErrorView error={cases.error} onRetry={cases.reload} />
              ) : (
                <CaseTable items={cases.data?.items ?? []} loading={cases.loading} showEnterprise={false} />
              ),
            },
            ...(e.allowedActs.includes('viewHistory')
              ? [
                  {
                    key: 'history',
                    label: t('ent.history'),
                    children: history.error ? (
                      <ErrorView error={history.error} onRetry={history.reload} />
                    ) : (
                      <Table<HistoryRow>
                        rowKey="key"
                        size="small"
                        loading={history.loading}
                        dataSource={historyRows}
                        pagination={false}
                        scroll={{ x: 720 }}
                        columns={[
                          { title: t('ent.history.at'), dataIndex: 'at', width: 180, render: (d: string) => fmtDateTime(d) },
                          { title: t('ent.history.actor'), dataIndex: 'actor', width: 160, render: (a: string | null) => a ?? '—' },
                          { title: t('ent.history.field'), dataIndex: 'field', width: 160, render: (f: string) => (FIELD_LABELS[f] ? t(FIELD_LABELS[f]) : f) },
                          { title: t('ent.history.before'), dataIndex: 'before', render: show },
                          { title: t('ent.history.after'), dataIndex: 'after', render: show },
                        ]}
                      />
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <EnterpriseFormDrawer
        open={editing}
        enterprise={e}
        onClose={() => setEditing(false)}
        onSaved={() => {
          setEditing(false);
          ent.reload();
          history.reload();
        }}
      />
      <NewCaseDrawer
        open={newCase}
        enterprise={e}
        onClose={() => setNewCase(false)}
        onCreated={(caseId) => {
          setNewCase(false);
          void message.success(t('case.created'));
          navigate(`/cases/${caseId}`);
        }}
      />
      <LineFormDrawer
        open={lineEdit.open}
        enterprise={e}
        {...(lineEdit.line ? { line: lineEdit.line } : {})}
        onClose={() => setLineEdit({ open: false })}
        onSaved={() => {
          setLineEdit({ open: false });
          lines.reload();
        }}
      />
    </PageContainer>
  );
}
