/** 生产线: every line in scope (GET /lines), filtered by territory, industry, kind, state and catalogue class. */
import { Card, Form, Select } from 'antd';
import { api, type LineFilter } from '../../api/index.ts';
import { FilterCard, FilterField, useFilterOptions } from '../../components/FilterCard.tsx';
import { ErrorView } from '../../components/ErrorView.tsx';
import { LineTable } from '../../components/LineTable.tsx';
import { PageContainer } from '../../components/PageContainer.tsx';
import { useRequest } from '../../components/useRequest.ts';
import { useUrlFilter } from '../../components/useUrlFilter.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useReference } from '../../shared/reference.ts';
import { CATALOGUE_CLASSES, LINE_STATES, catalogueClass, lineState } from '../../shared/status.ts';

const KEYS = ['territoryCode', 'industryCode', 'kind', 'state', 'catalogueClass'] as const;
type F = Partial<Record<(typeof KEYS)[number], string>>;

export default function LineListPage() {
  const { t, pick } = useI18n();
  const ref = useReference();
  const [form] = Form.useForm<F>();
  const { filter, page, pageSize, update, reset, key } = useUrlFilter(KEYS);
  const list = useRequest(() => api.lines.list({ ...(filter as LineFilter), limit: pageSize, offset: (page - 1) * pageSize }), [key]);
  const opts = useFilterOptions();
  const industry = Form.useWatch('industryCode', form);

  return (
    <PageContainer title={t('menu.lines')} crumbs={[{ title: t('menu.lines') }]}>
      <FilterCard<F>
        form={form}
        name="line-filter"
        initialValues={filter}
        onFinish={(v) => update({ ...Object.fromEntries(KEYS.map((k) => [k, v[k] ?? undefined])), page: undefined })}
        onReset={reset}
      >
        <FilterField name="territoryCode" label={t('ent.territory')}>
          <Select {...opts.select} options={opts.territories} />
        </FilterField>
        <FilterField name="industryCode" label={t('ent.industry')}>
          <Select {...opts.select} options={opts.industries} />
        </FilterField>
        <FilterField name="kind" label={t('line.kind')}>
          <Select
            {...opts.select}
            options={ref.lineKinds.filter((k) => !industry || k.industryCode === industry).map((k) => ({ value: k.code, label: pick(k.name, k.nameEn) }))}
          />
        </FilterField>
        <FilterField name="state" label={t('line.state')}>
          <Select {...opts.select} options={LINE_STATES.map((s) => ({ value: s, label: t(lineState[s].label) }))} />
        </FilterField>
        <FilterField name="catalogueClass" label={t('ent.catalogueClass')}>
          <Select {...opts.select} options={CATALOGUE_CLASSES.map((s) => ({ value: s, label: t(catalogueClass[s].label) }))} />
        </FilterField>
      </FilterCard>
      <Card size="small">
        {list.error ? (
          <ErrorView error={list.error} onRetry={list.reload} />
        ) : (
          <LineTable
            items={list.data?.items ?? []}
            loading={list.loading}
            showEnterprise
            pagination={{ current: page, pageSize, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: (total) => t('common.total', { total }) }}
            onChange={(p) => update({ page: String(p.current ?? 1), pageSize: String(p.pageSize ?? 20) })}
          />
        )}
      </Card>
    </PageContainer>
  );
}
