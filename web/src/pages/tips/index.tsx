/**
 * 举报线索 (issue 14): the tips this unit is responsible for (the office: all), with search, a status filter and
 * .xlsx export on the record-list scaffolding (RecordListPage); a tip opens in a drawer with its photos and the triage acts the server allows (allowedActs).
 */
import { useState } from 'react';
import { App, Button, Card, Descriptions, Drawer, Image, Input, InputNumber, Radio, Space, Tag } from 'antd';
import { download, type Query } from '../../api/client.ts';
import { ErrorView } from '../../components/ErrorView.tsx';
import { RecordListPage, useRecordList } from '../../components/RecordListPage.tsx';
import { useRequest } from '../../components/useRequest.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useRefName } from '../../shared/useRefName.ts';
import { errorText } from '../../shared/errors.ts';
import { tipsApi, type TipItem, type Triage } from './api.ts';

const KEYS = ['q', 'status'] as const;
const STATUSES = ['received', 'reinspectionOrdered', 'caseOpened', 'merged', 'rejected'] as const;

function TipDrawer({ id, onClose, onDone }: { id: number; onClose: () => void; onDone: () => void }) {
  const { t, lang, fmtDateTime, pick } = useI18n();
  const refName = useRefName();
  const { message } = App.useApp();
  const d = useRequest(() => tipsApi.get(id), [id]);
  const [action, setAction] = useState<Triage['action']>('orderReinspection');
  const [text, setText] = useState('');
  const [caseId, setCaseId] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const body: Triage =
      action === 'openCase'
        ? { action, caseId: caseId ?? 0, ...(text.trim() ? { note: text.trim() } : {}) }
        : action === 'merge'
          ? { action, intoTrackingCode: text.trim().toUpperCase() }
          : action === 'reject'
            ? { action, reason: text }
            : { action, note: text };
    setBusy(true);
    try {
      await tipsApi.triage(id, body);
      void message.success(t('tipc.done'));
      onDone();
    } catch (e) {
      void message.error(errorText(e, lang));
    } finally {
      setBusy(false);
    }
  };
  const tip = d.data;
  return (
    <Drawer open width={720} title={tip ? `${t('tipc.code')} ${tip.trackingCode}` : ''} onClose={onClose} destroyOnClose>
      {d.error ? <ErrorView error={d.error} onRetry={d.reload} /> : null}
      {tip ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('tipc.service')}>{pick(tip.serviceName, tip.serviceNameEn)}</Descriptions.Item>
            <Descriptions.Item label={t('tipc.territory')}>{refName(tip.territoryCode)}</Descriptions.Item>
            <Descriptions.Item label={t('tipc.enterprise')}>{tip.enterpriseName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('tipc.address')}>{tip.address ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('tipc.description')}>{tip.description}</Descriptions.Item>
            <Descriptions.Item label={t('tipc.contact')}>{tip.contact ?? t('tipc.anonymous')}</Descriptions.Item>
            <Descriptions.Item label={t('tipc.status')}>
              {pick(tip.statusName, tip.statusNameEn)}
              {tip.publicNote ? (
                <>
                  {lang === 'en' ? ': ' : '：'}
                  <span data-user-data>{tip.publicNote}</span>
                </>
              ) : null}
              {tip.mergedInto ? ` → ${tip.mergedInto}` : ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('tipc.unit')}>{refName(tip.unitCode)}</Descriptions.Item>
            <Descriptions.Item label={t('tipc.createdAt')}>{fmtDateTime(tip.createdAt)}</Descriptions.Item>
          </Descriptions>
          {tip.photos.length ? (
            <Space wrap>
              {tip.photos.map((p) => (
                <Image key={p.n} width={160} src={`/api/v1/tips/${tip.id}/photos/${p.n}`} alt={`${t('tipc.photo')} ${p.n}`} />
              ))}
            </Space>
          ) : null}
          {tip.allowedActs.length ? (
            <Card size="small" title={t('tipc.triage')}>
              <Space direction="vertical" style={{ width: '100%' }}>
                <Radio.Group value={action} onChange={(e) => setAction(e.target.value as Triage['action'])}>
                  {tip.allowedActs.map((a) => (
                    <Radio.Button key={a} value={a}>
                      {t(`tipc.act.${a}` as 'tipc.act.reject')}
                    </Radio.Button>
                  ))}
                </Radio.Group>
                {action === 'openCase' ? (
                  <InputNumber min={1} placeholder={t('tipc.caseId')} value={caseId} onChange={(v) => setCaseId(v)} aria-label={t('tipc.caseId')} />
                ) : null}
                <Input.TextArea
                  rows={3}
                  maxLength={1000}
                  value={text}
                  onChange={(e) => setText(e.target.value)}
                  aria-label={t('tipc.text')}
                  placeholder={action === 'merge' ? t('tipc.mergeInto') : action === 'reject' ? t('tipc.rejectReason') : t('tipc.note')}
                />
                <Button type="primary" loading={busy} onClick={() => void submit()}>
                  {t('tipc.submit')}
                </Button>
              </Space>
            </Card>
          ) : null}
        </Space>
      ) : null}
    </Drawer>
  );
}

export default function TipsPage() {
  const { t, fmtDateTime, pick } = useI18n();
  const refName = useRefName();
  const state = useRecordList(KEYS, (query) => tipsApi.list(query));
  return (
    <RecordListPage<TipItem, (typeof KEYS)[number]>
      state={state}
      title={t('menu.tips')}
      filterName="tips-filter"
      search={{ label: t('tipc.search') }}
      select={{ name: 'status', label: t('tipc.status'), options: STATUSES.map((s) => ({ value: s, label: t(`tipc.status.${s}` as 'tipc.status.received') })) }}
      onExport={(filter) => download('/tips/export.xlsx', filter as Query, 'tips.xlsx')}
      rowKey="id"
      table={{ size: 'small', scroll: { x: 1000 } }}
      detail={(r, close, done) => <TipDrawer id={r.id} onClose={close} onDone={done} />}
      columns={(open) => [
        { title: t('tipc.code'), dataIndex: 'trackingCode', width: 150, render: (v: string, r) => <a onClick={() => open(r)}>{v}</a> },
        { title: t('tipc.service'), dataIndex: 'serviceName', width: 200, render: (v: string, r) => pick(v, r.serviceNameEn) },
        { title: t('tipc.territory'), dataIndex: 'territoryName', width: 120, render: (_: string, r) => refName(r.territoryCode) },
        { title: t('tipc.enterprise'), dataIndex: 'enterpriseName', width: 180, render: (v: string | null) => v ?? '—' },
        {
          title: t('tipc.status'),
          dataIndex: 'statusName',
          width: 150,
          render: (v: string, r) => (
            <Tag color={r.status === 'received' ? 'orange' : r.status === 'rejected' ? 'default' : 'blue'}>{pick(v, r.statusNameEn)}</Tag>
          ),
        },
        { title: t('tipc.nextActor'), dataIndex: 'nextActor', width: 130, render: (v: string, r) => (v === '—' ? v : refName(r.unitCode)) },
        { title: t('tipc.createdAt'), dataIndex: 'createdAt', width: 170, render: (v: string) => fmtDateTime(v) },
      ]}
    />
  );
}
