/**
 * 案件: cases in scope (GET /cases), searched by enterprise name, credit code or case number and filtered by
 * territory, dimension, state and deadline; columns with names (territory, lead department), opened, due, days left
 * and who acts next, chosen per user (saved in localStorage); .xlsx export of the filtered list; row selection with
 * bulk acts (POST /cases/bulk-acts: each case decided and audited on its own, a summary of done and refused);
 * the assignee (承办人) column and filter (assignee=me|none) and bulk 指派 (AssignModal, POST /cases/bulk-assign);
 * 新建案件 for the roles that may open cases.
 */
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { DownloadOutlined, FileAddOutlined, SettingOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, DatePicker, Form, Input, List, Modal, Popover, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { api, type CaseFilter } from '../../api/index.ts';
import { FilterCard, FilterField, useFilterOptions } from '../../components/FilterCard.tsx';
import { ErrorView } from '../../components/ErrorView.tsx';
import { PageContainer } from '../../components/PageContainer.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useRequest } from '../../components/useRequest.ts';
import { useUrlFilter } from '../../components/useUrlFilter.ts';
import { useI18n, type DictKey } from '../../i18n/index.tsx';
import { punct } from '../../i18n/punct.ts';
import { useUser } from '../../session.tsx';
import { errorText } from '../../shared/errors.ts';
import { NewCaseDrawer, openableDimensions } from './NewCaseDrawer.tsx';
import { CASE_STATES, DEADLINE_STATUSES, DIMENSIONS, caseState, deadlineStatus, dimension } from '../../shared/status.ts';
import { NextActionCell, daysLeftText, type CaseWithNext } from './next-action.tsx';
import { actLabel } from './refusal.ts';
import { BULK_ACTS, workApi, type BulkActBody, type BulkActResult } from './work-api.ts';
import { AssignModal } from './AssignModal.tsx';

const KEYS = ['q', 'territoryCode', 'dimension', 'state', 'deadlineStatus', 'assignee'] as const;
type F = Partial<Record<(typeof KEYS)[number], string>>;

const COLUMN_KEYS = ['enterprise', 'creditCode', 'territory', 'department', 'assignee', 'dimension', 'state', 'openedOn', 'dueOn', 'daysLeft', 'next'] as const;
type ColumnKey = (typeof COLUMN_KEYS)[number];
const COLUMN_TITLES: Record<ColumnKey, DictKey> = {
  enterprise: 'case.enterprise',
  creditCode: 'ent.creditCode',
  territory: 'case.territory',
  department: 'case.department',
  dimension: 'case.dimension',
  state: 'case.state',
  openedOn: 'work.openedOn',
  dueOn: 'case.dueOn',
  daysLeft: 'work.daysLeft',
  next: 'next.column',
  assignee: 'assign.column',
};

/** The columns this user chose (localStorage, keyed by the account): all by default. */
function useColumnSettings(userId: number) {
  const key = `phaseout.caseColumns.${userId}`;
  const [shown, setShown] = useState<ColumnKey[]>(() => {
    try {
      const v = JSON.parse(window.localStorage.getItem(key) ?? 'null') as unknown;
      if (Array.isArray(v)) return COLUMN_KEYS.filter((k) => v.includes(k));
    } catch {
      /* unreadable: defaults */
    }
    return [...COLUMN_KEYS];
  });
  const save = (next: ColumnKey[]) => {
    setShown(next);
    try {
      window.localStorage.setItem(key, JSON.stringify(next));
    } catch {
      /* storage unavailable: this session only */
    }
  };
  return { shown, save };
}

export default function CaseListPage() {
  const { t, lang, pick, fmtDate } = useI18n();
  const [form] = Form.useForm<F>();
  const { filter, page, pageSize, update, reset, key } = useUrlFilter(KEYS);
  const list = useRequest(() => api.cases.list({ ...(filter as CaseFilter), limit: pageSize, offset: (page - 1) * pageSize }), [key]);
  const user = useUser();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [newCase, setNewCase] = useState(false);
  const opts = useFilterOptions();
  const cols = useColumnSettings(user.id);
  const [selected, setSelected] = useState<CaseWithNext[]>([]);
  const [bulk, setBulk] = useState<{ act: string; date: Dayjs }>();
  const [bulkBusy, setBulkBusy] = useState(false);
  const [bulkResult, setBulkResult] = useState<{ act: string; result: Pick<BulkActResult, 'refused' | 'summary'> }>();
  const [assigning, setAssigning] = useState(false);
  const [exporting, setExporting] = useState(false);

  const items = (list.data?.items ?? []) as CaseWithNext[];
  const bulkActs = useMemo(() => BULK_ACTS.filter((a) => selected.some((c) => c.allowedActs.includes(a))), [selected]);
  const mayAssignSome = selected.some((c) => c.mayAssign);

  const all: Record<ColumnKey, ColumnsType<CaseWithNext>[number]> = {
    enterprise: {
      title: t(COLUMN_TITLES.enterprise),
      key: 'enterprise',
      width: 200,
      render: (_v, r) => (
        <Link to={`/enterprises/${r.enterprise.id}`} data-user-data>
          {r.enterprise.name}
        </Link>
      ),
    },
    creditCode: {
      title: t(COLUMN_TITLES.creditCode),
      key: 'creditCode',
      width: 190,
      render: (_v, r) => <span style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{r.enterprise.creditCode}</span>,
    },
    territory: {
      title: t(COLUMN_TITLES.territory),
      key: 'territory',
      width: 110,
      render: (_v, r) => (r.territoryName ? pick(r.territoryName.name, r.territoryName.nameEn) : r.territoryCode),
    },
    department: {
      title: t(COLUMN_TITLES.department),
      key: 'department',
      width: 150,
      render: (_v, r) => (r.departmentName ? pick(r.departmentName.name, r.departmentName.nameEn) : r.departmentCode),
    },
    dimension: { title: t(COLUMN_TITLES.dimension), key: 'dimension', width: 80, render: (_v, r) => <StatusTag map={dimension} value={r.dimension} /> },
    state: { title: t(COLUMN_TITLES.state), key: 'state', width: 130, render: (_v, r) => <StatusTag map={caseState} value={r.state} /> },
    openedOn: { title: t(COLUMN_TITLES.openedOn), key: 'openedOn', width: 130, render: (_v, r) => fmtDate(r.openedOn) },
    dueOn: { title: t(COLUMN_TITLES.dueOn), key: 'dueOn', width: 130, render: (_v, r) => fmtDate(r.dueOn) },
    daysLeft: { title: t(COLUMN_TITLES.daysLeft), key: 'daysLeft', width: 110, render: (_v, r) => (r.closed ? '—' : daysLeftText(r.next, t) || '—') },
    next: { title: t(COLUMN_TITLES.next), key: 'next', width: 300, render: (_v, r) => <NextActionCell item={r} /> },
    assignee: {
      title: t(COLUMN_TITLES.assignee),
      key: 'assignee',
      width: 120,
      render: (_v, r) => (r.assigneeName ? <span data-user-data>{r.assigneeName}</span> : <Typography.Text type="secondary">—</Typography.Text>),
    },
  };
  const columns: ColumnsType<CaseWithNext> = [
    { title: t('case.id'), dataIndex: 'id', width: 80, fixed: 'left', render: (id: number) => <Link to={`/cases/${id}`}>#{id}</Link> },
    ...cols.shown.map((k) => all[k]),
  ];

  const runBulk = async () => {
    if (!bulk) return;
    setBulkBusy(true);
    try {
      const result = await workApi.bulkAct({ caseIds: selected.map((c) => c.id), kind: bulk.act as BulkActBody['kind'], date: bulk.date.format('YYYY-MM-DD') });
      setBulkResult({ act: bulk.act, result });
      setBulk(undefined);
      setSelected([]);
      list.reload();
    } catch (e) {
      void message.error(errorText(e, lang));
    } finally {
      setBulkBusy(false);
    }
  };

  const exportList = async () => {
    setExporting(true);
    try {
      const { q, territoryCode, dimension: dim, state, deadlineStatus: ds, assignee } = filter;
      await workApi.exportCases({
        ...(q ? { q } : {}),
        ...(territoryCode ? { territoryCode } : {}),
        ...(dim ? { dimension: dim as 'energy' } : {}),
        ...(state ? { state } : {}),
        ...(ds ? { deadlineStatus: ds as 'none' } : {}),
        ...(assignee ? { assignee } : {}),
      });
    } catch (e) {
      void message.error(errorText(e, lang));
    } finally {
      setExporting(false);
    }
  };

  return (
    <PageContainer
      title={t('menu.cases')}
      crumbs={[{ title: t('menu.cases') }]}
      extra={
        openableDimensions(user).length > 0 && user.role !== 'government' ? (
          <Button type="primary" icon={<FileAddOutlined />} onClick={() => setNewCase(true)} data-testid="new-case">
            {t('case.create')}
          </Button>
        ) : null
      }
    >
      <FilterCard<F>
        form={form}
        name="case-filter"
        initialValues={filter}
        onFinish={(v) => update({ ...Object.fromEntries(KEYS.map((k) => [k, v[k]?.trim() || undefined])), page: undefined })}
        onReset={reset}
      >
        <FilterField name="q" label={t('work.search')}>
          <Input allowClear placeholder={t('work.searchPlaceholder')} maxLength={100} data-testid="case-search" />
        </FilterField>
        <FilterField name="territoryCode" label={t('case.territory')}>
          <Select {...opts.select} options={opts.territories} />
        </FilterField>
        <FilterField name="dimension" label={t('case.dimension')}>
          <Select {...opts.select} options={DIMENSIONS.map((d) => ({ value: d, label: t(dimension[d].label) }))} />
        </FilterField>
        <FilterField name="state" label={t('case.state')}>
          <Select {...opts.select} options={CASE_STATES.map((s) => ({ value: s, label: t(caseState[s].label) }))} />
        </FilterField>
        <FilterField name="deadlineStatus" label={t('case.filter.deadline')}>
          <Select {...opts.select} options={DEADLINE_STATUSES.map((s) => ({ value: s, label: t(deadlineStatus[s].label) }))} />
        </FilterField>
        <FilterField name="assignee" label={t('assign.filter')}>
          <Select
            {...opts.select}
            data-testid="case-assignee-filter"
            options={[
              { value: 'me', label: t('assign.filter.me') },
              { value: 'none', label: t('assign.filter.none') },
            ]}
          />
        </FilterField>
      </FilterCard>
      <Card size="small">
        <Space wrap style={{ marginBottom: 12 }}>
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportList()} data-testid="case-export">
            {t('work.export')}
          </Button>
          <Popover
            trigger="click"
            placement="bottomLeft"
            content={
              <Checkbox.Group
                data-testid="case-columns"
                style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
                value={cols.shown}
                onChange={(v) => cols.save(COLUMN_KEYS.filter((k) => (v as string[]).includes(k)))}
                options={COLUMN_KEYS.map((k) => ({ value: k, label: t(COLUMN_TITLES[k]) }))}
              />
            }
          >
            <Button icon={<SettingOutlined />} data-testid="case-columns-button">
              {t('work.columns')}
            </Button>
          </Popover>
          {selected.length > 0 && (
            <>
              <Typography.Text data-testid="case-selected">{t('work.selected', { n: selected.length })}</Typography.Text>
              {bulkActs.map((a) => (
                <Button key={a} type="primary" ghost data-testid={`bulk-${a}`} onClick={() => setBulk({ act: a, date: dayjs() })}>
                  {t('work.bulkServe', { act: actLabel(lang, a) })}
                </Button>
              ))}
              {mayAssignSome && (
                <Button type="primary" ghost data-testid="bulk-assign" onClick={() => setAssigning(true)}>
                  {t('assign.bulk')}
                </Button>
              )}
            </>
          )}
        </Space>
        {list.error ? (
          <ErrorView error={list.error} onRetry={list.reload} />
        ) : (
          <Table<CaseWithNext>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={items}
            loading={list.loading}
            scroll={{ x: 'max-content' }}
            rowSelection={{
              selectedRowKeys: selected.map((c) => c.id),
              onChange: (_keys, rows) => setSelected(rows),
              getCheckboxProps: (r) => ({ disabled: r.closed, name: `select-${r.id}` }),
            }}
            pagination={{ current: page, pageSize, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: (total) => t('common.total', { total }) }}
            onChange={(p) => update({ page: String(p.current ?? 1), pageSize: String(p.pageSize ?? 20) })}
          />
        )}
      </Card>
      <Modal
        open={!!bulk}
        title={bulk ? t('work.bulkServe', { act: actLabel(lang, bulk.act) }) : ''}
        onCancel={() => setBulk(undefined)}
        onOk={() => void runBulk()}
        confirmLoading={bulkBusy}
        okButtonProps={{ 'data-testid': 'bulk-confirm' } as Record<string, string>}
        destroyOnClose
      >
        {bulk && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Typography.Paragraph>{t('work.bulkConfirm', { n: selected.length, act: actLabel(lang, bulk.act) })}</Typography.Paragraph>
            <Form layout="vertical">
              <Form.Item label={t('work.bulkDate')} required>
                <DatePicker
                  value={bulk.date}
                  allowClear={false}
                  disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                  onChange={(d) => d && setBulk({ ...bulk, date: d })}
                />
              </Form.Item>
            </Form>
          </Space>
        )}
      </Modal>
      <Modal
        open={!!bulkResult}
        title={bulkResult ? t('work.bulkResult', { done: bulkResult.result.summary.done, refused: bulkResult.result.summary.refused }) : ''}
        onCancel={() => setBulkResult(undefined)}
        footer={null}
      >
        {bulkResult && (
          <div data-testid="bulk-result">
            <Alert
              type={bulkResult.result.summary.refused ? 'warning' : 'success'}
              showIcon
              message={t('work.bulkResult', { done: bulkResult.result.summary.done, refused: bulkResult.result.summary.refused })}
              style={{ marginBottom: 12 }}
            />
            {bulkResult.result.refused.length > 0 && (
              <List
                size="small"
                header={t('work.bulkRefused')}
                dataSource={bulkResult.result.refused}
                renderItem={(r) => (
                  <List.Item data-testid={`bulk-refused-${r.caseId}`}>
                    <span>
                      <Link to={`/cases/${r.caseId}`}>#{r.caseId}</Link>
                      {punct(lang).colon}
                      {pick((r.reason ?? r.message).zh, (r.reason ?? r.message).en)}
                      {r.allowed.length > 0 &&
                        `${punct(lang).lp}${t('work.allowedNow', { acts: r.allowed.map((a) => actLabel(lang, a)).join(punct(lang).list) })}${punct(lang).rp}`}
                    </span>
                  </List.Item>
                )}
              />
            )}
          </div>
        )}
      </Modal>
      <AssignModal
        open={assigning}
        cases={selected}
        onClose={() => setAssigning(false)}
        onAssigned={(r) => {
          setAssigning(false);
          if ('many' in r) setBulkResult({ act: 'assign', result: r.many });
          else void message.success(r.one.assigneeId === null ? t('assign.cleared') : t('assign.done'));
          setSelected([]);
          list.reload();
        }}
      />
      <NewCaseDrawer
        open={newCase}
        onClose={() => setNewCase(false)}
        onCreated={(id) => {
          setNewCase(false);
          void message.success(t('case.created'));
          navigate(`/cases/${id}`);
        }}
      />
    </PageContainer>
  );
}
