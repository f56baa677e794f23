/**
 * 企业台账: a ProTable-style list. The filter form (名称/信用代码/属地/行业/状态/目录类别) and the page, page size
 * and sort live in the URL (so the overview can link to a filtered list and Back works); GET /enterprises pages
 * and sorts on the server. Export downloads the current filter as Excel; 新增企业 and 导入 show for registry writers.
 */
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { App, Button, Card, Form, Input, Select, Table } from 'antd';
import type { ColumnsType, SorterResult } from 'antd/es/table/interface';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { api, type Enterprise, type EnterpriseFilter, type EnterpriseSort } from '../../api/index.ts';
import { REGISTRY_WRITERS } from '../../access.ts';
import { FilterCard, FilterField, useFilterOptions } from '../../components/FilterCard.tsx';
import { ErrorView } from '../../components/ErrorView.tsx';
import { PageContainer } from '../../components/PageContainer.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useRequest } from '../../components/useRequest.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useUser } from '../../session.tsx';
import { errorText } from '../../shared/errors.ts';
import { useReference } from '../../shared/reference.ts';
import { CATALOGUE_CLASSES, ENTERPRISE_STATUSES, catalogueClass, enterpriseStatus } from '../../shared/status.ts';
import { EnterpriseFormDrawer } from './components/EnterpriseFormDrawer.tsx';

const FILTER_KEYS = ['q', 'creditCode', 'territoryCode', 'industryCode', 'status', 'catalogueClass'] as const;
const SORTS: readonly EnterpriseSort[] = ['id', '-id', 'name', '-name', 'creditCode', '-creditCode', 'createdAt', '-createdAt'];

function readFilter(sp: URLSearchParams): EnterpriseFilter {
  const f: Record<string, string> = {};
  for (const k of FILTER_KEYS) {
    const v = sp.get(k);
    if (v) f[k] = v;
  }
  return f as EnterpriseFilter;
}

