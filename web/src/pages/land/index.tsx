/**
 * 腾退土地 (plan §2.6 盘活土地资源): land freed by exits — area, location, ownership, planned reuse and status — with
 * search, export, and a form to record a parcel or move its status (office, the territory, the natural resources
 * bureau; the server decides).
 */
import { useState } from 'react';
import { Alert, App, Button, Drawer, Form, Input, InputNumber, Select, Tag } from 'antd';
import { download, request, type Query } from '../../api/client.ts';
import { EnterprisePicker, RecordListPage, useRecordList } from '../../components/RecordListPage.tsx';
import { useI18n, type DictKey } from '../../i18n/index.tsx';
import { errorText } from '../../shared/errors.ts';
import { useUser } from '../../session.tsx';

const STATUS = ['idle', 'planning', 'transferring', 'reused'] as const;
const REUSE = ['industrial', 'commercial', 'residential', 'public', 'ecological', 'other'] as const;
const OWNERSHIP = ['state', 'collective'] as const;
interface Land {
  id: number;
  enterpriseId: number;
  enterpriseName: string;
  creditCode: string;
  territoryName: string;
  areaM2: string;
  location: string;
  ownership: (typeof OWNERSHIP)[number];
  ownershipName: string;
  certificateNo: string | null;
  plannedReuse: (typeof REUSE)[number];
  plannedReuseName: string;
  reuseNote: string | null;
  status: (typeof STATUS)[number];
  statusName: string;
  nextActor: string | null;
  version: number;
  allowedActs: string[];
}
interface LandForm {
  enterpriseId?: number;
  areaM2: number;
  location: string;
  ownership: string;
  certificateNo?: string;
  plannedReuse: string;
  reuseNote?: string;
  status: string;
}
const KEYS = ['q', 'status'] as const;

export default function LandPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const user = useUser();
  const state = useRecordList(KEYS, (query) => request<{ items: Land[]; total: number }>('/freed-land', { query: query as Query }));
  const [editing, setEditing] = useState<Land | 'new'>();
  const [form] = Form.useForm<LandForm>();
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const mayRecord = user.role === 'office' || user.role === 'territory' || user.role === 'department';
  const opt = <T extends string>(xs: readonly T[], prefix: string) => xs.map((x) => ({ value: x, label: t(`${prefix}.${x}` as DictKey) }));

  const save = async (v: LandForm) => {
    setSaving(true);
    setError(undefined);
    const body = {
      areaM2: String(v.areaM2),
      location: v.location,
      ownership: v.ownership,
      certificateNo: v.certificateNo?.trim() || null,
      plannedReuse: v.plannedReuse,
      reuseNote: v.reuseNote?.trim() || null,
      status: v.status,
    };
    try {
      if (editing === 'new') await request(`/enterprises/${v.enterpriseId}/freed-land`, { method: 'POST', body });
      else if (editing) await request(`/freed-land/${editing.id}`, { method: 'PATCH', body: { ...body, version: editing.version } });
      setEditing(undefined);
      void message.success(t('res.saved'));
      state.list.reload();
    } catch (e) {
      setError(errorText(e, lang));
    } finally {
      setSaving(false);
    }
  };
  const open = (l: Land | 'new') => {
    setError(undefined);
    form.resetFields();
    if (l !== 'new') form.setFieldsValue({ ...l, areaM2: Number(l.areaM2), certificateNo: l.certificateNo ?? undefined, reuseNote: l.reuseNote ?? undefined });
    setEditing(l);
  };

  return (
    <RecordListPage<Land, (typeof KEYS)[number]>
      state={state}
      title={t('menu.land')}
      filterName="land-filter"
      select={{ name: 'status', label: t('land.status'), options: opt(STATUS, 'land.status') }}
      onExport={(filter) => download('/freed-land/export.xlsx', filter as Query, 'land.xlsx')}
      newButton={mayRecord ? { label: t('land.new'), onClick: () => open('new') } : undefined}
      rowKey="id"
      columns={[
        { title: t('ent.name'), dataIndex: 'enterpriseName', width: 220 },
        { title: t('ent.territory'), dataIndex: 'territoryName', width: 100 },
        { title: t('land.area'), dataIndex: 'areaM2', width: 120 },
        { title: t('land.location'), dataIndex: 'location', width: 200 },
        { title: t('land.ownership'), dataIndex: 'ownershipName', width: 80 },
        { title: t('land.plannedReuse'), dataIndex: 'plannedReuseName', width: 100 },
        {
          title: t('land.status'),
          dataIndex: 'status',
          width: 110,
          render: (s: Land['status']) => <Tag color={s === 'reused' ? 'green' : 'blue'}>{t(`land.status.${s}` as DictKey)}</Tag>,
        },
        { title: t('land.nextActor'), dataIndex: 'nextActor', width: 100, render: (v: string | null) => v ?? '—' },
        {
          title: t('common.actions'),
          key: 'a',
          width: 80,
          render: (_v, r) =>
            r.allowedActs.includes('update') ? (
              <Button type="link" size="small" onClick={() => open(r)}>
                {t('res.edit')}
              </Button>
            ) : null,
        },
      ]}
    >
      {editing !== undefined && (
        <Drawer
          open
          width={520}
          title={t('land.form')}
          onClose={() => setEditing(undefined)}
          extra={
            <Button type="primary" loading={saving} onClick={() => form.submit()}>
              {t('common.save')}
            </Button>
          }
        >
          {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
          <Form<LandForm>
            form={form}
            layout="vertical"
            onFinish={(v) => void save(v)}
            initialValues={{ ownership: 'state', plannedReuse: 'industrial', status: 'idle' }}
          >
            {editing === 'new' && (
              <Form.Item name="enterpriseId" label={t('ent.name')} rules={[{ required: true }]}>
                <EnterprisePicker testId="land-enterprise" />
              </Form.Item>
            )}
            <Form.Item name="areaM2" label={t('land.area')} rules={[{ required: true }]}>
              <InputNumber min={0.01} max={999_999_999_999} precision={2} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="location" label={t('land.location')} rules={[{ required: true, whitespace: true, max: 300 }]}>
              <Input />
            </Form.Item>
            <Form.Item name="ownership" label={t('land.ownership')} rules={[{ required: true }]}>
              <Select options={opt(OWNERSHIP, 'land.ownership')} />
            </Form.Item>
            <Form.Item name="certificateNo" label={t('land.certificateNo')} rules={[{ max: 80 }]}>
              <Input />
            </Form.Item>
            <Form.Item name="plannedReuse" label={t('land.plannedReuse')} rules={[{ required: true }]}>
              <Select options={opt(REUSE, 'land.reuse')} />
            </Form.Item>
            <Form.Item name="reuseNote" label={t('res.note')} rules={[{ max: 1000 }]}>
              <Input.TextArea rows={2} />
            </Form.Item>
            <Form.Item name="status" label={t('land.status')} rules={[{ required: true }]}>
              <Select options={opt(STATUS, 'land.status')} />
            </Form.Item>
          </Form>
        </Drawer>
      )}
    </RecordListPage>
  );
}
