/**
 * 新建案件: a finding against one enterprise in one dimension (POST /cases). The enterprise is given (enterprise page)
 * or chosen by name (case list); the dimension is one the user may open (office and territory: all five — the
 * server checks the territory; departments: the dimensions they lead); the lines concerned are the enterprise's
 * lines not yet exited; the finding fields come from the dimension's finding schema; openedOn defaults to today.
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, DatePicker, Drawer, Form, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api, type Enterprise, type Line } from '../../api/index.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useUser } from '../../session.tsx';
import { DIMENSIONS, dimension as dimensionSpec, type Dimension } from '../../shared/status.ts';
import { SchemaFields, schemaFields, toPayload } from './ActFields.tsx';
import { useFindingSchemas } from './findingSchemas.ts';
import { ENERGY_REFERENCE_FIELDS, EnergyFindingFields } from './EnergyFindingFields.tsx';
import { describeRefusal } from './refusal.ts';

interface Values {
  enterpriseId?: number;
  dimension?: Dimension;
  lineIds?: number[];
  openedOn: Dayjs;
  findingDate?: Dayjs;
  finding?: Record<string, unknown>;
}

/** The schema without the fields another component renders (the energy standard fields). */
function withoutFields(schema: unknown, names: readonly string[]): unknown {
  const s = schema as { properties?: Record<string, unknown> };
  return { ...s, properties: Object.fromEntries(Object.entries(s.properties ?? {}).filter(([k]) => !names.includes(k))) };
}

/** The dimensions this user may open cases in (the server decides finally, per enterprise). */
export function openableDimensions(user: { role: string; dimensions: string[] }): Dimension[] {
  if (user.role === 'office' || user.role === 'territory') return [...DIMENSIONS];
  if (user.role === 'department') return DIMENSIONS.filter((d) => user.dimensions.includes(d));
  return [];
}

