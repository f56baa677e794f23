/** 案件: cases in scope (GET /cases), filtered by territory, dimension, state and deadline; 新建案件 for the roles that may open cases. */
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { FileAddOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Select } from 'antd';
import { api, type CaseFilter } from '../../api/index.ts';
import { CaseTable } from '../../components/CaseTable.tsx';
import { FilterCard, FilterField, useFilterOptions } from '../../components/FilterCard.tsx';
import { ErrorView } from '../../components/ErrorView.tsx';
import { PageContainer } from '../../components/PageContainer.tsx';
import { useRequest } from '../../components/useRequest.ts';
import { useUrlFilter } from '../../components/useUrlFilter.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useUser } from '../../session.tsx';
import { NewCaseDrawer, openableDimensions } from './NewCaseDrawer.tsx';
import { CASE_STATES, DEADLINE_STATUSES, DIMENSIONS, caseState, deadlineStatus, dimension } from '../../shared/status.ts';

const KEYS = ['territoryCode', 'dimension', 'state', 'deadlineStatus'] as const;
type F = Partial<Record<(typeof KEYS)[number], string>>;

export default function CaseListPage() {
  const { t } = useI18n();
  const [form] = Form.useForm<F>();
  const { filter, page, pageSize, update, reset, key } = useUrlFilter(KEYS);
  const list = useRequest(() => api.cases.list({ ...(filter as CaseFilter), limit: pageSize, offset: (page - 1) * pageSize }), [key]);
  const user = useUser();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [newCase, setNewCase] = useState(false);
  const opts = useFilterOptions();

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
      <FilterCard<F> form={form} name="case-filter" initialValues={filter} onFinish={(v) => update({ ...Object.fromEntries(KEYS.map((k) => [k, v[k]?.trim() || undefined])), page: undefined })} onReset={reset}>
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
      </FilterCard>
      <Card size="small">
        {list.error ? (
          <ErrorView error={list.error} onRetry={list.reload} />
        ) : (
          <CaseTable
            items={list.data?.items ?? []}
            loading={list.loading}
            pagination={{ current: page, pageSize, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: (total) => t('common.total', { total }) }}
            onChange={(p) => update({ page: String(p.current ?? 1), pageSize: String(p.pageSize ?? 20) })}
          />
        )}
      </Card>
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
