/**
 * The form of one allowed act: the date of the act (today by default, never after today), the payload fields
 * generated from the act's payload schema, and an evidence upload (POST /evidence per file; the sha256 list goes
 * with the act). The submit button sits inside the form so that Enter in any field submits and Tab reaches it.
 * The server's refusal (ILLEGAL_TRANSITION, GUARD_FAILED with its reason, ROLE_NOT_ALLOWED, INVALID_ACT_INPUT,
 * VALIDATION_FAILED) is shown above the form and next to the fields it names.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, DatePicker, Form, Modal, Space, Typography, Upload } from 'antd';
import type { ActGuide } from './act-guide.tsx';
import type { UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api, type AllowedAct, type EvidenceFile } from '../../api/index.ts';
import { useI18n } from '../../i18n/index.tsx';
import { errorText } from '../../shared/errors.ts';
import { SchemaFields, evidenceSpec, schemaFields, toPayload } from './ActFields.tsx';
import { actLabel, describeRefusal } from './refusal.ts';
import { caseAsOf } from './lawApi.ts';
import { withColon } from '../../i18n/punct.ts';

interface Values {
  date: Dayjs;
  payload?: Record<string, unknown>;
}

export function ActForm({
  caseId,
  version,
  act,
  onClose,
  onDone,
  guide,
}: {
  caseId: number;
  version: number;
  act: AllowedAct | undefined;
  onClose: () => void;
  onDone: (dueOn: string | null) => void;
  /** pre-filled values and limits (issue 17, act-guide.tsx) */ guide?: ActGuide | undefined;
}) {
  const { t, lang, pick } = useI18n();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string>();
  const [files, setFiles] = useState<UploadFile<EvidenceFile>[]>([]);
  const [notAllowed, setNotAllowed] = useState<string>();
  const evidence = evidenceSpec(act?.payloadSchema);

  // the acts allowed as of the act date entered (GET /cases/{id}?asOf=): officials record past acts after the fact
  const checkDate = (d: Dayjs | null | undefined) => {
    if (!act || !d) return;
    const day = d.format('YYYY-MM-DD');
    caseAsOf(caseId, day).then(
      (k) => {
        const kinds = k.allowedActs.map((a) => a.kind);
        if (kinds.includes(act.kind)) setNotAllowed(undefined);
        else if (kinds.length === 0) setNotAllowed(t('case.nothingAllowedOn', { date: day }));
        else setNotAllowed(t('case.notAllowedOn', { date: day, acts: kinds.map((x) => actLabel(lang, x)).join(lang === 'zh' ? '、' : ', ') }));
      },
      () => setNotAllowed(undefined), // the submit answers with the server's refusal anyway
    );
  };

  // the guide is re-made on each render: its pre-filled values count by content
  const initialKey = JSON.stringify(guide?.initialPayload ?? null);
  useEffect(() => {
    if (!act) return;
    form.resetFields();
    const initial = JSON.parse(initialKey) as Record<string, NonNullable<unknown>> | null;
    form.setFieldsValue({ date: dayjs() });
    if (initial) form.setFieldValue('payload', initial);
    setFiles([]);
    setRefusal(undefined);
    setNotAllowed(undefined);
  }, [act, form, initialKey]);

  const submit = async (v: Values) => {
    if (!act) return;
    const uploaded = files.filter((f) => f.status === 'done' && f.response?.sha256).map((f) => f.response!.sha256);
    if (files.some((f) => f.status === 'uploading')) {
      setRefusal(t('case.uploading'));
      return;
    }
    if (evidence.required && uploaded.length === 0) {
      setRefusal(t('case.evidenceRequired'));
      return;
    }
    const over = guide?.check?.((v.payload ?? {}) as Record<string, unknown>);
    if (over) {
      form.setFields([{ name: ['payload', over.field], errors: [over.message] }]);
      setRefusal(over.message);
      return;
    }
    setBusy(true);
    setRefusal(undefined);
    try {
      const r = await api.cases.act(caseId, {
        kind: act.kind,
        date: v.date.format('YYYY-MM-DD'),
        payload: toPayload(act.payloadSchema, v.payload ?? {}),
        ...(uploaded.length ? { evidence: uploaded } : {}),
        version,
      });
      onDone(r.dueOn);
    } catch (e) {
      const view = describeRefusal(e, lang);
      const known = new Set(schemaFields(act.payloadSchema).map((f) => f.name));
      form.setFields(
        Object.entries(view.fields)
          .filter(([name]) => known.has(name) || name === 'date')
          .map(([name, errors]) => ({ name: name === 'date' ? 'date' : ['payload', name], errors })),
      );
      setRefusal(view.text);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={!!act} title={act ? actLabel(lang, act.kind) : ''} onCancel={onClose} footer={null} destroyOnHidden width={560}>
      {act && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
          {withColon(lang, t('case.actBasis'), pick(act.citationZh, act.citation))}
        </Typography.Paragraph>
      )}
      {refusal && (
        <Alert type="error" showIcon message={t('case.refused')} description={refusal} style={{ marginBottom: 12 }} role="alert" data-testid="act-error" />
      )}
      {notAllowed && <Alert type="warning" showIcon message={notAllowed} style={{ marginBottom: 12 }} data-testid="act-not-allowed-on-date" />}
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)} name="case-act" requiredMark>
        <Form.Item name="date" label={t('case.actDate')} rules={[{ required: true, message: t('common.required', { field: t('case.actDate') }) }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} allowClear={false} onChange={checkDate} />
        </Form.Item>
        {guide?.notice && <Alert type="info" showIcon message={guide.notice} style={{ marginBottom: 12 }} data-testid="act-guide" />}
        {act && <SchemaFields schema={act.payloadSchema} prefix="payload" />}
        {evidence.accepted && (
          <Form.Item label={t('case.evidence')} required={evidence.required} extra={t('case.evidenceHelp')}>
            <Upload<EvidenceFile>
              fileList={files}
              multiple
              accept=".pdf,.jpg,.jpeg,.png,.docx,.xlsx"
              onChange={({ fileList }) => setFiles(fileList)}
              customRequest={({ file, onSuccess, onError }) => {
                api.evidence.upload(file as File).then(
                  (r) => onSuccess?.(r),
                  (e: unknown) => onError?.(new Error(errorText(e, lang))),
                );
              }}
            >
              <Button icon={<UploadOutlined />}>{t('case.uploadEvidence')}</Button>
            </Upload>
          </Form.Item>
        )}
        <Form.Item style={{ marginBottom: 0, textAlign: 'right' }}>
          <Space>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="act-submit">
              {t('common.submit')}
            </Button>
          </Space>
        </Form.Item>
      </Form>
    </Modal>
  );
}
