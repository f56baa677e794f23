/** 案件: cases in scope (GET /cases), filtered by territory, dimension, state and deadline; 新建案件 for the roles that may open cases. */
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { FileAddOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Form, Row, Select } from 'antd';
import { api, type CaseFilter } from '../../api/index.ts';
import { CaseTable } from '../../components/CaseTable.tsx';
import { ErrorView } from '../../components/ErrorView.tsx';
import { PageContainer } from '../../components/PageContainer.tsx';
import { useRequest } from '../../components/useRequest.ts';
import { useUrlFilter } from '../../components/useUrlFilter.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useReference } from '../../shared/reference.ts';
import { useUser } from '../../session.tsx';
import { NewCaseDrawer, openableDimensions } from './NewCaseDrawer.tsx';
import { CASE_STATES, DEADLINE_STATUSES, DIMENSIONS, caseState, deadlineStatus, dimension } from '../../shared/status.ts';

const KEYS = ['territoryCode', 'dimension', 'state', 'deadlineStatus'] as const;
type F = Partial<Record<(typeof KEYS)[number], string>>;

export default function CaseListPage() {
  const { t, pick } = useI18n();
  const ref = useReference();
  const [form] = Form.useForm<F>();
  const { filter, page, pageSize, update, reset, key } = useUrlFilter(KEYS);
  const list = useRequest(() => api.cases.list({ ...(filter as CaseFilter), limit: pageSize, offset: (page - 1) * pageSize }), [key]);
  const user = useUser();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [newCase, setNewCase] = useState(false);
  const sel = { allowClear: true, showSearch: true, optionFilterProp: 'label', placeholder: t('ent.filter.any') } as const;

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
      <Card size="small" className="filter-card">
        <Form<F> form={form} layout="vertical" initialValues={filter} name="case-filter" onFinish={(v) => update({ ...Object.fromEntries(KEYS.map((k) => [k, v[k]?.trim() || undefined])), page: undefined })}>
          <Row gutter={16}>
            <Col xs={24} sm={12} lg={8}>
              <Form.Item name="territoryCode" label={t('case.territory')}>
                <Select {...sel} options={ref.territories.filter((x) => x.kind !== 'city').map((x) => ({ value: x.code, label: pick(x.name, x.nameEn) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={8}>
              <Form.Item name="dimension" label={t('case.dimension')}>
                <Select {...sel} options={DIMENSIONS.map((d) => ({ value: d, label: t(dimension[d].label) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={8}>
              <Form.Item name="state" label={t('case.state')}>
                <Select {...sel} options={CASE_STATES.map((s) => ({ value: s, label: t(caseState[s].label) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={8}>
              <Form.Item name="deadlineStatus" label={t('case.filter.deadline')}>
                <Select {...sel} options={DEADLINE_STATUSES.map((s) => ({ value: s, label: t(deadlineStatus[s].label) }))} />
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
