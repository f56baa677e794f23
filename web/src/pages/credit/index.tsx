/**
 * 差别化信贷名单 (plan §2.6), the bank's page: the enterprises under orders, closed or exited — measure, since when,
 * lead department, basis — searched by credit code or name, exported as Excel, and the changes since a date.
 * Read-only; every read is audited by the server.
 */
import { useState } from 'react';
import { App, Button, Card, DatePicker, Form, Input, Select, Table, Tabs, Tag } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { FilterCard, FilterField } from '../../components/FilterCard.tsx';
import { ErrorView } from '../../components/ErrorView.tsx';
import { PageContainer } from '../../components/PageContainer.tsx';
import { useRequest } from '../../components/useRequest.ts';
import { useUrlFilter } from '../../components/useUrlFilter.ts';
import { useI18n, type DictKey } from '../../i18n/index.tsx';
import { errorText } from '../../shared/errors.ts';
import { CREDIT_MEASURES, creditApi, type CreditChange, type CreditEntry, type CreditFilter, type CreditMeasure } from './api.ts';
import { useRefName } from '../../shared/useRefName.ts';

const KEYS = ['q', 'measure'] as const;
const MEASURE_COLOR: Record<CreditMeasure, string> = {
  rectification: 'gold',
  restriction: 'orange',
  suspension: 'volcano',
  elimination: 'magenta',
  closure: 'red',
  exit: 'default',
};
export const measureLabel = (m: CreditMeasure): DictKey => `credit.measure.${m}` as DictKey;

function ChangesTab() {
  const { t } = useI18n();
  const [since, setSince] = useState<Dayjs>(dayjs().subtract(30, 'day'));
  const [page, setPage] = useState(1);
  const list = useRequest(() => creditApi.changes(since.format('YYYY-MM-DD'), 20, (page - 1) * 20), [since.valueOf(), page]);
  return (
    <Card size="small">
      <Form layout="inline" style={{ marginBottom: 12 }}>
        <Form.Item label={t('credit.changesSince')}>
          <DatePicker value={since} allowClear={false} onChange={(d) => d && (setSince(d), setPage(1))} data-testid="changes-since" />
        </Form.Item>
      </Form>
      {list.error ? (
        <ErrorView error={list.error} onRetry={list.reload} />
      ) : (
        <Table<CreditChange>
          rowKey={(r) => `${r.creditCode}-${r.recordedAt}-${r.change}`}
          size="small"
          scroll={{ x: 900 }}
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showTotal: (total) => t('common.total', { total }) }}
          columns={[
            { title: t('credit.onDate'), dataIndex: 'onDate', width: 120 },
            { title: t('ent.creditCode'), dataIndex: 'creditCode', width: 200, render: (c: string) => <span style={{ fontFamily: 'monospace' }}>{c}</span> },
            { title: t('ent.name'), dataIndex: 'name', width: 220, render: (n: string) => <span data-user-data>{n}</span> },
            {
              title: t('credit.change'),
              dataIndex: 'change',
              width: 100,
              render: (c: CreditChange['change']) => (
                <Tag color={c === 'removed' ? 'green' : c === 'added' ? 'red' : 'orange'}>{t(`credit.change.${c}` as DictKey)}</Tag>
              ),
            },
            { title: t('credit.measureBefore'), dataIndex: 'measureBefore', width: 160, render: (m: CreditMeasure | null) => (m ? t(measureLabel(m)) : '—') },
            { title: t('credit.measureAfter'), dataIndex: 'measureAfter', width: 160, render: (m: CreditMeasure | null) => (m ? t(measureLabel(m)) : '—') },
          ]}
        />
      )}
    </Card>
  );
}

export default function CreditListPage() {
  const { t, lang, pick } = useI18n();
  const refName = useRefName();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreditFilter>();
  const { filter, page, pageSize, update, reset, key } = useUrlFilter(KEYS);
  const list = useRequest(() => creditApi.list({ ...(filter as CreditFilter), limit: pageSize, offset: (page - 1) * pageSize }), [key]);
  const [exporting, setExporting] = useState(false);

  const exportXlsx = async () => {
    setExporting(true);
    try {
      await creditApi.exportXlsx(filter as CreditFilter);
    } catch (e) {
      void message.error(errorText(e, lang));
    } finally {
      setExporting(false);
    }
  };

  return (
    <PageContainer
      title={t('menu.credit')}
      crumbs={[{ title: t('menu.credit') }]}
      extra={
        <Button icon={<DownloadOutlined />} onClick={() => void exportXlsx()} loading={exporting} data-testid="export">
          {t('common.export')}
        </Button>
      }
    >
      <Tabs
        items={[
          {
            key: 'list',
            label: t('credit.tab.list'),
            children: (
              <>
                <FilterCard<CreditFilter>
                  form={form}
                  name="credit-filter"
                  initialValues={filter as CreditFilter}
                  onFinish={(v) => update({ q: v.q?.trim() || undefined, measure: v.measure ?? undefined, page: undefined })}
                  onReset={reset}
                >
                  <FilterField name="q" label={t('credit.search')}>
                    <Input allowClear placeholder={t('credit.searchPlaceholder')} data-testid="credit-q" />
                  </FilterField>
                  <FilterField name="measure" label={t('credit.measure')}>
                    <Select allowClear placeholder={t('ent.filter.any')} options={CREDIT_MEASURES.map((m) => ({ value: m, label: t(measureLabel(m)) }))} />
                  </FilterField>
                </FilterCard>
                <Card size="small">
                  {list.error ? (
                    <ErrorView error={list.error} onRetry={list.reload} />
                  ) : (
                    <Table<CreditEntry>
                      rowKey="creditCode"
                      size="middle"
                      loading={list.loading}
                      dataSource={list.data?.items ?? []}
                      data-testid="credit-table"
                      scroll={{ x: 1320 }}
                      pagination={{
                        current: page,
                        pageSize,
                        total: list.data?.total ?? 0,
                        showSizeChanger: true,
                        showTotal: (total) => t('common.total', { total }),
                      }}
                      onChange={(p) => update({ page: String(p.current ?? 1), pageSize: String(p.pageSize ?? 20) })}
                      columns={[
                        {
                          title: t('ent.creditCode'),
                          dataIndex: 'creditCode',
                          width: 200,
                          render: (c: string) => <span style={{ fontFamily: 'monospace' }}>{c}</span>,
                        },
                        { title: t('ent.name'), dataIndex: 'name', width: 220, render: (n: string) => <span data-user-data>{n}</span> },
                        { title: t('ent.territory'), dataIndex: 'territoryName', width: 110, render: (v: string) => refName(v) },
                        { title: t('ent.industry'), dataIndex: 'industryName', width: 100, render: (v: string) => refName(v) },
                        {
                          title: t('credit.measure'),
                          dataIndex: 'measure',
                          width: 170,
                          render: (m: CreditMeasure) => <Tag color={MEASURE_COLOR[m]}>{t(measureLabel(m))}</Tag>,
                        },
                        { title: t('credit.since'), dataIndex: 'since', width: 120 },
                        { title: t('credit.leadDepartment'), dataIndex: 'leadDepartment', width: 160, render: (v: string | null) => refName(v) },
                        {
                          title: t('credit.basis'),
                          dataIndex: 'basis',
                          width: 240,
                          render: (b: CreditEntry['basis']) => (b ? pick(b.citationZh, b.citation) : '—'),
                        },
                      ]}
                    />
                  )}
                </Card>
              </>
            ),
          },
          { key: 'changes', label: t('credit.tab.changes'), children: <ChangesTab /> },
        ]}
      />
    </PageContainer>
  );
}
