/**
 * 验收单: one exit's acceptance certificate (plan §3.4). The county answers the checks with evidence and the workers
 * resettled; the enterprise representative (recorded by the county with the signed scan), the county and the lead
 * city department sign in turn; the last signature completes it and the exit counts. The office may return it.
 * Buttons follow the server's allowedActs.
 */
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { Alert, App, Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, Radio, Space, Table, Tag, Upload } from 'antd';
import dayjs from 'dayjs';
import { api, isApiError } from '../../api/index.ts';
import { ErrorView } from '../../components/ErrorView.tsx';
import { PageContainer } from '../../components/PageContainer.tsx';
import { useRequest } from '../../components/useRequest.ts';
import { unitLabel } from '../../i18n/units.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useRefName } from '../../shared/useRefName.ts';
import type { Dimension } from '../../shared/status.ts';
import { yearendApi, type Answer, type Certificate } from './api.ts';
import { CERT_STATUS, UNIT_LABEL, problemText } from './labels.ts';

function EvidenceButton({ onDone, testId, label }: { onDone: (sha: string) => void; testId: string; label: string }) {
  const { message } = App.useApp();
  return (
    <Upload
      showUploadList={false}
      customRequest={(o) => {
        api.evidence.upload(o.file as File).then(
          (r) => {
            onDone(r.sha256);
            o.onSuccess?.(r);
          },
          (e: unknown) => {
            void message.error(isApiError(e) ? e.messageZh : String(e));
            o.onError?.(e as Error);
          },
        );
      }}
    >
      <Button size="small" data-testid={testId}>
        {label}
      </Button>
    </Upload>
  );
}

