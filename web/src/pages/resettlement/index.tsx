/**
 * 职工安置 (plan §2.6): per exiting enterprise, the workers affected, resettled by channel, funds, the resettlement
 * plan and the social-stability risk assessment; the list says what remains and who acts next; search, export and
 * a form (登记/修改) for those who may record.
 */
import { useState } from 'react';
import { App, Alert, Button, Checkbox, Col, DatePicker, Drawer, Form, Input, InputNumber, Row, Select, Space, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { ErrorView } from '../../components/ErrorView.tsx';
import { EnterprisePicker, RecordListPage, useRecordList } from '../../components/RecordListPage.tsx';
import { useRequest } from '../../components/useRequest.ts';
import { useI18n, type DictKey } from '../../i18n/index.tsx';
import { errorText } from '../../shared/errors.ts';
import { useUser } from '../../session.tsx';
import { resettlementApi, type NextStep, type Resettlement, type RiskLevel } from './api.ts';

const KEYS = ['q', 'nextStep'] as const;
const STEPS: NextStep[] = ['filePlan', 'assessRisk', 'prepareRiskPlan', 'resettleWorkers', 'payFunds', 'done'];
const RISKS: RiskLevel[] = ['low', 'medium', 'high'];

interface FormValues {
  workersAffected: number;
  transferred: number;
  reemployed: number;
  retired: number;
  other: number;
  fundsPlanned: number;
  fundsPaid: number;
  planFiledOn: Dayjs | null;
  riskAssessed: boolean;
  riskLevel: RiskLevel | null;
  riskAssessedOn: Dayjs | null;
  riskPlan: boolean;
  note: string | null;
}

function ResettlementDrawer({ enterpriseId, onClose, onSaved }: { enterpriseId: number | 'new'; onClose: () => void; onSaved: () => void }) {
  const { t, lang } = useI18n();
  const [picked, setPicked] = useState<number | undefined>(enterpriseId === 'new' ? undefined : enterpriseId);
  const cur = useRequest(() => resettlementApi.get(picked!), [picked], picked !== undefined);
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const r = cur.data;
  const assessed = Form.useWatch('riskAssessed', form);

  const save = async (v: FormValues) => {
    if (!r) return;
    setSaving(true);
    setError(undefined);
    try {
      await resettlementApi.save(r.enterpriseId, {
        version: r.version,
        workersAffected: v.workersAffected ?? 0,
        transferred: v.transferred ?? 0,
        reemployed: v.reemployed ?? 0,
        retired: v.retired ?? 0,
        other: v.other ?? 0,
        fundsPlanned: String(v.fundsPlanned ?? 0),
        fundsPaid: String(v.fundsPaid ?? 0),
        planFiledOn: v.planFiledOn ? v.planFiledOn.format('YYYY-MM-DD') : null,
        riskAssessed: !!v.riskAssessed,
        riskLevel: v.riskAssessed ? (v.riskLevel ?? null) : null,
        riskAssessedOn: v.riskAssessed && v.riskAssessedOn ? v.riskAssessedOn.format('YYYY-MM-DD') : null,
        riskPlan: !!v.riskPlan,
        note: v.note ?? null,
      });
      onSaved();
    } catch (e) {
      setError(errorText(e, lang));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open
      width={640}
      title={t('res.form')}
      onClose={onClose}
      destroyOnClose
      extra={
        <Button type="primary" loading={saving} disabled={!r || !r.allowedActs.includes('update')} onClick={() => form.submit()} data-testid="res-save">
          {t('common.save')}
        </Button>
      }
    >
      {enterpriseId === 'new' && (
        <Form layout="vertical">
          <Form.Item label={t('ent.name')} required>
            <EnterprisePicker value={picked} onChange={setPicked} testId="res-enterprise" />
          </Form.Item>
        </Form>
      )}
      {cur.error ? <ErrorView error={cur.error} /> : null}
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="res-error" />}
      {r && (
        <Form<FormValues>
          key={`${r.enterpriseId}-${r.version}`}
          form={form}
          layout="vertical"
          name="resettlement"
          onFinish={(v) => void save(v)}
          initialValues={{
            ...r,
            fundsPlanned: Number(r.fundsPlanned),
            fundsPaid: Number(r.fundsPaid),
            planFiledOn: r.planFiledOn ? dayjs(r.planFiledOn) : null,
            riskAssessedOn: r.riskAssessedOn ? dayjs(r.riskAssessedOn) : null,
          }}
        >
          <Alert type="info" showIcon style={{ marginBottom: 12 }} message={`${r.enterpriseName}（${r.creditCode}）· ${r.territoryName}`} />
          <Row gutter={12}>
            {(['workersAffected', 'transferred', 'reemployed', 'retired', 'other'] as const).map((k) => (
              <Col span={8} key={k}>
                <Form.Item name={k} label={t(`res.${k}` as DictKey)} rules={[{ required: k === 'workersAffected' }]}>
                  <InputNumber min={0} max={1_000_000} precision={0} style={{ width: '100%' }} data-testid={`res-${k}`} />
                </Form.Item>
              </Col>
            ))}
            <Col span={8}>
              <Form.Item name="fundsPlanned" label={t('res.fundsPlanned')}>
                <InputNumber min={0} max={999_999_999_999} precision={2} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="fundsPaid" label={t('res.fundsPaid')}>
                <InputNumber min={0} max={999_999_999_999} precision={2} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="planFiledOn" label={t('res.planFiledOn')}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="riskAssessed" valuePropName="checked" label=" ">
                <Checkbox>{t('res.riskAssessed')}</Checkbox>
              </Form.Item>
            </Col>
            {assessed && (
              <>
                <Col span={8}>
                  <Form.Item name="riskLevel" label={t('res.riskLevel')} rules={[{ required: true }]}>
                    <Select options={RISKS.map((x) => ({ value: x, label: t(`res.risk.${x}` as DictKey) }))} />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item name="riskAssessedOn" label={t('res.riskAssessedOn')} rules={[{ required: true }]}>
                    <DatePicker style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              </>
            )}
            <Col span={8}>
              <Form.Item name="riskPlan" valuePropName="checked" label=" ">
                <Checkbox>{t('res.riskPlan')}</Checkbox>
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item name="note" label={t('res.note')} rules={[{ max: 1000 }]}>
                <Input.TextArea rows={2} />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      )}
    </Drawer>
  );
}

export default function ResettlementPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const user = useUser();
  const state = useRecordList(KEYS, resettlementApi.list);
  const [editing, setEditing] = useState<number | 'new'>();
  const mayRecord = user.role === 'office' || user.role === 'territory' || user.role === 'department';

  return (
    <RecordListPage<Resettlement, (typeof KEYS)[number]>
      state={state}
      title={t('menu.resettlement')}
      filterName="res-filter"
      select={{ name: 'nextStep', label: t('res.nextStep'), options: STEPS.map((s) => ({ value: s, label: t(`res.step.${s}` as DictKey) })) }}
      onExport={resettlementApi.exportXlsx}
      newButton={mayRecord ? { label: t('res.new'), onClick: () => setEditing('new'), testId: 'res-new' } : undefined}
      rowKey="enterpriseId"
      columns={[
        { title: t('ent.name'), dataIndex: 'enterpriseName', width: 220 },
        { title: t('ent.creditCode'), dataIndex: 'creditCode', width: 200, render: (c: string) => <span style={{ fontFamily: 'monospace' }}>{c}</span> },
        { title: t('ent.territory'), dataIndex: 'territoryName', width: 100 },
        { title: t('res.workersAffected'), dataIndex: 'workersAffected', width: 100 },
        { title: t('res.resettled'), dataIndex: 'resettled', width: 100 },
        { title: t('res.fundsPlanned'), dataIndex: 'fundsPlanned', width: 120 },
        {
          title: t('res.riskLevel'),
          key: 'risk',
          width: 110,
          render: (_v, r) =>
            r.riskAssessed && r.riskLevel ? (
              <Tag color={r.riskLevel === 'high' ? 'red' : r.riskLevel === 'medium' ? 'orange' : 'green'}>{t(`res.risk.${r.riskLevel}` as DictKey)}</Tag>
            ) : (
              <Tag>{t('res.notAssessed')}</Tag>
            ),
        },
        {
          title: t('res.nextStep'),
          key: 'next',
          width: 220,
          render: (_v, r) =>
            r.nextStep === 'done' ? (
              <Tag color="green">{t('res.step.done')}</Tag>
            ) : (
              <Space size={4}>
                <Tag color="blue">{t(`res.step.${r.nextStep}` as DictKey)}</Tag>
                {r.nextActor?.name}
              </Space>
            ),
        },
        {
          title: t('common.actions'),
          key: 'actions',
          width: 90,
          render: (_v, r) => (
            <Button type="link" size="small" onClick={() => setEditing(r.enterpriseId)}>
              {r.allowedActs.includes('update') ? t('res.edit') : t('common.view')}
            </Button>
          ),
        },
      ]}
    >
      {editing !== undefined && (
        <ResettlementDrawer
          enterpriseId={editing}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            void message.success(t('res.saved'));
            state.list.reload();
          }}
        />
      )}
    </RecordListPage>
  );
}