export function NewCaseDrawer({
  open,
  enterprise,
  onClose,
  onCreated,
}: {
  open: boolean;
  enterprise?: Enterprise;
  onClose: () => void;
  onCreated: (caseId: number) => void;
}) {
  const { t, lang } = useI18n();
  const user = useUser();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string>();
  const [options, setOptions] = useState<Enterprise[]>([]);
  const [lines, setLines] = useState<Line[]>([]);
  const dims = useMemo(() => openableDimensions(user), [user]);
  const chosenDim = Form.useWatch('dimension', form);
  const chosenEnt = Form.useWatch('enterpriseId', form);
  const entId = enterprise?.id ?? chosenEnt;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ openedOn: dayjs(), findingDate: dayjs(), ...(dims.length === 1 ? { dimension: dims[0] } : {}) });
    setRefusal(undefined);
  }, [open, form, dims]);

  useEffect(() => {
    setLines([]);
    if (!open || !entId) return;
    let live = true;
    api.enterprises.lines(entId).then(
      (r) => live && setLines(r.items.filter((l) => l.state !== 'exited')),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [open, entId]);

  const search = (q: string) => {
    api.enterprises.list({ q: q.trim() || undefined, limit: 20 }).then(
      (r) => setOptions(r.items.filter((e) => e.allowedActs.includes('openCase'))),
      () => undefined,
    );
  };
  useEffect(() => {
    if (open && !enterprise) search('');
  }, [open, enterprise]);

  // Read when the drawer first opens: pages that only may open a case do not wait for it.
  const findingSchemas = useFindingSchemas(open);
  const schema = chosenDim ? findingSchemas[chosenDim]?.schema : undefined;

  const submit = async (v: Values) => {
    const id = enterprise?.id ?? v.enterpriseId;
    if (!id || !v.dimension) return;
    setBusy(true);
    setRefusal(undefined);
    try {
      const dimSchema = findingSchemas[v.dimension]?.schema ?? { type: 'object', properties: {} };
      const finding = { ...toPayload(dimSchema, v.finding ?? {}), ...(v.findingDate ? { date: v.findingDate.format('YYYY-MM-DD') } : {}) };
      const created = await api.cases.create({
        enterpriseId: id,
        dimension: v.dimension,
        ...(v.lineIds?.length ? { lineIds: v.lineIds } : {}),
        finding,
        openedOn: v.openedOn.format('YYYY-MM-DD'),
      });
      onCreated(created.id);
    } catch (e) {
      const view = describeRefusal(e, lang);
      const known = new Set(schemaFields(findingSchemas[v.dimension]?.schema ?? { type: 'object', properties: {} }).map((f) => f.name));
      const top = new Set(['openedOn', 'lineIds', 'dimension', 'enterpriseId']);
      form.setFields(
        Object.entries(view.fields)
          .filter(([n]) => known.has(n) || top.has(n) || n === 'date')
          .map(([n, errors]) => ({ name: n === 'date' ? 'findingDate' : top.has(n) ? n : ['finding', n], errors })),
      );
      setRefusal(view.text);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={enterprise ? t('case.createTitle', { name: enterprise.name }) : t('case.create')}
      width={Math.min(560, window.innerWidth)}
      destroyOnHidden
      data-testid="new-case-drawer"
    >
      {dims.length === 0 ? (
        <Alert type="info" message={t('case.noDimension')} />
      ) : (
        <>
          {refusal && (
            <Alert
              type="error"
              showIcon
              message={t('case.refused')}
              description={refusal}
              style={{ marginBottom: 12 }}
              role="alert"
              data-testid="new-case-error"
            />
          )}
          <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)} name="new-case">
            {!enterprise && (
              <Form.Item
                name="enterpriseId"
                label={t('case.chooseEnterprise')}
                rules={[{ required: true, message: t('common.required', { field: t('case.chooseEnterprise') }) }]}
              >
                <Select
                  showSearch
                  filterOption={false}
                  onSearch={search}
                  placeholder={t('case.chooseEnterpriseHint')}
                  options={options.map((e) => ({ value: e.id, label: `${e.name}（${e.territoryName}）` }))}
                  onChange={() => form.setFieldValue('lineIds', [])}
                />
              </Form.Item>
            )}
            <Form.Item name="dimension" label={t('case.dimension')} rules={[{ required: true, message: t('common.required', { field: t('case.dimension') }) }]}>
              <Select options={dims.map((d) => ({ value: d, label: t(dimensionSpec[d].label) }))} />
            </Form.Item>
            <Form.Item
              name="lineIds"
              label={t('case.lineIds')}
              rules={chosenDim && findingSchemas[chosenDim]?.linesRequired ? [{ required: true, type: 'array', min: 1, message: t('case.linesRequired') }] : []}
            >
              <Select mode="multiple" allowClear options={lines.map((l) => ({ value: l.id, label: `${l.name}（${Number(l.capacity)} ${l.capacityUnit}）` }))} />
            </Form.Item>
            <div style={{ display: 'flex', gap: 16 }}>
              <Form.Item
                name="openedOn"
                label={t('case.openedOn')}
                rules={[{ required: true, message: t('common.required', { field: t('case.openedOn') }) }]}
                style={{ flex: 1 }}
              >
                <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} allowClear={false} />
              </Form.Item>
              <Form.Item name="findingDate" label={t('field.date')} style={{ flex: 1 }}>
                <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
              </Form.Item>
            </div>
            {schema && (
              <>
                <Typography.Title level={5} style={{ marginTop: 0 }}>
                  {t('case.findingFields')}
                </Typography.Title>
                {chosenDim === 'energy' ? (
                  <>
                    <EnergyFindingFields form={form} />
                    <SchemaFields schema={withoutFields(schema, ENERGY_REFERENCE_FIELDS)} prefix="finding" dimension={chosenDim} />
                  </>
                ) : (
                  <SchemaFields schema={schema} prefix="finding" dimension={chosenDim} />
                )}
              </>
            )}
            <Form.Item style={{ marginBottom: 0, textAlign: 'right' }}>
              <Space>
                <Button onClick={onClose}>{t('common.cancel')}</Button>
                <Button type="primary" htmlType="submit" loading={busy} data-testid="new-case-submit">
                  {t('common.submit')}
                </Button>
              </Space>
            </Form.Item>
          </Form>
        </>
      )}
    </Drawer>
  );
}
