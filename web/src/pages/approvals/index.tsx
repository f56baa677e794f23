/**
 * 待审批事项 (the city government's queue): what waits for its decision, longest-waiting first, with the days waited;
 * each item opens its case file and enterprise page. A §2.2 serious case is approved or refused here with a reason
 * (and the approval's document number) through the case act recordGovernmentApproval; a §2.4 closure is ordered
 * through orderClosure; the city's year-end report (§3.4) is approved here as it stands. The server decides; refusals are shown as the server words them. Below: the exited capacity
 * by industry, one chart per unit.
 */
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, App, Button, Card, Form, Input, Modal, Radio, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { request } from '../../api/client.ts';
import type { ResponseOf } from '../../api/generated.ts';
import { ErrorView } from '../../components/ErrorView.tsx';
import { PageContainer } from '../../components/PageContainer.tsx';
import { useRequest } from '../../components/useRequest.ts';
import { useI18n } from '../../i18n/index.tsx';
import { errorText } from '../../shared/errors.ts';
import { useUser } from '../../session.tsx';
import { ExitedCapacity } from './ExitedCapacity.tsx';
import { useRefName } from '../../shared/useRefName.ts';

type ApprovalList = ResponseOf<'/api/v1/approvals', 'get'>;
/** one item of the queue, its type generated from /openapi.json (web/src/api/generated.ts) */
export type ApprovalItem = ApprovalList['items'][number];

type Decision = { item: ApprovalItem; act: string; decision?: 'approved' | 'refused' };

