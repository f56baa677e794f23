/**
 * 问题清单 (§3.1): the problem items in scope with search, export and import (all or nothing, row-level report), a
 * new item, and each item's close-out (销号 with evidence, the office's sign-off, rejection, reopening) with its
 * history; the burn-down to zero on top.
 */
import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
  Upload,
} from 'antd';
import type { UploadFile } from 'antd';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { isApiError } from '../../api/client.ts';
import { ErrorView } from '../../components/ErrorView.tsx';
import { FilterCard, FilterField, useFilterOptions } from '../../components/FilterCard.tsx';
import { PageContainer } from '../../components/PageContainer.tsx';
import { useRequest } from '../../components/useRequest.ts';
import { useUrlFilter } from '../../components/useUrlFilter.ts';
import { useI18n, type DictKey } from '../../i18n/index.tsx';
import { applyFieldErrors, errorText } from '../../shared/errors.ts';
import { useUser } from '../../session.tsx';
import { PROBLEM_LEVELS, PROBLEM_SOURCES, programmeApi, type ProblemDetail, type ProblemImportResult, type ProblemItem, type ProblemState } from './api.ts';
import { useRefName } from '../../shared/useRefName.ts';

const KEYS = ['q', 'territoryCode', 'state', 'overdue'] as const;
type F = Partial<Record<(typeof KEYS)[number], string>>;
const STATE_COLOR: Record<ProblemState, string> = { open: 'orange', closing: 'blue', closed: 'green' };
type RowError = ProblemImportResult['errors'][number];

export function ProblemStateTag({ state, overdue }: { state: ProblemState; overdue?: boolean }) {
  const { t } = useI18n();
  return (
    <Space size={4}>
      <Tag color={STATE_COLOR[state]}>{t(`prg.pstate.${state}` as DictKey)}</Tag>
      {overdue ? <Tag color="red">{t('prg.overdue')}</Tag> : null}
    </Space>
  );
}

function ImportModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: () => void }) {
  const { t, lang } = useI18n();
  const [file, setFile] = useState<File>();
  const [dryRun, setDryRun] = useState(false);
  const [busy, setBusy] = useState(false);
  const [ok, setOk] = useState<ProblemImportResult>();
  const [rejected, setRejected] = useState<RowError[]>();
  const [failed, setFailed] = useState<string>();
  const fileList: UploadFile[] = file ? [{ uid: '1', name: file.name, status: 'done', size: file.size }] : [];
  const upload = async () => {
    if (!file) return;
    setBusy(true);
    setOk(undefined);
    setRejected(undefined);
    setFailed(undefined);
    try {
      const r = await programmeApi.problems.import(file, dryRun);
      setOk(r);
      if (!dryRun) onDone();
    } catch (e) {
      if (isApiError(e) && e.code === 'IMPORT_REJECTED') setRejected(Array.isArray(e.details.errors) ? (e.details.errors as RowError[]) : []);
      else setFailed(errorText(e, lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} onCancel={onClose} title={t('prg.import')} width={820} footer={null} destroyOnHidden>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary">{t('prg.importHelp')}</Typography.Paragraph>
        <Space wrap>
          <Button icon={<DownloadOutlined />} onClick={() => void programmeApi.problems.template()} data-testid="problem-template">
            {t('imp.template')}
          </Button>
          <Upload
            accept=".xlsx"
            maxCount={1}
            fileList={fileList}
            beforeUpload={(f) => {
              setFile(f);
              return false;
            }}
            onRemove={() => {
              setFile(undefined);
              return true;
            }}
          >
            <Button icon={<UploadOutlined />} data-testid="problem-import-file">
              {t('imp.choose')}
            </Button>
          </Upload>
          <Checkbox checked={dryRun} onChange={(e) => setDryRun(e.target.checked)}>
            {t('imp.dryRun')}
          </Checkbox>
          <Button type="primary" loading={busy} disabled={!file} onClick={() => void upload()} data-testid="problem-import-upload">
            {t('imp.upload')}
          </Button>
        </Space>
        {ok && (
          <Alert
            type="success"
            showIcon
            data-testid="problem-import-ok"
            message={t(ok.dryRun ? 'imp.okDry' : 'imp.ok')}
            description={t('prg.importCounts', { c: ok.created, u: ok.unchanged })}
          />
        )}
        {failed && <Alert type="error" showIcon role="alert" message={failed} />}
        {rejected && (
          <div data-testid="problem-import-errors">
            <Alert type="error" showIcon role="alert" message={t('imp.rejected', { n: rejected.length })} style={{ marginBottom: 8 }} />
            <Table<RowError & { key: number }>
              size="small"
              rowKey="key"
              pagination={false}
              dataSource={rejected.map((e, i) => ({ ...e, key: i }))}
              columns={[
                { title: t('imp.row'), dataIndex: 'row', width: 70 },
                { title: t('imp.column'), dataIndex: 'column', width: 160 },
                { title: t('imp.error'), key: 'm', render: (_v, r) => (lang === 'zh' ? r.messageZh : r.message) },
              ]}
            />
          </div>
        )}
      </Space>
    </Modal>
  );
}

function NewProblemDrawer({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: () => void }) {
  const { t, lang } = useI18n();
  const user = useUser();
  const opts = useFilterOptions();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<string>();
  const submit = async (v: Record<string, unknown>) => {
    setBusy(true);
    setErr(undefined);
    try {
      await programmeApi.problems.create({
        territoryCode: (v.territoryCode as string | undefined) ?? user.territoryCode ?? '',
        source: v.source as ProblemItem['source'],
        sourceRef: (v.sourceRef as string | undefined) ?? null,
        foundOn: (v.foundOn as Dayjs).format('YYYY-MM-DD'),
        description: v.description as string,
        level: v.level as ProblemItem['level'],
        responsibleUnit: v.responsibleUnit as string,
        responsiblePerson: (v.responsiblePerson as string | undefined) ?? null,
        measure: (v.measure as string | undefined) ?? null,
        dueOn: (v.dueOn as Dayjs).format('YYYY-MM-DD'),
      });
      form.resetFields();
      onCreated();
    } catch (e) {
      const r = applyFieldErrors(form, e, lang, [
        'territoryCode',
        'source',
        'sourceRef',
        'foundOn',
        'description',
        'level',
        'responsibleUnit',
        'responsiblePerson',
        'measure',
        'dueOn',
      ]);
      if (r.placed === 0) setErr(errorText(e, lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Drawer open={open} onClose={onClose} title={t('prg.newProblem')} width={520} destroyOnHidden>
      {err && <Alert type="error" showIcon message={err} style={{ marginBottom: 12 }} role="alert" />}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v as Record<string, unknown>)}
        name="new-problem"
        initialValues={{ source: 'inspection', level: 'general' }}
      >
        {user.role === 'office' && (
          <Form.Item name="territoryCode" label={t('case.territory')} rules={[{ required: true }]}>
            <Select showSearch optionFilterProp="label" options={opts.territories} />
          </Form.Item>
        )}
        <Form.Item name="source" label={t('prg.source')} rules={[{ required: true }]}>
          <Select options={PROBLEM_SOURCES.map((s) => ({ value: s, label: t(`prg.src.${s}` as DictKey) }))} />
        </Form.Item>
        <Form.Item name="sourceRef" label={t('prg.sourceRef')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="foundOn" label={t('prg.foundOn')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="description" label={t('prg.description')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="level" label={t('prg.level')} rules={[{ required: true }]}>
          <Select options={PROBLEM_LEVELS.map((s) => ({ value: s, label: t(`prg.lvl.${s}` as DictKey) }))} />
        </Form.Item>
        <Form.Item name="responsibleUnit" label={t('prg.responsibleUnit')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="responsiblePerson" label={t('prg.responsiblePerson')}>
          <Input maxLength={80} />
        </Form.Item>
        <Form.Item name="measure" label={t('prg.measure')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="dueOn" label={t('prg.dueOn')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="problem-save">
          {t('common.save')}
        </Button>
      </Form>
    </Drawer>
  );
}

function ProblemDrawer({ id, onClose, onChanged }: { id: number | undefined; onClose: () => void; onChanged: () => void }) {
  const { t, lang, fmtDate, fmtDateTime } = useI18n();
  const refName = useRefName();
  const { message } = App.useApp();
  const item = useRequest(() => programmeApi.problems.get(id!), [id], id !== undefined);
  const [act, setAct] = useState<string>();
  const [note, setNote] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [busy, setBusy] = useState(false);
  const p: ProblemDetail | undefined = item.data;
  const run = async (kind: string) => {
    if (!p) return;
    setBusy(true);
    try {
      const evidence: string[] = [];
      for (const f of files) evidence.push((await programmeApi.evidence.upload(f)).sha256);
      await programmeApi.problems.act(p.id, { kind, note: note.trim() || null, ...(evidence.length ? { evidence } : {}) });
      void message.success(t('prg.done'));
      setAct(undefined);
      setNote('');
      setFiles([]);
      item.reload();
      onChanged();
    } catch (e) {
      void message.error(errorText(e, lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Drawer open={id !== undefined} onClose={onClose} width={640} title={t('prg.problemDetail')} destroyOnHidden>
      {item.error ? (
        <ErrorView error={item.error} />
      ) : p ? (
        <Space direction="vertical" style={{ width: '100%' }} data-testid="problem-detail">
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('prg.description')}>
              <span data-user-data>{p.description}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('prg.state')}>
              <ProblemStateTag state={p.state} overdue={p.overdue} />
              {p.nextActor ? <Typography.Text type="secondary"> {t(`prg.next.${p.nextActor}` as DictKey)}</Typography.Text> : null}
            </Descriptions.Item>
            <Descriptions.Item label={t('case.territory')}>{refName(p.territoryName)}</Descriptions.Item>
            <Descriptions.Item label={t('prg.source')}>
              {t(`prg.src.${p.source}` as DictKey)} <span data-user-data>{p.sourceRef ?? ''}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('prg.level')}>{t(`prg.lvl.${p.level}` as DictKey)}</Descriptions.Item>
            <Descriptions.Item label={t('prg.enterprise')}>
              <span data-user-data>{p.enterpriseName ?? '—'}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('prg.responsibleUnit')}>
              <span data-user-data>
                {p.responsibleUnit} {p.responsiblePerson ?? ''}
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('prg.measure')}>
              <span data-user-data>{p.measure ?? '—'}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('prg.foundOn')}>{fmtDate(p.foundOn)}</Descriptions.Item>
            <Descriptions.Item label={t('prg.dueOn')}>{fmtDate(p.dueOn)}</Descriptions.Item>
            {p.closedOn && <Descriptions.Item label={t('prg.closedOn')}>{fmtDate(p.closedOn)}</Descriptions.Item>}
          </Descriptions>
          <Space wrap>
            {p.allowedActs
              .filter((a) => a !== 'edit')
              .map((a) => (
                <Button
                  key={a}
                  type={a === 'signOff' || a === 'requestClose' ? 'primary' : 'default'}
                  onClick={() => setAct(a)}
                  data-testid={`problem-act-${a}`}
                >
                  {t(`prg.act.${a}` as DictKey)}
                </Button>
              ))}
          </Space>
          {act && (
            <Card size="small" title={t(`prg.act.${act}` as DictKey)} data-testid="problem-act-form">
              <Space direction="vertical" style={{ width: '100%' }}>
                {act !== 'signOff' && (
                  <Input.TextArea rows={2} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('prg.note')} data-testid="problem-act-note" />
                )}
                {act === 'requestClose' && (
                  <Upload
                    multiple
                    beforeUpload={(f) => {
                      setFiles((x) => [...x, f]);
                      return false;
                    }}
                    onRemove={(f) => {
                      setFiles((x) => x.filter((y) => y.name !== f.name));
                      return true;
                    }}
                    fileList={files.map((f, i) => ({ uid: String(i), name: f.name, status: 'done' as const }))}
                  >
                    <Button icon={<UploadOutlined />} data-testid="problem-evidence">
                      {t('prg.evidence')}
                    </Button>
                  </Upload>
                )}
                <Space>
                  <Button type="primary" loading={busy} onClick={() => void run(act)} data-testid="problem-act-confirm">
                    {t('common.submit')}
                  </Button>
                  <Button onClick={() => setAct(undefined)}>{t('common.cancel')}</Button>
                </Space>
              </Space>
            </Card>
          )}
          <Typography.Title level={5}>{t('prg.history')}</Typography.Title>
          <Timeline
            items={p.events.map((e) => ({
              children: (
                <div>
                  <div>
                    {t(`prg.ev.${e.kind}` as DictKey)} · {fmtDate(e.onDate)} · {e.actorName ?? '—'}
                  </div>
                  {e.note && <Typography.Text type="secondary">{e.note}</Typography.Text>}
                  {e.evidence.map((s) => (
                    <div key={s}>
                      <a href={programmeApi.problems.evidenceUrl(p.id, s)}>{t('prg.evidenceFile', { sha: s.slice(0, 8) })}</a>
                    </div>
                  ))}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {fmtDateTime(e.at)}
                  </Typography.Text>
                </div>
              ),
            }))}
          />
        </Space>
      ) : null}
    </Drawer>
  );
}

export default function ProblemsPage() {
  const { t, lang, fmtDate } = useI18n();
  const refName = useRefName();
  const { message } = App.useApp();
  const user = useUser();
  const [form] = Form.useForm<F>();
  const { filter, page, pageSize, update, reset, key } = useUrlFilter(KEYS);
  const apiFilter = { ...filter, state: filter.state as ProblemState | undefined, overdue: filter.overdue === 'true' ? true : undefined };
  const list = useRequest(() => programmeApi.problems.list({ ...apiFilter, limit: pageSize, offset: (page - 1) * pageSize }), [key]);
  const burn = useRequest(() => programmeApi.problems.burndown(filter.territoryCode), [filter.territoryCode]);
  const opts = useFilterOptions();
  const [importing, setImporting] = useState(false);
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<number>();
  const writer = user.role === 'office' || user.role === 'territory';
  const last = burn.data?.points.at(-1);

  return (
    <PageContainer
      title={t('menu.problems')}
      crumbs={[{ title: t('menu.problems') }]}
      extra={
        <>
          <Button
            icon={<DownloadOutlined />}
            onClick={() => void programmeApi.problems.exportXlsx(apiFilter).catch((e: unknown) => void message.error(errorText(e, lang)))}
            data-testid="problem-export"
          >
            {t('common.export')}
          </Button>
          {writer && (
            <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="problem-import">
              {t('prg.import')}
            </Button>
          )}
          {writer && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="problem-new">
              {t('prg.newProblem')}
            </Button>
          )}
        </>
      }
    >
      <Card size="small" title={t('prg.burndown')} data-testid="problem-burndown">
        {burn.error ? (
          <ErrorView error={burn.error} compact />
        ) : (
          <Space size="large" wrap>
            <Typography.Text>{t('prg.burnNow', { open: last?.open ?? 0, overdue: last?.overdue ?? 0, closed: last?.closed ?? 0 })}</Typography.Text>
            <Space size={2} align="end" style={{ height: 48 }}>
              {(burn.data?.points ?? []).map((p) => {
                const max = Math.max(1, ...(burn.data?.points ?? []).map((x) => x.open + x.closed));
                return (
                  <div
                    key={p.date}
                    title={`${fmtDate(p.date)}: ${p.open} / ${p.closed}`}
                    style={{ width: 10, height: Math.max(2, (p.open / max) * 44), background: p.overdue ? '#cf1322' : '#fa8c16' }}
                  />
                );
              })}
            </Space>
          </Space>
        )}
      </Card>
      <FilterCard<F>
        form={form}
        name="problem-filter"
        initialValues={filter}
        onFinish={(v) => update({ ...Object.fromEntries(KEYS.map((k) => [k, v[k]?.trim() || undefined])), page: undefined })}
        onReset={reset}
      >
        <FilterField name="q" label={t('prg.search')}>
          <Input allowClear />
        </FilterField>
        <FilterField name="territoryCode" label={t('case.territory')}>
          <Select {...opts.select} options={opts.territories} />
        </FilterField>
        <FilterField name="state" label={t('prg.state')}>
          <Select {...opts.select} options={(['open', 'closing', 'closed'] as const).map((s) => ({ value: s, label: t(`prg.pstate.${s}`) }))} />
        </FilterField>
        <FilterField name="overdue" label={t('prg.overdue')}>
          <Select {...opts.select} options={[{ value: 'true', label: t('prg.overdueOnly') }]} />
        </FilterField>
      </FilterCard>
      <Card size="small">
        {list.error ? (
          <ErrorView error={list.error} onRetry={list.reload} />
        ) : (
          <Table<ProblemItem>
            size="small"
            rowKey="id"
            loading={list.loading}
            dataSource={list.data?.items ?? []}
            data-testid="problem-table"
            pagination={{ current: page, pageSize, total: list.data?.total ?? 0, showTotal: (total) => t('common.total', { total }) }}
            onChange={(p) => update({ page: String(p.current ?? 1), pageSize: String(p.pageSize ?? 20) })}
            scroll={{ x: 960 }}
            columns={[
              {
                title: t('prg.description'),
                dataIndex: 'description',
                render: (v: string, r) => (
                  <a onClick={() => setOpen(r.id)} data-user-data>
                    {v}
                  </a>
                ),
              },
              { title: t('case.territory'), dataIndex: 'territoryName', width: 110, render: (v: string) => refName(v) },
              { title: t('prg.source'), dataIndex: 'source', width: 110, render: (v: string) => t(`prg.src.${v}` as DictKey) },
              { title: t('prg.level'), dataIndex: 'level', width: 70, render: (v: string) => t(`prg.lvl.${v}` as DictKey) },
              { title: t('prg.enterprise'), dataIndex: 'enterpriseName', width: 160, render: (v: string | null) => <span data-user-data>{v ?? '—'}</span> },
              { title: t('prg.dueOn'), dataIndex: 'dueOn', width: 120, render: (v: string) => fmtDate(v) },
              { title: t('prg.state'), key: 'state', width: 150, render: (_v, r) => <ProblemStateTag state={r.state} overdue={r.overdue} /> },
              { title: t('prg.nextActor'), key: 'next', width: 110, render: (_v, r) => (r.nextActor ? t(`prg.next.${r.nextActor}` as DictKey) : '—') },
            ]}
          />
        )}
      </Card>
      <ImportModal
        open={importing}
        onClose={() => setImporting(false)}
        onDone={() => {
          list.reload();
          burn.reload();
        }}
      />
      <NewProblemDrawer
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={() => {
          setCreating(false);
          void message.success(t('prg.created'));
          list.reload();
          burn.reload();
        }}
      />
      <ProblemDrawer
        id={open}
        onClose={() => setOpen(undefined)}
        onChanged={() => {
          list.reload();
          burn.reload();
        }}
      />
    </PageContainer>
  );
}
