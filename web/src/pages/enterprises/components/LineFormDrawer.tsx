/** Add a line to an enterprise (POST /enterprises/{id}/lines) or edit one (PATCH /lines/{id}); server field errors land by the fields. */
import { useEffect, useState } from 'react';
import { Alert, App, Button, Drawer, Form, Input, InputNumber, Select, Space } from 'antd';
import { api, type Enterprise, type Line, type LineInput } from '../../../api/index.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { applyFieldErrors, errorText } from '../../../shared/errors.ts';
import { useReference } from '../../../shared/reference.ts';
import { CATALOGUE_CLASSES, catalogueClass } from '../../../shared/status.ts';

const FIELDS = [
  'kind',
  'name',
  'sizeValue',
  'sizeUnit',
  'model',
  'unitCount',
  'marks',
  'capacity',
  'capacityUnit',
  'catalogueEdition',
  'catalogueItem',
  'catalogueClass',
] as const;
const CAPACITY = /^\d{1,12}(\.\d{1,4})?$/;

type Values = Omit<LineInput, 'unitCount'> & { unitCount?: number };

export function LineFormDrawer({
  open,
  enterprise,
  line,
  onClose,
  onSaved,
}: {
  open: boolean;
  enterprise: Enterprise;
  line?: Line;
  onClose: () => void;
  onSaved: (l: Line) => void;
}) {
  const { t, lang, pick } = useI18n();
  const { message } = App.useApp();
  const ref = useReference();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const industry = ref.industries.find((i) => i.code === enterprise.industryCode);
  const kinds = ref.lineKinds.filter((k) => k.industryCode === enterprise.industryCode);

  useEffect(() => {
    if (!open) return;
    setError(undefined);
    form.resetFields();
    if (line) {
      form.setFieldsValue({
        kind: line.kind,
        name: line.name,
        sizeValue: line.sizeValue,
        sizeUnit: line.sizeUnit,
        model: line.model,
        unitCount: line.unitCount,
        marks: line.marks,
        capacity: line.capacity,
        capacityUnit: line.capacityUnit,
        catalogueEdition: line.catalogueEdition,
        catalogueItem: line.catalogueItem,
        catalogueClass: line.catalogueClass,
      });
    } else {
      form.setFieldsValue({ unitCount: 1, catalogueClass: 'none', ...(industry?.capacityUnits[0] ? { capacityUnit: industry.capacityUnits[0] } : {}) });
    }
  }, [open, line, form, industry]);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(undefined);
    const body: LineInput = { kind: v.kind, name: v.name.trim(), capacity: String(v.capacity).trim(), capacityUnit: v.capacityUnit };
    const opt = (s: string | null | undefined) => (s && String(s).trim() !== '' ? String(s).trim() : null);
    body.sizeValue = opt(v.sizeValue);
    body.sizeUnit = opt(v.sizeUnit);
    body.model = opt(v.model);
    body.marks = opt(v.marks);
    body.catalogueEdition = opt(v.catalogueEdition);
    body.catalogueItem = opt(v.catalogueItem);
    if (v.unitCount) body.unitCount = v.unitCount;
    if (v.catalogueClass) body.catalogueClass = v.catalogueClass;
    try {
      const saved = line ? await api.lines.update(line.id, body) : await api.enterprises.addLine(enterprise.id, body);
      void message.success(line ? t('common.saved') : t('line.created'));
      onSaved(saved);
    } catch (e) {
      const { placed } = applyFieldErrors(form, e, lang, FIELDS);
      if (placed === 0) setError(errorText(e, lang));
    } finally {
      setBusy(false);
    }
  };

  const req = (label: string) => ({ required: true, whitespace: true, message: t('common.required', { field: label }) });
  return (
    <Drawer open={open} onClose={onClose} title={line ? t('line.editTitle') : t('line.addTitle')} width={Math.min(560, window.innerWidth)} destroyOnHidden>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form<Values> form={form} layout="vertical" onFinish={submit} name="line" scrollToFirstError>
        <Form.Item name="kind" label={t('line.kind')} rules={[req(t('line.kind'))]}>
          <Select showSearch optionFilterProp="label" options={kinds.map((k) => ({ value: k.code, label: pick(k.name, k.nameEn) }))} />
        </Form.Item>
        <Form.Item name="name" label={t('line.name')} rules={[req(t('line.name'))]}>
          <Input maxLength={200} />
        </Form.Item>
        <Space.Compact block>
          <Form.Item
            name="capacity"
            label={t('line.capacity')}
            rules={[req(t('line.capacity')), { pattern: CAPACITY, message: t('common.fieldInvalid') }]}
            style={{ flex: 1 }}
          >
            <Input inputMode="decimal" />
          </Form.Item>
          <Form.Item name="capacityUnit" label={t('line.capacityUnit')} rules={[req(t('line.capacityUnit'))]} style={{ width: 200 }}>
            <Select options={(industry?.capacityUnits ?? []).map((u) => ({ value: u, label: u }))} />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="model" label={t('line.model')}>
          <Input maxLength={120} />
        </Form.Item>
        <Space.Compact block>
          <Form.Item
            name="sizeValue"
            label={t('line.size')}
            rules={[{ pattern: /^\d{1,11}(\.\d{1,3})?$/, message: t('common.fieldInvalid') }]}
            style={{ flex: 1 }}
          >
            <Input inputMode="decimal" />
          </Form.Item>
          <Form.Item name="sizeUnit" label=" " style={{ width: 160 }}>
            <Input maxLength={20} aria-label={t('line.size')} />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="unitCount" label={t('line.unitCount')}>
          <InputNumber min={1} max={100000} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="marks" label={t('line.marks')}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="catalogueClass" label={t('ent.catalogueClass')}>
          <Select options={CATALOGUE_CLASSES.map((c) => ({ value: c, label: t(catalogueClass[c].label) }))} />
        </Form.Item>
        <Form.Item name="catalogueEdition" label={t('line.catalogueEdition')}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="catalogueItem" label={t('line.catalogue')}>
          <Input maxLength={300} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('common.save')}
          </Button>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Drawer>
  );
}