export default function ApprovalsPage() {
  const { t, pick, lang } = useI18n();
  const refName = useRefName();
  const { message } = App.useApp();
  const user = useUser();
  const queue = useRequest(() => request<ApprovalList>('/approvals'), []);
  const [deciding, setDeciding] = useState<Decision>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string>();
  const [form] = Form.useForm<{ reason: string; documentNo?: string; measure?: 'cease' | 'close' }>();
  const mayDecide = user.role === 'government';

  const submit = async (v: { reason: string; documentNo?: string; measure?: 'cease' | 'close' }) => {
    if (!deciding?.item.caseId) return;
    setSaving(true);
    setError(undefined);
    const payload: Record<string, unknown> = deciding.act === 'recordGovernmentApproval' ? { decision: deciding.decision, reason: v.reason.trim() } : {};
    if (v.documentNo?.trim()) payload.documentNo = v.documentNo.trim();
    // §2.2: the city government approves one measure, cease business (停业) or close (关闭)
    if (deciding.act === 'recordGovernmentApproval' && deciding.decision === 'approved' && v.measure) payload.measure = v.measure;
    try {
      await request(`/cases/${deciding.item.caseId}/acts`, { method: 'POST', body: { kind: deciding.act, date: dayjs().format('YYYY-MM-DD'), payload } });
      void message.success(t('appr.done'));
      setDeciding(undefined);
      form.resetFields();
      queue.reload();
    } catch (e) {
      setError(errorText(e, lang));
    } finally {
      setSaving(false);
    }
  };

  // the year-end report (plan §3.4): approved as it stands (its reconciliation is settled before it is listed)
  const approveReport = async (item: ApprovalItem) => {
    setSaving(true);
    try {
      await request(`/yearend/reports/${item.key.slice('report:'.length)}/approve`, { method: 'POST', body: {} });
      void message.success(t('appr.done'));
      queue.reload();
    } catch (e) {
      void message.error(errorText(e, lang));
    } finally {
      setSaving(false);
    }
  };

  const open = (item: ApprovalItem, act: string, decision?: 'approved' | 'refused') => {
    form.resetFields();
    setError(undefined);
    setDeciding({ item, act, ...(decision ? { decision } : {}) });
  };

  return (
    <PageContainer title={t('menu.approvals')} crumbs={[{ title: t('menu.approvals') }]}>
      <Card size="small">
        {queue.error ? (
          <ErrorView error={queue.error} onRetry={queue.reload} />
        ) : (
          <Table<ApprovalItem>
            rowKey="key"
            loading={queue.loading}
            dataSource={queue.data?.items ?? []}
            data-testid="approval-queue"
            scroll={{ x: 1320 }}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
            columns={[
              {
                title: t('appr.item'),
                key: 'title',
                width: 240,
                render: (_v, r) => (r.caseId ? <Link to={r.link}>{pick(r.title, r.titleEn)}</Link> : pick(r.title, r.titleEn)),
              },
              {
                title: t('ent.name'),
                key: 'enterprise',
                width: 200,
                render: (_v, r) =>
                  r.enterprise ? (
                    <Link to={`/enterprises/${r.enterprise.id}`} data-user-data>
                      {r.enterprise.name}
                    </Link>
                  ) : (
                    '—'
                  ),
              },
              { title: t('ent.territory'), dataIndex: 'territoryName', width: 110, render: (v: string | null) => refName(v) },
              { title: t('appr.department'), dataIndex: 'departmentName', width: 150, render: (v: string | null) => refName(v) },
              { title: t('appr.requestedOn'), dataIndex: 'requestedOn', width: 120 },
              {
                title: t('appr.waited'),
                dataIndex: 'waitedDays',
                width: 100,
                render: (d: number) => <Tag color={d > 30 ? 'red' : d > 7 ? 'orange' : 'blue'}>{t('appr.days', { days: d })}</Tag>,
              },
              { title: t('appr.basis'), key: 'basis', width: 200, render: (_v, r) => pick(r.basis.citationZh, r.basis.citation) },
              {
                title: t('common.actions'),
                key: 'actions',
                width: 200,
                render: (_v, r) =>
                  mayDecide && r.source === 'yearend-report' ? (
                    <Space>
                      <Button size="small" type="primary" loading={saving} onClick={() => void approveReport(r)} data-testid={`approve-${r.key}`}>
                        {t('appr.approve')}
                      </Button>
                      <Link to={r.link}>{t('common.view')}</Link>
                    </Space>
                  ) : !mayDecide || !r.caseId ? (
                    <Link to={r.link}>{t('common.view')}</Link>
                  ) : r.acts.includes('recordGovernmentApproval') ? (
                    <Space>
                      <Button size="small" type="primary" onClick={() => open(r, 'recordGovernmentApproval', 'approved')} data-testid={`approve-${r.caseId}`}>
                        {t('appr.approve')}
                      </Button>
                      <Button size="small" danger onClick={() => open(r, 'recordGovernmentApproval', 'refused')} data-testid={`refuse-${r.caseId}`}>
                        {t('appr.refuse')}
                      </Button>
                    </Space>
                  ) : (
                    <Button size="small" type="primary" onClick={() => open(r, r.acts[0]!)} data-testid={`decide-${r.caseId}`}>
                      {t('appr.decide')}
                    </Button>
                  ),
              },
            ]}
          />
        )}
      </Card>
      <ExitedCapacity />
      <Modal
        open={deciding !== undefined}
        title={
          deciding
            ? `${deciding.decision === 'refused' ? t('appr.refuse') : deciding.decision === 'approved' ? t('appr.approve') : t('appr.decide')}：${deciding.item.enterprise?.name ?? ''}`
            : ''
        }
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={saving}
        onOk={() => form.submit()}
        onCancel={() => setDeciding(undefined)}
        destroyOnClose
      >
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="decision-error" />}
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} name="decision">
          {deciding?.act === 'recordGovernmentApproval' && deciding.decision === 'approved' && (
            <Form.Item name="measure" label={t('appr.measure')} initialValue="close" rules={[{ required: true }]}>
              <Radio.Group
                data-testid="decision-measure"
                options={[
                  { value: 'close', label: t('appr.measure.close') },
                  { value: 'cease', label: t('appr.measure.cease') },
                ]}
              />
            </Form.Item>
          )}
          {deciding?.act === 'recordGovernmentApproval' && (
            <Form.Item name="reason" label={t('appr.reason')} rules={[{ required: true, whitespace: true, message: t('appr.reasonRequired') }, { max: 2000 }]}>
              <Input.TextArea rows={3} data-testid="decision-reason" />
            </Form.Item>
          )}
          {/* the government's own approval (批复) carries its number; a closure decision is numbered by the platform (issue 11) */}
          {deciding?.act === 'recordGovernmentApproval' && (
            <Form.Item name="documentNo" label={t('appr.documentNo')} rules={[{ max: 100 }]}>
              <Input placeholder="芜政〔2020〕1号" data-testid="decision-doc" />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </PageContainer>
  );
}
