/**
 * The documents panel of the case page: every numbered document the case's acts issued (发文字号, title, issuing
 * unit, date, status, service), with download (.docx), preview and print (PDF, when the server has LibreOffice —
 * otherwise it says why and offers the .docx), 送达 (service) recording, regeneration after a correction (a new
 * version, same number) and voiding (the number is kept).
 */
import { useState } from 'react';
import { App, Button, DatePicker, Empty, Form, Input, List, Modal, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { DownloadOutlined, PrinterOutlined, SendOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { isApiError } from '../../api/index.ts';
import { useRequest } from '../../components/useRequest.ts';
import { useI18n } from '../../i18n/index.tsx';
import { documentsApi, SERVICE_METHODS, type DocumentItem, type ServiceMethod } from './api.ts';
import { punct, withColon } from '../../i18n/punct.ts';

const METHOD_KEY = {
  direct: 'doc.method.direct',
  post: 'doc.method.post',
  electronic: 'doc.method.electronic',
  announcement: 'doc.method.announcement',
} as const;

function errorText(e: unknown, lang: 'zh' | 'en'): string {
  if (!isApiError(e)) return String(e);
  const reason = (e.details as { reason?: unknown }).reason;
  const base = lang === 'zh' ? e.messageZh : e.message;
  return typeof reason === 'string' ? `${base}：${reason}` : base;
}

function ServeModal({ doc, onClose, onDone }: { doc: DocumentItem | undefined; onClose: () => void; onDone: () => void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<{ method: ServiceMethod; servedOn: dayjs.Dayjs; recipient: string; trackingNo?: string; note?: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const method = Form.useWatch('method', form);
  if (!doc) return null;
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(undefined);
    try {
      await documentsApi.serve(doc.id, {
        method: v.method,
        servedOn: v.servedOn.format('YYYY-MM-DD'),
        recipient: v.recipient,
        ...(v.trackingNo ? { trackingNo: v.trackingNo } : {}),
        ...(v.note ? { note: v.note } : {}),
      });
      onDone();
    } catch (e) {
      setError(errorText(e, lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={withColon(lang, t('doc.serve'), doc.number)}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={busy}
      okText={t('doc.serveOk')}
      okButtonProps={{ 'data-testid': 'serve-submit' } as Record<string, string>}
      destroyOnClose
    >
      <Typography.Paragraph type="secondary">{t('doc.serveHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ method: 'direct', servedOn: dayjs(doc.docDate), recipient: doc.enterpriseName ?? '' }}>
        <Form.Item name="method" label={t('doc.method')} rules={[{ required: true }]}>
          <Select data-testid="serve-method" options={SERVICE_METHODS.map((m) => ({ value: m, label: t(METHOD_KEY[m]) }))} />
        </Form.Item>
        <Form.Item name="servedOn" label={t('doc.servedOn')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} data-testid="serve-date" />
        </Form.Item>
        <Form.Item name="recipient" label={t('doc.recipient')} rules={[{ required: true, whitespace: true }]}>
          <Input data-testid="serve-recipient" maxLength={200} />
        </Form.Item>
        {method === 'post' && (
          <Form.Item name="trackingNo" label={t('doc.trackingNo')} rules={[{ required: true, pattern: /^[0-9A-Za-z-]+$/ }]}>
            <Input data-testid="serve-tracking" maxLength={64} />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('doc.note')}>
          <Input.TextArea maxLength={2000} rows={2} />
        </Form.Item>
      </Form>
      {error && (
        <Typography.Text type="danger" data-testid="serve-error">
          {error}
        </Typography.Text>
      )}
    </Modal>
  );
}

function ReasonModal({ title, open, onClose, onSubmit }: { title: string; open: boolean; onClose: () => void; onSubmit: (reason: string) => Promise<void> }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      confirmLoading={busy}
      okButtonProps={{ disabled: !reason.trim() }}
      onOk={async () => {
        setBusy(true);
        try {
          await onSubmit(reason.trim());
          setReason('');
        } finally {
          setBusy(false);
        }
      }}
      destroyOnClose
    >
      <Input.TextArea
        data-testid="doc-reason"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        maxLength={500}
        rows={3}
        placeholder={t('doc.reason')}
      />
    </Modal>
  );
}

/**
 * The case page starts this with its own request for the case, so the documents do not wait for the case to arrive
 * (one step, not two); the panel takes the prefetched answer once and asks again after each act.
 */
const prefetched = new Map<number, ReturnType<typeof documentsApi.list>>();
export function prefetchCaseDocuments(caseId: number): void {
  if (!prefetched.has(caseId)) prefetched.set(caseId, documentsApi.list({ caseId, limit: 100 }));
}
function takeDocuments(caseId: number): ReturnType<typeof documentsApi.list> {
  const p = prefetched.get(caseId);
  prefetched.delete(caseId);
  return p ?? documentsApi.list({ caseId, limit: 100 });
}

export function CaseDocuments({ caseId, reloadKey }: { caseId: number; reloadKey: unknown }) {
  const { t, lang, fmtDate, pick } = useI18n();
  const p = punct(lang);
  const { message } = App.useApp();
  const docs = useRequest(() => takeDocuments(caseId), [caseId, reloadKey]);
  const [serving, setServing] = useState<DocumentItem>();
  const [reasonFor, setReasonFor] = useState<{ doc: DocumentItem; kind: 'regenerate' | 'void' }>();

  const openPdf = async (d: DocumentItem) => {
    try {
      const detail = await documentsApi.get(d.id);
      if (!detail.pdf.available) {
        void message.warning(pick(detail.pdf.reasonZh ?? t('doc.noPdf'), detail.pdf.reason ?? t('doc.noPdf')));
        return;
      }
      window.open(documentsApi.pdfHref(d.id), '_blank', 'noopener');
    } catch (e) {
      void message.error(errorText(e, lang));
    }
  };

  const items = docs.data?.items ?? [];
  return (
    <>
      <List<DocumentItem>
        data-testid="case-documents"
        size="small"
        loading={docs.loading}
        dataSource={items}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('doc.none')} /> }}
        renderItem={(d) => (
          <List.Item
            data-testid={`doc-${d.kind}`}
            actions={[
              <a key="docx" href={documentsApi.docxHref(d.id)} data-testid="doc-download-docx" download>
                <DownloadOutlined /> {t('doc.docx')}
              </a>,
              <Tooltip key="pdf" title={t('doc.pdfHint')}>
                <Button type="link" size="small" icon={<PrinterOutlined />} onClick={() => void openPdf(d)} data-testid="doc-pdf" style={{ padding: 0 }}>
                  {t('doc.pdf')}
                </Button>
              </Tooltip>,
            ]}
          >
            <List.Item.Meta
              title={
                <Space wrap size={6}>
                  <Typography.Text strong data-testid="doc-number" data-user-data>
                    {d.number}
                  </Typography.Text>
                  <span data-testid="doc-title" data-user-data>
                    {d.title}
                  </span>
                  {d.status === 'voided' ? (
                    <Tag color="red">{t('doc.voided')}</Tag>
                  ) : d.servedOn ? (
                    <Tag color="green" data-testid="doc-served">
                      {t('doc.served')}
                    </Tag>
                  ) : d.nextStep.code === 'serve' ? (
                    <Tag color="orange">{t('doc.toServe')}</Tag>
                  ) : null}
                  {d.version > 1 && <Tag>{t('doc.version', { n: d.version })}</Tag>}
                </Space>
              }
              description={
                <div>
                  <Typography.Text type="secondary">
                    <span data-user-data>{d.unitName}</span> · {fmtDate(d.docDate)}
                    {d.servedOn ? ` · ${t('doc.servedOn')} ${fmtDate(d.servedOn)}` : ''}
                  </Typography.Text>
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('doc.next')}
                      {p.colon}
                      {pick(d.nextStep.zh, d.nextStep.en)}
                      {p.lp}
                      <span data-user-data>{d.nextStep.who}</span>
                      {p.rp}
                    </Typography.Text>
                  </div>
                  {d.status === 'issued' && (
                    <Space size={4} wrap>
                      {d.nextStep.code === 'serve' && (
                        <Button size="small" type="primary" ghost icon={<SendOutlined />} onClick={() => setServing(d)} data-testid="doc-serve">
                          {t('doc.serve')}
                        </Button>
                      )}
                      <Button size="small" onClick={() => setReasonFor({ doc: d, kind: 'regenerate' })} data-testid="doc-regenerate">
                        {t('doc.regenerate')}
                      </Button>
                      <Button size="small" danger onClick={() => setReasonFor({ doc: d, kind: 'void' })} data-testid="doc-void">
                        {t('doc.void')}
                      </Button>
                    </Space>
                  )}
                </div>
              }
            />
          </List.Item>
        )}
      />
      <ServeModal
        doc={serving}
        onClose={() => setServing(undefined)}
        onDone={() => {
          void message.success(t('doc.servedDone'));
          setServing(undefined);
          docs.reload();
        }}
      />
      <ReasonModal
        open={!!reasonFor}
        title={reasonFor ? withColon(lang, t(reasonFor.kind === 'void' ? 'doc.void' : 'doc.regenerate'), reasonFor.doc.number) : ''}
        onClose={() => setReasonFor(undefined)}
        onSubmit={async (reason) => {
          if (!reasonFor) return;
          try {
            await (reasonFor.kind === 'void' ? documentsApi.void(reasonFor.doc.id, reason) : documentsApi.regenerate(reasonFor.doc.id, reason));
            setReasonFor(undefined);
            docs.reload();
          } catch (e) {
            void message.error(errorText(e, lang));
          }
        }}
      />
    </>
  );
}
