/**
 * 企业登记确认 (issue 19, item 5): the office's list of territory accounts' registrations and credit-code changes —
 * pending first — with search, state and kind filters, names (territory, industry, the enterprise already registered
 * under the code), who acts next and .xlsx export. A registration opens in a drawer with the acts the server allows
 * (merge / transfer / reject, or register / reject) and a note to the registering territory (required to reject).
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Drawer, Input, Radio, Space, Tag } from 'antd';
import { download, type Query } from '../../api/client.ts';
import { ErrorView } from '../../components/ErrorView.tsx';
import { RecordListPage, useRecordList } from '../../components/RecordListPage.tsx';
import { useRequest } from '../../components/useRequest.ts';
import { useI18n } from '../../i18n/index.tsx';
import { errorText } from '../../shared/errors.ts';
import { registrationsApi, type Registration, type RegistrationQuery, type Resolve } from './api.ts';

const KEYS = ['q', 'state', 'kind'] as const;
const STATES = ['pending', 'registered', 'merged', 'transferred', 'rejected'] as const;
const KINDS = ['registration', 'codeChange'] as const;
type Act = Resolve['resolution'];

function RegistrationDrawer({ id, onClose, onDone }: { id: number; onClose: () => void; onDone: () => void }) {
  const { t, lang, fmtDateTime } = useI18n();
  const { message } = App.useApp();
  const d = useRequest(() => registrationsApi.get(id), [id]);
  const [act, setAct] = useState<Act>();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const r = d.data;
  const chosen = act ?? (r?.allowedActs[0] as Act | undefined);
  const submit = async () => {
    if (!r || !chosen) return;
    if (chosen === 'reject' && !note.trim()) {
      setError(t('reg.noteRequired'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await registrationsApi.resolve(r.id, { resolution: chosen, version: r.version, ...(note.trim() ? { note: note.trim() } : {}) });
      void message.success(t('reg.done'));
      onDone();
    } catch (e) {
      setError(errorText(e, lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Drawer open width={Math.min(720, window.innerWidth)} title={r ? `${r.name}（${r.creditCode}）` : ''} onClose={onClose} destroyOnHidden>
      {d.error ? <ErrorView error={d.error} onRetry={d.reload} /> : null}
      {r ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('reg.kind')}>{t(`reg.kind.${r.kind}`)}</Descriptions.Item>
            <Descriptions.Item label={t('reg.creditCode')}>{r.creditCode}</Descriptions.Item>
            {r.previousCreditCode ? <Descriptions.Item label={t('reg.previousCreditCode')}>{r.previousCreditCode}</Descriptions.Item> : null}
            <Descriptions.Item label={t('reg.name')}>{r.name}</Descriptions.Item>
            <Descriptions.Item label={t('reg.territory')}>{r.territoryName}</Descriptions.Item>
            <Descriptions.Item label={t('reg.industry')}>{r.industryName}</Descriptions.Item>
            <Descriptions.Item label={t('reg.registered')}>
              {r.registeredEnterprise ? (
                <a href={`/enterprises/${r.registeredEnterprise.id}`}>
                  {r.registeredEnterprise.name}（{r.registeredEnterprise.territoryName}）
                </a>
              ) : (
                '—'
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('reg.state')}>{r.stateName}</Descriptions.Item>
            <Descriptions.Item label={t('reg.nextActor')}>{r.nextActor ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('reg.submittedBy')}>
              {r.submittedByName ?? '—'} · {fmtDateTime(r.submittedAt)}
            </Descriptions.Item>
            {r.resolvedAt ? (
              <Descriptions.Item label={t('reg.resolvedBy')}>
                {r.resolvedByName ?? t('reg.auto')} · {fmtDateTime(r.resolvedAt)}
              </Descriptions.Item>
            ) : null}
            {r.resolutionNote ? <Descriptions.Item label={t('reg.note')}>{r.resolutionNote}</Descriptions.Item> : null}
          </Descriptions>
          {r.allowedActs.length ? (
            <Card size="small" title={t('reg.resolve')}>
              <Space direction="vertical" style={{ width: '100%' }}>
                <Radio.Group value={chosen} onChange={(e) => setAct(e.target.value as Act)}>
                  {(r.allowedActs as Act[]).map((a) => (
                    <Radio.Button key={a} value={a} data-testid={`act-${a}`}>
                      {t(`reg.act.${a}`)}
                    </Radio.Button>
                  ))}
                </Radio.Group>
                <Input.TextArea
                  rows={3}
                  maxLength={1000}
                  value={note}
                  onChange={(e) => setNote(e.target.value)}
                  aria-label={t('reg.note')}
                  placeholder={t('reg.notePlaceholder')}
                />
                {error ? <Alert type="error" showIcon message={error} /> : null}
                <Button type="primary" loading={busy} onClick={() => void submit()}>
                  {t('reg.submit')}
                </Button>
              </Space>
            </Card>
          ) : null}
        </Space>
      ) : null}
    </Drawer>
  );
}

export default function RegistrationsPage() {
  const { t, fmtDateTime } = useI18n();
  const state = useRecordList(KEYS, (query) => registrationsApi.list(query as RegistrationQuery));
  return (
    <RecordListPage<Registration, (typeof KEYS)[number]>
      state={state}
      title={t('menu.registrations')}
      filterName="registrations-filter"
      search={{ label: t('reg.search') }}
      select={[
        { name: 'state', label: t('reg.state'), options: STATES.map((s) => ({ value: s, label: t(`reg.state.${s}`) })) },
        { name: 'kind', label: t('reg.kind'), options: KINDS.map((k) => ({ value: k, label: t(`reg.kind.${k}`) })) },
      ]}
      onExport={(filter) => download('/enterprise-registrations/export.xlsx', filter as Query, 'enterprise-registrations.xlsx')}
      rowKey="id"
      table={{ size: 'small', scroll: { x: 1300 } }}
      detail={(r, close, done) => <RegistrationDrawer id={r.id} onClose={close} onDone={done} />}
      columns={(open) => [
        { title: t('reg.name'), dataIndex: 'name', width: 220, render: (v: string, r) => <a onClick={() => open(r)}>{v}</a> },
        { title: t('reg.creditCode'), dataIndex: 'creditCode', width: 190 },
        { title: t('reg.kind'), dataIndex: 'kind', width: 120, render: (v: Registration['kind']) => t(`reg.kind.${v}`) },
        { title: t('reg.territory'), dataIndex: 'territoryName', width: 110 },
        { title: t('reg.industry'), dataIndex: 'industryName', width: 110 },
        {
          title: t('reg.registered'),
          key: 'registered',
          width: 220,
          render: (_: unknown, r) => (r.registeredEnterprise ? `${r.registeredEnterprise.name}（${r.registeredEnterprise.territoryName}）` : '—'),
        },
        {
          title: t('reg.state'),
          dataIndex: 'stateName',
          width: 150,
          render: (v: string, r) => <Tag color={r.state === 'pending' ? 'orange' : r.state === 'rejected' ? 'default' : 'blue'}>{v}</Tag>,
        },
        { title: t('reg.nextActor'), dataIndex: 'nextActor', width: 200, render: (v: string | null) => v ?? '—' },
        { title: t('reg.submittedBy'), dataIndex: 'submittedByName', width: 110, render: (v: string | null) => v ?? '—' },
        { title: t('reg.submittedAt'), dataIndex: 'submittedAt', width: 170, render: (v: string) => fmtDateTime(v) },
        {
          title: '',
          key: 'open',
          width: 80,
          fixed: 'right',
          render: (_: unknown, r) => <a onClick={() => open(r)}>{r.allowedActs.length ? t('reg.resolve') : t('reg.open')}</a>,
        },
      ]}
    />
  );
}
