/** 生产线: every line in scope (GET /lines), filtered by territory, industry, kind, state and catalogue class. */
import { Button, Card, Col, Form, Row, Select } from 'antd';
import { api, type LineFilter } from '../../api/index.ts';
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
  const sel = { allowClear: true, showSearch: true, optionFilterProp: 'label', placeholder: t('ent.filter.any') } as const;
  const industry = Form.useWatch('industryCode', form);

  return (
    <PageContainer title={t('menu.lines')} crumbs={[{ title: t('menu.lines') }]}>
      <Card size="small" className="filter-card">
        <Form<F>
          form={form}
          layout="vertical"
          initialValues={filter}
          name="line-filter"
          onFinish={(v) => update({ ...Object.fromEntries(KEYS.map((k) => [k, v[k] ?? undefined])), page: undefined })}
        >
          <Row gutter={16}>
            <Col xs={24} sm={12} lg={8}>
              <Form.Item name="territoryCode" label={t('ent.territory')}>
                <Select {...sel} options={ref.territories.filter((x) => x.kind !== 'city').map((x) => ({ value: x.code, label: pick(x.name, x.nameEn) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={8}>
              <Form.Item name="industryCode" label={t('ent.industry')}>
                <Select {...sel} options={ref.industries.map((x) => ({ value: x.code, label: pick(x.name, x.nameEn) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={8}>
              <Form.Item name="kind" label={t('line.kind')}>
                <Select {...sel} options={ref.lineKinds.filter((k) => !industry || k.industryCode === industry).map((k) => ({ value: k.code, label: pick(k.name, k.nameEn) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={8}>
              <Form.Item name="state" label={t('line.state')}>
                <Select {...sel} options={LINE_STATES.map((s) => ({ value: s, label: t(lineState[s].label) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={8}>
              <Form.Item name="catalogueClass" label={t('ent.catalogueClass')}>
                <Select {...sel} options={CATALOGUE_CLASSES.map((s) => ({ value: s, label: t(catalogueClass[s].label) }))} />
              </Form.Item>
            </Col>
          </Row>
          <div className="filter-actions">
            <Button
              onClick={() => {
                form.resetFields();
                reset();
              }}
            >
              {t('common.reset')}
            </Button>
            <Button type="primary" htmlType="submit">
              {t('common.search')}
            </Button>
          </div>
        </Form>
      </Card>
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
