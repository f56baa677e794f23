/**
 * The filter card of every list page (ProTable-style): a vertical form of fields in a responsive grid with
 * 重置 / 查询 actions. Pages give the fields as <FilterField>s; filter state lives in the URL (useUrlFilter).
 */
import type { ReactNode } from 'react';
import { Button, Card, Col, Form, Row, type FormInstance } from 'antd';
import { useI18n } from '../i18n/index.tsx';
import { useReference } from '../shared/reference.ts';
import { useSession } from '../session.tsx';

export function FilterCard<T extends object>(props: {
  form: FormInstance<T>;
  name: string;
  initialValues: Partial<T>;
  onFinish: (values: T) => void;
  /** after the fields are cleared */
  onReset: () => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Card size="small" className="filter-card">
      <Form<T> form={props.form} layout="vertical" initialValues={props.initialValues} onFinish={props.onFinish} name={props.name}>
        <Row gutter={16}>{props.children}</Row>
        <div className="filter-actions">
          <Button
            onClick={() => {
              // clear every field, selects included (resetFields alone goes back to the initial values, i.e. the URL's)
              props.form.setFieldsValue(Object.fromEntries(Object.keys(props.form.getFieldsValue(true) as object).map((k) => [k, undefined])) as never);
              props.onReset();
            }}
          >
            {t('common.reset')}
          </Button>
          <Button type="primary" htmlType="submit" data-testid="search">
            {t('common.search')}
          </Button>
        </div>
      </Form>
    </Card>
  );
}

/** One field of a filter card, in the card's grid. */
export function FilterField(props: { name: string; label: string; children: ReactNode }) {
  return (
    <Col xs={24} sm={12} lg={8}>
      <Form.Item name={props.name} label={props.label}>
        {props.children}
      </Form.Item>
    </Col>
  );
}

/** Props of a clearable, searchable filter select, and the options every list filters by. */
export function useFilterOptions() {
  const { t, pick } = useI18n();
  const ref = useReference();
  // a county's account sees its own territory only (issue 17): the other territories' records are out of its scope
  const own = useSession().user;
  const mine = own?.role === 'territory' && own.territoryCode ? own.territoryCode : null;
  return {
    select: { allowClear: true, showSearch: true, optionFilterProp: 'label', placeholder: t('ent.filter.any') } as const,
    territories: ref.territories
      .filter((x) => x.kind !== 'city' && (mine === null || x.code === mine))
      .map((x) => ({ value: x.code, label: pick(x.name, x.nameEn) })),
    industries: ref.industries.map((x) => ({ value: x.code, label: pick(x.name, x.nameEn) })),
  };
}
