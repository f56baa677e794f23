/**
 * 退出计划 (§3.1): the plans in scope with their progress from the capacity ledger; a county drafts its plan for a
 * year; the plan page lists the items (done / late / at risk, computed, never typed), edits a draft or returned plan,
 * and carries the acts: submit, return with comments and file with its 备案号 (office), a new version with its reason.
 */
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Alert, App, Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Progress, Select, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { api } from '../../api/index.ts';
import { ErrorView } from '../../components/ErrorView.tsx';
import { FilterCard, FilterField, useFilterOptions } from '../../components/FilterCard.tsx';
import { useUrlFilter } from '../../components/useUrlFilter.ts';
import { PageContainer } from '../../components/PageContainer.tsx';
import { useRequest } from '../../components/useRequest.ts';
import { useI18n, type DictKey } from '../../i18n/index.tsx';
import { errorText } from '../../shared/errors.ts';
import { useUser } from '../../session.tsx';
import { useRefName } from '../../shared/useRefName.ts';
import { withParens } from '../../i18n/punct.ts';
import { unitLabel } from '../../i18n/units.ts';
import { EXIT_METHODS, programmeApi, type ItemProgress, type Plan, type PlanItemInput, type PlanState, type PlanSummary } from './api.ts';

const STATE_COLOR: Record<PlanState, string> = { draft: 'default', submitted: 'blue', returned: 'orange', filed: 'green', superseded: 'default' };
const PROGRESS_COLOR: Record<ItemProgress, string> = { done: 'green', doneLate: 'cyan', late: 'red', atRisk: 'orange', onTrack: 'blue' };

export function PlanStateTag({ state }: { state: PlanState }) {
  const { t } = useI18n();
  return <Tag color={STATE_COLOR[state]}>{t(`prg.plan.${state}` as DictKey)}</Tag>;
}

function share(p: PlanSummary['progress']): number {
  const planned = p.byUnit.reduce((s, u) => s + u.planned, 0);
  const exited = p.byUnit.reduce((s, u) => s + u.exited, 0);
  return planned > 0 ? Math.round((exited / planned) * 1000) / 10 : 0;
}

function NewPlanModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, lang } = useI18n();
  const user = useUser();
  const opts = useFilterOptions();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ territoryCode?: string; year: number }>();
  const [err, setErr] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (v: { territoryCode?: string; year: number }) => {
    setBusy(true);
    setErr(undefined);
    try {
      const p = await programmeApi.plans.create({ territoryCode: v.territoryCode ?? user.territoryCode ?? '', year: v.year, items: [] });
      onClose();
      navigate(`/exit-plans/${p.id}`);
    } catch (e) {
      setErr(errorText(e, lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={t('prg.newPlan')}
      onOk={() => form.submit()}
      okText={t('common.create')}
      confirmLoading={busy}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'plan-create' } as Record<string, string>}
    >
      {err && <Alert type="error" showIcon role="alert" message={err} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ year: new Date().getFullYear() }} onFinish={(v) => void submit(v)} name="new-plan">
        {user.role === 'office' && (
          <Form.Item name="territoryCode" label={t('case.territory')} rules={[{ required: true }]}>
            <Select showSearch optionFilterProp="label" options={opts.territories} />
          </Form.Item>
        )}
        <Form.Item name="year" label={t('prg.year')} rules={[{ required: true }]}>
          <InputNumber min={2000} max={2100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

const KEYS = ['q', 'territoryCode', 'year', 'state'] as const;
type F = Partial<Record<(typeof KEYS)[number], string>>;

export function PlanListPage() {
  const { t, lang, fmtDate } = useI18n();
  const refName = useRefName();
  const { message } = App.useApp();
  const user = useUser();
  const navigate = useNavigate();
  const [form] = Form.useForm<F>();
  const { filter, update, reset, key } = useUrlFilter(KEYS);
  const apiFilter = {
    ...(filter.q ? { q: filter.q } : {}),
    ...(filter.territoryCode ? { territoryCode: filter.territoryCode } : {}),
    ...(filter.year ? { year: Number(filter.year) } : {}),
    ...(filter.state ? { state: filter.state as PlanState } : {}),
  };
  const list = useRequest(() => programmeApi.plans.list({ ...apiFilter, limit: 200 }), [key]);
  const [creating, setCreating] = useState(false);
  const opts = useFilterOptions();
  return (
    <PageContainer
      title={t('menu.exitPlans')}
      crumbs={[{ title: t('menu.exitPlans') }]}
      extra={
        <>
          <Button
            icon={<DownloadOutlined />}
            onClick={() => void programmeApi.plans.exportXlsx(apiFilter).catch((e: unknown) => void message.error(errorText(e, lang)))}
            data-testid="plan-export"
          >
            {t('common.export')}
          </Button>
          {user.role === 'office' || user.role === 'territory' ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="plan-new">
              {t('prg.newPlan')}
            </Button>
          ) : null}
        </>
      }
    >
      <FilterCard<F>
        form={form}
        name="plan-filter"
        initialValues={filter}
        onFinish={(v) => update({ ...Object.fromEntries(KEYS.map((k) => [k, String(v[k] ?? '').trim() || undefined])), page: undefined })}
        onReset={reset}
      >
        <FilterField name="q" label={t('prg.search')}>
          <Input allowClear placeholder={t('prg.planSearchHelp')} data-testid="plan-search" />
        </FilterField>
        <FilterField name="territoryCode" label={t('case.territory')}>
          <Select {...opts.select} options={opts.territories} />
        </FilterField>
        <FilterField name="year" label={t('prg.year')}>
          <Input allowClear />
        </FilterField>
        <FilterField name="state" label={t('prg.state')}>
          <Select
            {...opts.select}
            options={(['draft', 'submitted', 'returned', 'filed', 'superseded'] as const).map((s) => ({ value: s, label: t(`prg.plan.${s}`) }))}
          />
        </FilterField>
      </FilterCard>
      <Card size="small">
        {list.error ? (
          <ErrorView error={list.error} onRetry={list.reload} />
        ) : (
          <Table<PlanSummary>
            size="small"
            rowKey="id"
            loading={list.loading}
            dataSource={list.data?.items ?? []}
            data-testid="plan-table"
            scroll={{ x: 900 }}
            pagination={false}
            onRow={(r) => ({ onClick: () => navigate(`/exit-plans/${r.id}`), style: { cursor: 'pointer' } })}
            columns={[
              { title: t('case.territory'), dataIndex: 'territoryName', width: 130, render: (v: string) => refName(v) },
              { title: t('prg.year'), dataIndex: 'year', width: 70 },
              { title: t('prg.planVersion'), dataIndex: 'planVersion', width: 70 },
              { title: t('prg.state'), dataIndex: 'state', width: 100, render: (s: PlanState) => <PlanStateTag state={s} /> },
              {
                title: t('prg.filingNo'),
                dataIndex: 'filingNo',
                render: (v: string | null, r) =>
                  v ? (
                    <>
                      <span data-user-data>{v}</span>
                      {withParens(lang, '', fmtDate(r.filedOn))}
                    </>
                  ) : (
                    '—'
                  ),
              },
              {
                title: t('prg.items'),
                key: 'items',
                width: 160,
                render: (_v, r) => t('prg.itemsCount', { n: r.progress.items, done: r.progress.done, late: r.progress.late }),
              },
              { title: t('prg.exitedShare'), key: 'share', width: 160, render: (_v, r) => <Progress percent={share(r.progress)} size="small" /> },
              { title: t('prg.nextActor'), dataIndex: 'nextActor', width: 110, render: (v: string | null) => (v ? t(`prg.next.${v}` as DictKey) : '—') },
            ]}
          />
        )}
      </Card>
      <NewPlanModal open={creating} onClose={() => setCreating(false)} />
    </PageContainer>
  );
}

function ItemModal({ plan, open, onClose, onSaved }: { plan: Plan; open: boolean; onClose: () => void; onSaved: () => void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm();
  const [q, setQ] = useState('');
  const [enterpriseId, setEnterpriseId] = useState<number>();
  const ents = useRequest(() => api.enterprises.list({ q: q || undefined, territoryCode: plan.territoryCode, limit: 20 }), [q, plan.territoryCode], open);
  const lines = useRequest(() => api.enterprises.lines(enterpriseId!), [enterpriseId], enterpriseId !== undefined);
  const [err, setErr] = useState<string>();
  const [busy, setBusy] = useState(false);
  const existing: PlanItemInput[] = plan.items.map((i) => ({
    enterpriseId: i.enterpriseId,
    lineId: i.lineId,
    capacity: i.capacity,
    capacityUnit: i.capacityUnit,
    method: i.method,
    targetOn: i.targetOn,
    workers: i.workers,
    note: i.note,
  }));
  const submit = async (v: Record<string, unknown>) => {
    setBusy(true);
    setErr(undefined);
    try {
      const item: PlanItemInput = {
        enterpriseId: v.enterpriseId as number,
        lineId: (v.lineId as number | undefined) ?? null,
        method: v.method as PlanItemInput['method'],
        targetOn: (v.targetOn as Dayjs).format('YYYY-MM-DD'),
        workers: (v.workers as number | undefined) ?? 0,
      };
      await programmeApi.plans.update(plan.id, { version: plan.version, items: [...existing, item] });
      form.resetFields();
      onSaved();
    } catch (e) {
      setErr(errorText(e, lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={t('prg.addItem')}
      onOk={() => form.submit()}
      confirmLoading={busy}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'plan-item-save' } as Record<string, string>}
    >
      {err && <Alert type="error" showIcon role="alert" message={err} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v as Record<string, unknown>)}
        name="plan-item"
        initialValues={{ method: 'technology', workers: 0 }}
      >
        <Form.Item name="enterpriseId" label={t('prg.enterprise')} rules={[{ required: true }]}>
          <Select
            showSearch
            filterOption={false}
            onSearch={setQ}
            onChange={(v: number) => setEnterpriseId(v)}
            loading={ents.loading}
            options={(ents.data?.items ?? []).map((e) => ({ value: e.id, label: e.name }))}
            data-testid="plan-item-enterprise"
          />
        </Form.Item>
        <Form.Item name="lineId" label={t('prg.line')}>
          <Select
            allowClear
            options={(lines.data?.items ?? []).map((l) => ({ value: l.id, label: `${l.name}（${l.capacity} ${l.capacityUnit}）` }))}
            data-testid="plan-item-line"
          />
        </Form.Item>
        <Form.Item name="method" label={t('prg.method')} rules={[{ required: true }]}>
          <Select options={EXIT_METHODS.map((m) => ({ value: m, label: t(`prg.method.${m}` as DictKey) }))} />
        </Form.Item>
        <Form.Item name="targetOn" label={t('prg.targetOn')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} data-testid="plan-item-target" />
        </Form.Item>
        <Form.Item name="workers" label={t('prg.workers')}>
          <InputNumber min={0} max={1000000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function PlanDetailPage() {
  const { t, lang, fmtDate } = useI18n();
  const refName = useRefName();
  const { message } = App.useApp();
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const plan = useRequest(() => programmeApi.plans.get(id), [id]);
  const [adding, setAdding] = useState(false);
  const [act, setAct] = useState<'submit' | 'file' | 'return' | 'newVersion'>();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const p = plan.data;
  const run = async () => {
    if (!p || !act) return;
    setBusy(true);
    try {
      const body = {
        kind: act,
        version: p.version,
        ...(act === 'file' ? { filingNo: text } : act === 'return' ? { comments: text } : act === 'newVersion' ? { reason: text } : {}),
      };
      const next = await programmeApi.plans.act(p.id, body);
      void message.success(t('prg.done'));
      setAct(undefined);
      setText('');
      if (next.id !== p.id) navigate(`/exit-plans/${next.id}`);
      else plan.reload();
    } catch (e) {
      void message.error(errorText(e, lang));
    } finally {
      setBusy(false);
    }
  };
  const label = p ? `${refName(p.territoryName)} ${p.year} ${t('prg.planTitle')}` : t('menu.exitPlans');
  return (
    <PageContainer
      title={label}
      crumbs={[{ title: t('menu.exitPlans'), to: '/exit-plans' }, { title: label }]}
      tags={p ? <PlanStateTag state={p.state} /> : null}
    >
      {plan.error ? (
        <ErrorView error={plan.error} onRetry={plan.reload} />
      ) : p ? (
        <Space direction="vertical" style={{ width: '100%' }} data-testid="plan-detail">
          <Card size="small">
            <Descriptions size="small" column={{ xs: 1, md: 3 }}>
              <Descriptions.Item label={t('prg.planVersion')}>{p.planVersion}</Descriptions.Item>
              <Descriptions.Item label={t('prg.nextActor')}>{p.nextActor ? t(`prg.next.${p.nextActor}` as DictKey) : '—'}</Descriptions.Item>
              <Descriptions.Item label={t('prg.workers')}>{p.progress.workers}</Descriptions.Item>
              <Descriptions.Item label={t('prg.submittedOn')}>{fmtDate(p.submittedOn)}</Descriptions.Item>
              <Descriptions.Item label={t('prg.filingNo')}>
                <span data-testid="plan-filing-no" data-user-data>
                  {p.filingNo ?? '—'}
                </span>
              </Descriptions.Item>
              <Descriptions.Item label={t('prg.filedOn')}>{fmtDate(p.filedOn)}</Descriptions.Item>
              {p.changeReason && (
                <Descriptions.Item label={t('prg.changeReason')}>
                  <span data-user-data>{p.changeReason}</span>
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t('prg.exitedShare')}>
                {p.progress.byUnit.map((u) => `${u.exited}/${u.planned} ${u.unit}`).join('；') || '—'}
              </Descriptions.Item>
            </Descriptions>
            {p.state === 'returned' && p.returnComments && (
              <Alert
                type="warning"
                showIcon
                message={<span data-user-text={p.returnComments}>{t('prg.returnedWith', { c: p.returnComments })}</span>}
                data-testid="plan-return-comments"
              />
            )}
            <Space wrap style={{ marginTop: 12 }}>
              {p.allowedActs.includes('edit') && (
                <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="plan-add-item">
                  {t('prg.addItem')}
                </Button>
              )}
              {p.allowedActs
                .filter((a) => a !== 'edit')
                .map((a) => (
                  <Button
                    key={a}
                    type={a === 'file' || a === 'submit' ? 'primary' : 'default'}
                    onClick={() => setAct(a as typeof act)}
                    data-testid={`plan-act-${a}`}
                  >
                    {t(`prg.pact.${a}` as DictKey)}
                  </Button>
                ))}
            </Space>
            {act && (
              <Space style={{ marginTop: 12 }} wrap data-testid="plan-act-form">
                {act !== 'submit' && (
                  <Input
                    style={{ width: 360 }}
                    value={text}
                    onChange={(e) => setText(e.target.value)}
                    placeholder={t(`prg.pactField.${act}` as DictKey)}
                    data-testid="plan-act-text"
                  />
                )}
                <Button type="primary" loading={busy} onClick={() => void run()} data-testid="plan-act-confirm">
                  {t(`prg.pact.${act}` as DictKey)}
                </Button>
                <Button onClick={() => setAct(undefined)}>{t('common.cancel')}</Button>
              </Space>
            )}
          </Card>
          <Card size="small" title={t('prg.items')}>
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={p.items}
              data-testid="plan-items"
              scroll={{ x: 900 }}
              columns={[
                { title: t('prg.enterprise'), dataIndex: 'enterpriseName', render: (v: string) => <span data-user-data>{v}</span> },
                { title: t('prg.line'), dataIndex: 'lineName', render: (v: string | null) => (v ? <span data-user-data>{v}</span> : t('prg.allLines')) },
                { title: t('prg.capacity'), key: 'cap', render: (_v, r) => `${r.capacity} ${unitLabel(lang, r.capacityUnit)}` },
                { title: t('prg.method'), dataIndex: 'method', render: (v: string) => t(`prg.method.${v}` as DictKey) },
                { title: t('prg.targetOn'), dataIndex: 'targetOn', render: (v: string) => fmtDate(v) },
                { title: t('prg.workers'), dataIndex: 'workers' },
                { title: t('prg.exitedOn'), dataIndex: 'exitedOn', render: (v: string | null) => fmtDate(v) },
                {
                  title: t('prg.progress'),
                  dataIndex: 'progress',
                  render: (v: ItemProgress) => <Tag color={PROGRESS_COLOR[v]}>{t(`prg.prog.${v}` as DictKey)}</Tag>,
                },
              ]}
            />
            <Typography.Text type="secondary">{t('prg.progressNote')}</Typography.Text>
          </Card>
          <ItemModal
            plan={p}
            open={adding}
            onClose={() => setAdding(false)}
            onSaved={() => {
              setAdding(false);
              plan.reload();
            }}
          />
        </Space>
      ) : null}
    </PageContainer>
  );
}

export default PlanListPage;