export default function CertificatePage() {
  const { caseId } = useParams();
  const id = Number(caseId);
  const { t, lang, pick } = useI18n();
  const refName = useRefName();
  const { message } = App.useApp();
  const cert = useRequest(() => yearendApi.certificate(id), [id]);
  const [draft, setDraft] = useState<Record<string, { answer: Answer; evidenceIds: string[] }>>({});
  const [workers, setWorkers] = useState<{ employees?: number; resettled?: number; evidenceIds: string[] }>({ evidenceIds: [] });
  const [opinion, setOpinion] = useState<string | undefined>();
  const [signScan, setSignScan] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [signForm] = Form.useForm<{ signerName: string; date: dayjs.Dayjs }>();
  const [reason, setReason] = useState('');

  const run = async (f: () => Promise<unknown>, ok: string) => {
    setBusy(true);
    try {
      await f();
      void message.success(ok);
      cert.reload();
    } catch (e) {
      void message.error(problemText(e, pick));
    } finally {
      setBusy(false);
    }
  };

  if (cert.error) return <ErrorView error={cert.error} onRetry={cert.reload} />;
  const c: Certificate | undefined = cert.data;
  const title = pick('验收单', 'Acceptance certificate');
  if (!c) return <PageContainer title={title}>{null}</PageContainer>;
  const canEdit = c.allowedActs.includes('edit');
  const answerOf = (k: string) => draft[k]?.answer ?? c.checks.find((x) => x.key === k)?.answer ?? undefined;
  const evidenceOf = (k: string) => draft[k]?.evidenceIds ?? c.checks.find((x) => x.key === k)?.evidenceIds ?? [];
  const w = {
    employees: workers.employees ?? c.workers?.employees,
    resettled: workers.resettled ?? c.workers?.resettled,
    evidenceIds: workers.evidenceIds.length ? workers.evidenceIds : (c.workers?.evidenceIds ?? []),
  };

  const save = () =>
    run(
      () =>
        yearendApi
          .saveCertificate(id, {
            checks: Object.fromEntries(Object.entries(draft)),
            ...(w.employees !== undefined && w.resettled !== undefined
              ? { workers: { employees: w.employees, resettled: w.resettled, evidenceIds: w.evidenceIds } }
              : {}),
            ...(opinion !== undefined ? { opinion } : {}),
          })
          .then(() => setDraft({})),
      pick('已保存', 'Saved'),
    );

  return (
    <PageContainer
      title={
        <>
          {title}
          {c.number ? (
            <>
              {' '}
              <span data-user-data>{c.number}</span>
            </>
          ) : null}
        </>
      }
      crumbs={[{ title: pick('年终验收与总结', 'Year-end'), to: '/yearend' }, { title }]}
      tags={
        <Tag color={CERT_STATUS[c.status]?.color} data-testid="cert-status">
          {pick(CERT_STATUS[c.status]?.zh ?? c.status, CERT_STATUS[c.status]?.en ?? c.status)}
        </Tag>
      }
      extra={
        c.status !== 'none' ? (
          <Button onClick={() => void yearendApi.certificateDocx(id)} data-testid="cert-docx">
            {pick('下载验收单（Word）', 'Download (Word)')}
          </Button>
        ) : null
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {c.nextActor ? <Alert type="info" showIcon message={pick(`下一步：${c.nextActor.zh}`, `Next: ${c.nextActor.en}`)} data-testid="cert-next" /> : null}
        {c.returnReason && c.status === 'returned' ? (
          <Alert type="warning" showIcon message={pick(`退回理由：${c.returnReason}`, `Returned: ${c.returnReason}`)} />
        ) : null}
        <Card size="small">
          <Descriptions size="small" column={2}>
            <Descriptions.Item label={pick('企业', 'Enterprise')}>
              <span data-user-data>{c.enterprise.name}</span>
            </Descriptions.Item>
            <Descriptions.Item label={pick('统一社会信用代码', 'Credit code')}>{c.enterprise.creditCode}</Descriptions.Item>
            <Descriptions.Item label={pick('县区', 'County')}>{refName(c.territoryName)}</Descriptions.Item>
            <Descriptions.Item label={pick('方面', 'Dimension')}>{t(`dim.${c.dimension as Dimension}`)}</Descriptions.Item>
            <Descriptions.Item label={pick('验收日期', 'Accepted on')}>{c.acceptedOn ?? '—'}</Descriptions.Item>
          </Descriptions>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={c.lines}
            columns={[
              { title: pick('生产线（设备）', 'Line'), dataIndex: 'name', render: (n: string) => <span data-user-data>{n}</span> },
              { title: pick('类型', 'Kind'), dataIndex: 'kindName', render: (n: string) => refName(n) },
              { title: pick('产能', 'Capacity'), render: (_v, l) => `${l.capacity} ${unitLabel(lang, l.capacityUnit)}` },
            ]}
          />
        </Card>
        <Card size="small" title={pick('检查项', 'Checks')}>
          <Table
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={c.checks}
            columns={[
              { title: pick('检查内容', 'Check'), render: (_v, k) => pick(k.label, k.labelEn) + (k.required ? '' : pick('（如适用）', ' (if applicable)')) },
              {
                title: pick('结论', 'Answer'),
                render: (_v, k) => (
                  <Radio.Group
                    disabled={!canEdit}
                    value={answerOf(k.key)}
                    data-testid={`check-${k.key}`}
                    onChange={(e) => setDraft((d) => ({ ...d, [k.key]: { answer: e.target.value as Answer, evidenceIds: evidenceOf(k.key) } }))}
                    options={[
                      { value: 'yes', label: pick('是', 'Yes') },
                      { value: 'no', label: pick('否', 'No') },
                      ...(k.required ? [] : [{ value: 'notApplicable', label: pick('不适用', 'N/A') }]),
                    ]}
                  />
                ),
              },
              {
                title: pick('证据', 'Evidence'),
                render: (_v, k) => (
                  <Space>
                    <span data-testid={`evidence-count-${k.key}`}>{evidenceOf(k.key).length}</span>
                    {canEdit ? (
                      <EvidenceButton
                        testId={`upload-${k.key}`}
                        label={pick('上传', 'Upload')}
                        onDone={(sha) => setDraft((d) => ({ ...d, [k.key]: { answer: answerOf(k.key) ?? 'yes', evidenceIds: [...evidenceOf(k.key), sha] } }))}
                      />
                    ) : null}
                  </Space>
                ),
              },
            ]}
          />
          {c.resettlement ? (
            <Descriptions
              size="small"
              style={{ marginTop: 12 }}
              column={4}
              bordered
              title={pick('职工安置（据职工安置台账）', 'Worker resettlement (from the resettlement record)')}
              data-testid="cert-resettlement"
            >
              <Descriptions.Item label={pick('涉及职工', 'Workers affected')}>{c.resettlement.workersAffected}</Descriptions.Item>
              <Descriptions.Item label={pick('已安置', 'Resettled')}>{c.resettlement.resettled}</Descriptions.Item>
              <Descriptions.Item label={pick('转岗', 'Transferred')}>{c.resettlement.transferred}</Descriptions.Item>
              <Descriptions.Item label={pick('再就业', 'Re-employed')}>{c.resettlement.reemployed}</Descriptions.Item>
              <Descriptions.Item label={pick('退休', 'Retired')}>{c.resettlement.retired}</Descriptions.Item>
              <Descriptions.Item label={pick('其他方式', 'Other')}>{c.resettlement.other}</Descriptions.Item>
              <Descriptions.Item label={pick('安置资金（万元）', 'Funds planned (10k CNY)')}>{c.resettlement.fundsPlanned}</Descriptions.Item>
              <Descriptions.Item label={pick('已到位（万元）', 'Funds paid (10k CNY)')}>{c.resettlement.fundsPaid}</Descriptions.Item>
            </Descriptions>
          ) : null}
          <Space style={{ marginTop: 12 }} wrap>
            <span>{pick('职工人数', 'Employees')}</span>
            <InputNumber
              min={0}
              disabled={!canEdit || !!c.resettlement}
              value={w.employees}
              onChange={(v) => setWorkers((x) => ({ ...x, employees: v ?? undefined }))}
              data-testid="workers-employees"
            />
            <span>{pick('已安置', 'Resettled')}</span>
            <InputNumber
              min={0}
              disabled={!canEdit || !!c.resettlement}
              value={w.resettled}
              onChange={(v) => setWorkers((x) => ({ ...x, resettled: v ?? undefined }))}
              data-testid="workers-resettled"
            />
            <span data-testid="workers-evidence-count">{w.evidenceIds.length}</span>
            {canEdit ? (
              <EvidenceButton
                testId="upload-workers"
                label={pick('上传安置证明', 'Upload proof')}
                onDone={(sha) => setWorkers((x) => ({ ...x, evidenceIds: [...w.evidenceIds, sha] }))}
              />
            ) : null}
          </Space>
          <Input.TextArea
            style={{ marginTop: 12 }}
            rows={2}
            disabled={!canEdit}
            placeholder={pick('验收意见', 'Opinion')}
            value={opinion ?? c.opinion ?? ''}
            onChange={(e) => setOpinion(e.target.value)}
            data-testid="cert-opinion"
          />
          {c.missing.length ? (
            <Alert
              style={{ marginTop: 12 }}
              type="warning"
              message={pick('尚不能签署：', 'Not ready to sign:')}
              description={
                <ul data-testid="cert-missing">
                  {c.missing.map((m, i) => (
                    <li key={i}>{pick(m.zh, m.en)}</li>
                  ))}
                </ul>
              }
            />
          ) : null}
          {canEdit ? (
            <Button type="primary" style={{ marginTop: 12 }} loading={busy} onClick={() => void save()} data-testid="cert-save">
              {pick('保存', 'Save')}
            </Button>
          ) : null}
        </Card>
        <Card size="small" title={pick('签署', 'Sign-offs')}>
          <Table
            size="small"
            rowKey="unit"
            pagination={false}
            dataSource={c.signoffs}
            columns={[
              { title: pick('单位', 'Unit'), render: (_v, s) => pick(UNIT_LABEL[s.unit]?.zh ?? s.unit, UNIT_LABEL[s.unit]?.en ?? s.unit) },
              { title: pick('签署人', 'Signer'), dataIndex: 'signerName' },
              { title: pick('日期', 'Date'), dataIndex: 'signedOn' },
            ]}
          />
          {c.allowedActs.includes('sign') && c.nextSignUnit ? (
            <Form
              form={signForm}
              layout="inline"
              style={{ marginTop: 12 }}
              initialValues={{ date: dayjs() }}
              onFinish={(v) =>
                void run(
                  () =>
                    yearendApi
                      .sign(id, {
                        unit: c.nextSignUnit!,
                        signerName: v.signerName,
                        date: v.date.format('YYYY-MM-DD'),
                        ...(signScan.length ? { evidenceIds: signScan } : {}),
                      })
                      .then(() => setSignScan([])),
                  pick('已签署', 'Signed'),
                )
              }
            >
              <Form.Item
                label={pick(UNIT_LABEL[c.nextSignUnit]?.zh ?? '', UNIT_LABEL[c.nextSignUnit]?.en ?? '')}
                name="signerName"
                rules={[{ required: true, whitespace: true }]}
              >
                <Input placeholder={pick('签署人姓名', 'Signer name')} data-testid="sign-name" />
              </Form.Item>
              <Form.Item name="date" rules={[{ required: true }]}>
                <DatePicker />
              </Form.Item>
              {c.nextSignUnit === 'enterprise' ? (
                <Form.Item>
                  <Space>
                    <EvidenceButton
                      testId="upload-scan"
                      label={pick('上传签字扫描件', 'Upload signed scan')}
                      onDone={(sha) => setSignScan((s) => [...s, sha])}
                    />
                    <span data-testid="scan-count">{signScan.length}</span>
                  </Space>
                </Form.Item>
              ) : null}
              <Button type="primary" htmlType="submit" loading={busy} data-testid="sign-submit">
                {pick('签署', 'Sign')}
              </Button>
            </Form>
          ) : null}
          {c.allowedActs.includes('return') ? (
            <Space style={{ marginTop: 12 }}>
              <Input placeholder={pick('退回理由', 'Reason')} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="return-reason" />
              <Button
                danger
                disabled={reason.trim().length < 2}
                loading={busy}
                onClick={() => void run(() => yearendApi.returnCertificate(id, reason), pick('已退回', 'Returned'))}
                data-testid="cert-return"
              >
                {pick('退回', 'Return')}
              </Button>
            </Space>
          ) : null}
        </Card>
      </Space>
    </PageContainer>
  );
}
