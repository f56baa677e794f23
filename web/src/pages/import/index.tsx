/**
 * Excel import: download the template (GET /registry/import-template.xlsx), choose a file, optionally dry-run, and
 * upload (POST /registry/import). A 422 IMPORT_REJECTED answer lists every bad cell; they are shown here as a table
 * (工作表/行/列/错误) and nothing was written.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Space, Table, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { DownloadOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { api, isApiError, type ImportResult, type ImportRowError } from '../../api/index.ts';
import { PageContainer } from '../../components/PageContainer.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { errorText } from '../../shared/errors.ts';
import { send } from '../../api/client.ts';

/** The row-level error report (POST /registry/import/error-report.xlsx): the same file, bad cells highlighted. */
async function downloadErrorReport(file: File, lang: 'zh' | 'en'): Promise<void> {
  const fd = new FormData();
  fd.append('file', file, file.name);
  const res = await send('/registry/import/error-report.xlsx', { method: 'POST', body: fd, query: { lang } });
  const blob = await res.blob();
  const m = /filename\*=UTF-8''([^;]+)/i.exec(res.headers.get('content-disposition') ?? '');
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = m?.[1] ? decodeURIComponent(m[1]) : 'import-errors.xlsx';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

type Outcome = { kind: 'ok'; result: ImportResult; dryRun: boolean } | { kind: 'rejected'; errors: ImportRowError[] } | { kind: 'error'; text: string };

function rowErrors(details: Record<string, unknown>): ImportRowError[] {
  const e = details.errors;
  return Array.isArray(e) ? (e as ImportRowError[]) : [];
}

export default function ImportPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [file, setFile] = useState<File>();
  const [dryRun, setDryRun] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();

  const template = async () => {
    try {
      await api.registry.template();
    } catch (e) {
      void message.error(errorText(e, lang));
    }
  };

  const upload = async () => {
    if (!file) {
      void message.warning(t('imp.noFile'));
      return;
    }
    setBusy(true);
    setOutcome(undefined);
    try {
      const result = await api.registry.import(file, dryRun);
      setOutcome({ kind: 'ok', result, dryRun });
    } catch (e) {
      if (isApiError(e) && e.code === 'IMPORT_REJECTED') setOutcome({ kind: 'rejected', errors: rowErrors(e.details) });
      else setOutcome({ kind: 'error', text: errorText(e, lang) });
    } finally {
      setBusy(false);
    }
  };

  const report = async () => {
    if (!file) return;
    try {
      await downloadErrorReport(file, lang);
    } catch (e) {
      void message.error(errorText(e, lang));
    }
  };

  const fileList: UploadFile[] = file ? [{ uid: '1', name: file.name, status: 'done', size: file.size }] : [];

  return (
    <PageContainer
      title={t('imp.title')}
      crumbs={[{ title: t('menu.enterprises'), to: '/enterprises' }, { title: t('imp.title') }]}
      extra={
        <Button icon={<DownloadOutlined />} onClick={() => void template()} data-testid="template">
          {t('imp.template')}
        </Button>
      }
    >
      <Card size="small">
        <Typography.Paragraph type="secondary">{t('imp.help')}</Typography.Paragraph>
        <Upload.Dragger
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          multiple={false}
          maxCount={1}
          fileList={fileList}
          beforeUpload={(f) => {
            setFile(f);
            setOutcome(undefined);
            return false;
          }}
          onRemove={() => {
            setFile(undefined);
            return true;
          }}
          data-testid="import-file"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('imp.choose')}</p>
        </Upload.Dragger>
        <Space style={{ marginTop: 16 }} wrap>
          <Checkbox checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} data-testid="dry-run">
            {t('imp.dryRun')}
          </Checkbox>
          <Button type="primary" icon={<UploadOutlined />} loading={busy} onClick={() => void upload()} disabled={!file} data-testid="upload">
            {t('imp.upload')}
          </Button>
        </Space>
      </Card>
      {outcome?.kind === 'ok' && (
        <Card size="small">
          <Alert
            type="success"
            showIcon
            data-testid="import-ok"
            message={t(outcome.dryRun ? 'imp.okDry' : 'imp.ok')}
            description={
              <>
                <div>
                  {t('imp.counts', {
                    ce: outcome.result.created.enterprises,
                    ue: outcome.result.updated.enterprises,
                    ne: outcome.result.unchanged.enterprises,
                    cl: outcome.result.created.lines,
                    ul: outcome.result.updated.lines,
                    nl: outcome.result.unchanged.lines,
                  })}
                </div>
                {outcome.result.alerts ? <div>{t('imp.alerts', { n: outcome.result.alerts })}</div> : null}
              </>
            }
          />
        </Card>
      )}
      {outcome?.kind === 'error' && (
        <Card size="small">
          <Alert type="error" showIcon message={outcome.text} role="alert" />
        </Card>
      )}
      {outcome?.kind === 'rejected' && (
        <Card size="small" data-testid="import-errors">
          <Alert
            type="error"
            showIcon
            message={t('imp.rejected', { n: outcome.errors.length })}
            style={{ marginBottom: 12 }}
            role="alert"
            action={
              <Button size="small" icon={<DownloadOutlined />} onClick={() => void report()} data-testid="error-report">
                {t('imp.errorReport')}
              </Button>
            }
          />
          <Table<ImportRowError & { key: number }>
            size="small"
            rowKey="key"
            dataSource={outcome.errors.map((e, i) => ({ ...e, key: i }))}
            pagination={outcome.errors.length > 50 ? { pageSize: 50 } : false}
            scroll={{ x: 720 }}
            columns={[
              // the sheet and column are named as in the uploaded file (its own headers): user data, not console words
              { title: t('imp.sheet'), dataIndex: 'sheet', width: 140, render: (v: string) => <span data-user-data>{v}</span> },
              { title: t('imp.row'), dataIndex: 'row', width: 80 },
              { title: t('imp.column'), dataIndex: 'column', width: 160, render: (v: string) => <span data-user-data>{v}</span> },
              { title: t('imp.error'), key: 'message', render: (_v, r) => (lang === 'zh' ? r.messageZh || r.message : r.message || r.messageZh) },
            ]}
          />
        </Card>
      )}
    </PageContainer>
  );
}