export default function EnterpriseListPage() {
  const { t, pick, fmtDate, lang } = useI18n();
  const { message } = App.useApp();
  const user = useUser();
  const ref = useReference();
  const opts = useFilterOptions();
  const navigate = useNavigate();
  const [sp, setSp] = useSearchParams();
  const [form] = Form.useForm<EnterpriseFilter>();
  const [creating, setCreating] = useState(false);
  const [exporting, setExporting] = useState(false);

  const filter = useMemo(() => readFilter(sp), [sp]);
  const page = Math.max(1, Number(sp.get('page')) || 1);
  const pageSize = [10, 20, 50, 100].includes(Number(sp.get('pageSize'))) ? Number(sp.get('pageSize')) : 20;
  const sortParam = sp.get('sort') as EnterpriseSort | null;
  const sort: EnterpriseSort = sortParam && SORTS.includes(sortParam) ? sortParam : 'id';

  const list = useRequest(() => api.enterprises.list({ ...filter, sort, limit: pageSize, offset: (page - 1) * pageSize }), [sp.toString()]);

  const update = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    }
    setSp(next);
  };

  const onSearch = (v: EnterpriseFilter) => {
    const patch: Record<string, string | undefined> = { page: undefined };
    for (const k of FILTER_KEYS) patch[k] = typeof v[k] === 'string' ? (v[k] as string).trim() : undefined;
    update(patch);
  };
  const onReset = () => setSp(new URLSearchParams());

  const exportXlsx = async () => {
    setExporting(true);
    try {
      await api.enterprises.exportXlsx(filter);
    } catch (e) {
      void message.error(errorText(e, lang));
    } finally {
      setExporting(false);
    }
  };

  const sortOrder = (key: string) => (sort === key ? ('ascend' as const) : sort === `-${key}` ? ('descend' as const) : null);
  const territoryName = (code: string, fallback: string) => {
    const x = ref.territories.find((r) => r.code === code);
    return x ? pick(x.name, x.nameEn) : fallback;
  };
  const industryName = (code: string, fallback: string) => {
    const x = ref.industries.find((r) => r.code === code);
    return x ? pick(x.name, x.nameEn) : fallback;
  };

  const columns: ColumnsType<Enterprise> = [
    {
      title: t('ent.name'),
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      sortOrder: sortOrder('name'),
      render: (n: string, r) => (
        <Link to={`/enterprises/${r.id}`} data-user-data>
          {n}
        </Link>
      ),
    },
    {
      title: t('ent.creditCode'),
      dataIndex: 'creditCode',
      key: 'creditCode',
      width: 200,
      sorter: true,
      sortOrder: sortOrder('creditCode'),
      render: (c: string) => (
        <span className="credit-code" style={{ fontFamily: 'monospace' }}>
          {c}
        </span>
      ),
    },
    { title: t('ent.territory'), dataIndex: 'territoryCode', key: 'territory', width: 130, render: (c: string, r) => territoryName(c, r.territoryName) },
    { title: t('ent.industry'), dataIndex: 'industryCode', key: 'industry', width: 130, render: (c: string, r) => industryName(c, r.industryName) },
    { title: t('ent.status'), dataIndex: 'status', key: 'status', width: 120, render: (s: string) => <StatusTag map={enterpriseStatus} value={s} /> },
    {
      title: t('ent.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      width: 150,
      sorter: true,
      sortOrder: sortOrder('createdAt'),
      render: (d: string) => fmtDate(d),
    },
    { title: t('common.actions'), key: 'actions', width: 80, fixed: 'right', render: (_v, r) => <Link to={`/enterprises/${r.id}`}>{t('common.view')}</Link> },
  ];

  const mayWrite = REGISTRY_WRITERS.includes(user.role);

  return (
    <PageContainer
      title={t('menu.enterprises')}
      crumbs={[{ title: t('menu.enterprises') }]}
      extra={
        <>
          <Button icon={<DownloadOutlined />} onClick={() => void exportXlsx()} loading={exporting} data-testid="export">
            {t('common.export')}
          </Button>
          {mayWrite && (
            <Button icon={<UploadOutlined />} onClick={() => navigate('/import')} data-testid="import">
              {t('common.import')}
            </Button>
          )}
          {mayWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="create">
              {t('ent.create')}
            </Button>
          )}
        </>
      }
    >
      <FilterCard<EnterpriseFilter> form={form} name="enterprise-filter" initialValues={filter} onFinish={onSearch} onReset={onReset}>
        <FilterField name="q" label={t('ent.filter.q')}>
          <Input allowClear placeholder={t('ent.filter.qPlaceholder')} />
        </FilterField>
        <FilterField name="creditCode" label={t('ent.creditCode')}>
          <Input allowClear placeholder={t('ent.filter.creditCodePlaceholder')} />
        </FilterField>
        <FilterField name="territoryCode" label={t('ent.territory')}>
          <Select {...opts.select} options={opts.territories} />
        </FilterField>
        <FilterField name="industryCode" label={t('ent.industry')}>
          <Select {...opts.select} options={opts.industries} />
        </FilterField>
        <FilterField name="status" label={t('ent.status')}>
          <Select {...opts.select} options={ENTERPRISE_STATUSES.map((s) => ({ value: s, label: t(enterpriseStatus[s].label) }))} />
        </FilterField>
        <FilterField name="catalogueClass" label={t('ent.catalogueClass')}>
          <Select {...opts.select} options={CATALOGUE_CLASSES.map((s) => ({ value: s, label: t(catalogueClass[s].label) }))} />
        </FilterField>
      </FilterCard>
      <Card size="small">
        {list.error ? (
          <ErrorView error={list.error} onRetry={list.reload} />
        ) : (
          <Table<Enterprise>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.loading}
            scroll={{ x: 1000 }}
            pagination={{
              current: page,
              pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [10, 20, 50, 100],
              showTotal: (total) => t(list.data?.totalCapped ? 'common.totalCapped' : 'common.total', { total: total.toLocaleString() }),
            }}
            onChange={(p, _f, sorter) => {
              const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<Enterprise> | undefined;
              const key = typeof s?.columnKey === 'string' ? s.columnKey : undefined;
              const nextSort = key && s?.order ? (s.order === 'descend' ? `-${key}` : key) : undefined;
              update({ page: String(p.current ?? 1), pageSize: String(p.pageSize ?? 20), sort: nextSort && nextSort !== 'id' ? nextSort : undefined });
            }}
          />
        )}
      </Card>
      <EnterpriseFormDrawer
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(e) => {
          setCreating(false);
          navigate(`/enterprises/${e.id}`);
        }}
      />
    </PageContainer>
  );
}
