/**
 * 公开名单 (issue 14): the lists this unit publishes (the office and the city government: every list), the proposal
 * computed from the cases, exclusions with a reason, and publish / correct / withdraw; then the published versions
 * with search and .xlsx export. Each version is immutable; the public page shows it at /public/versions/:id.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, DatePicker, Drawer, Input, Radio, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { PageContainer } from '../../components/PageContainer.tsx';
import { ErrorView } from '../../components/ErrorView.tsx';
import { useRequest } from '../../components/useRequest.ts';
import { useUrlFilter } from '../../components/useUrlFilter.ts';
import { useI18n } from '../../i18n/index.tsx';
import { errorText } from '../../shared/errors.ts';
import { useRefName } from '../../shared/useRefName.ts';
import { publicationsApi, type Entry, type ListKind, type SeriesItem, type VersionItem } from './api.ts';

const KEYS = ['q'] as const;

function ReviewDrawer({ series, onClose, onDone }: { series: SeriesItem; onClose: () => void; onDone: () => void }) {
  const { t, lang } = useI18n();
  const refName = useRefName();
  const { message } = App.useApp();
  const p = useRequest(() => publicationsApi.proposal(series), [series.series]);
  const [excluded, setExcluded] = useState<Record<string, string>>({});
  const [action, setAction] = useState<'publish' | 'correct' | 'withdraw'>('publish');
  const [postedOn, setPostedOn] = useState(dayjs().format('YYYY-MM-DD'));
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const inForce = !!series.latest && series.latest.action !== 'withdraw';
  const submit = async () => {
    setBusy(true);
    try {
      const exclusions = Object.entries(excluded).map(([creditCode, r]) => ({ creditCode, reason: r }));
      const v = await publicationsApi.publish({
        list: series.list,
        territoryCode: series.territoryCode,
        ...(series.year ? { year: series.year } : {}),
        action,
        postedOn,
        ...(action !== 'withdraw' && exclusions.length ? { exclusions } : {}),
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      });
      void message.success(`${t('pubc.published')}：${v.number}`);
      onDone();
    } catch (e) {
      void message.error(errorText(e, lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Drawer open width={960} title={`${refName(series.territoryCode)} · ${t(`pub.${series.list}`)}`} onClose={onClose} destroyOnClose>
      {p.error ? <ErrorView error={p.error} onRetry={p.reload} /> : null}
      {p.data ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Alert
            type="info"
            showIcon
            message={t('pubc.proposalNote', { added: p.data.added.length, kept: p.data.kept.length, removed: p.data.removed.length })}
          />
          <Table<Entry>
            rowKey="creditCode"
            size="small"
            pagination={false}
            dataSource={p.data.entries}
            scroll={{ x: 800, y: 360 }}
            columns={[
              {
                title: t('pubc.enterprise'),
                dataIndex: 'name',
                width: 220,
                render: (v: string, r) => (
                  <Space>
                    <span data-user-data>{v}</span>
                    {p.data!.added.includes(r.creditCode) ? <Tag color="blue">{t('pubc.new')}</Tag> : null}
                  </Space>
                ),
              },
              { title: t('pubc.creditCode'), dataIndex: 'creditCode', width: 190 },
              { title: t('pubc.since'), dataIndex: 'since', width: 110 },
              {
                title: t('pubc.exclude'),
                key: 'x',
                width: 260,
                render: (_v, r) => (
                  <Space>
                    <Checkbox
                      aria-label={`${t('pubc.exclude')} ${r.name}`}
                      checked={r.creditCode in excluded}
                      onChange={(e) =>
                        setExcluded((x) => {
                          const n = { ...x };
                          if (e.target.checked) n[r.creditCode] = '';
                          else delete n[r.creditCode];
                          return n;
                        })
                      }
                    />
                    {r.creditCode in excluded ? (
                      <Input
                        size="small"
                        placeholder={t('pubc.excludeReason')}
                        value={excluded[r.creditCode]}
                        onChange={(e) => setExcluded((x) => ({ ...x, [r.creditCode]: e.target.value }))}
                      />
                    ) : null}
                  </Space>
                ),
              },
            ]}
          />
          {p.data.removed.length ? (
            <Card size="small" title={t('pubc.removed')}>
              {p.data.removed.map((r) => (
                <div key={r.creditCode}>
                  {r.name}（{r.creditCode}）— {r.reason === 'recheckPassed' ? t('pubc.recheckPassed') : t('pubc.noLongerQualifies')}
                </div>
              ))}
            </Card>
          ) : null}
          <Space wrap>
            <Radio.Group value={action} onChange={(e) => setAction(e.target.value as typeof action)}>
              <Radio.Button value="publish">{t('pubc.publish')}</Radio.Button>
              <Radio.Button value="correct" disabled={!inForce}>
                {t('pubc.correct')}
              </Radio.Button>
              <Radio.Button value="withdraw" disabled={!inForce}>
                {t('pubc.withdraw')}
              </Radio.Button>
            </Radio.Group>
            <span>{t('pubc.postedOn')}</span>
            <DatePicker allowClear={false} value={dayjs(postedOn)} onChange={(d) => d && setPostedOn(d.format('YYYY-MM-DD'))} />
          </Space>
          <Input.TextArea
            rows={2}
            maxLength={500}
            placeholder={action === 'publish' ? t('pubc.reasonOptional') : t('pubc.reasonRequired')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <Button type="primary" loading={busy} disabled={!series.canPublish} onClick={() => void submit()}>
            {t('pubc.submit')}
          </Button>
        </Space>
      ) : null}
    </Drawer>
  );
}

export default function PublicationsPage() {
  const { t, lang } = useI18n();
  const refName = useRefName();
  const { filter, page, pageSize, update, key } = useUrlFilter(KEYS);
  const series = useRequest(() => publicationsApi.series(filter.q), [filter.q]);
  const versions = useRequest(() => publicationsApi.versions({ q: filter.q, limit: pageSize, offset: (page - 1) * pageSize }), [key]);
  const [open, setOpen] = useState<SeriesItem | null>(null);
  const ACT: Record<string, string> = { publish: t('pubc.publish'), correct: t('pubc.correct'), withdraw: t('pubc.withdraw') };
  return (
    <PageContainer
      title={t('menu.publications')}
      crumbs={[{ title: t('menu.publications') }]}
      extra={
        <a href="/public" target="_blank" rel="noopener">
          {t('pubc.publicSite')}
        </a>
      }
    >
      <Card size="small" style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('pubc.search')}
          defaultValue={filter.q}
          onSearch={(v) => update({ q: v, page: undefined })}
          style={{ maxWidth: 360 }}
          aria-label={t('pubc.search')}
        />
      </Card>
      <Card size="small" title={t('pubc.lists')} style={{ marginBottom: 16 }}>
        {series.error ? (
          <ErrorView error={series.error} onRetry={series.reload} />
        ) : (
          <Table<SeriesItem>
            rowKey="series"
            size="small"
            loading={series.loading}
            dataSource={series.data?.items ?? []}
            pagination={false}
            scroll={{ x: 900 }}
            columns={[
              { title: t('pubc.list'), dataIndex: 'list', width: 180, render: (v: ListKind) => t(`pub.${v}`) },
              { title: t('pubc.territory'), dataIndex: 'territoryCode', width: 160, render: (v: string) => refName(v) },
              { title: t('pubc.unit'), key: 'unit', width: 160, render: (_v, r) => refName(r.unit.code) },
              {
                title: t('pubc.current'),
                key: 'latest',
                width: 260,
                render: (_v, r) =>
                  r.latest ? (
                    <a href={`/public/versions/${r.latest.id}`} target="_blank" rel="noopener">
                      <span data-user-data>{r.latest.number}</span>
                      {lang === 'zh' ? `（${ACT[r.latest.action]}）` : ` (${ACT[r.latest.action]})`}
                    </a>
                  ) : (
                    <Tag>{t('pubc.none')}</Tag>
                  ),
              },
              { title: t('pubc.postedOn'), key: 'posted', width: 120, render: (_v, r) => r.latest?.postedOn ?? '—' },
              { title: t('pubc.nextActor'), dataIndex: 'nextActor', width: 140, render: (v: string) => refName(v) },
              {
                title: '',
                key: 'act',
                width: 120,
                render: (_v, r) => (
                  <Button size="small" type={r.canPublish ? 'primary' : 'default'} onClick={() => setOpen(r)}>
                    {r.canPublish ? t('pubc.review') : t('pubc.view')}
                  </Button>
                ),
              },
            ]}
          />
        )}
      </Card>
      <Card
        size="small"
        title={t('pubc.versions')}
        extra={<a href={`/api/v1/publications/versions/export.xlsx${filter.q ? `?q=${encodeURIComponent(filter.q)}` : ''}`}>{t('pubc.export')}</a>}
      >
        {versions.error ? (
          <ErrorView error={versions.error} onRetry={versions.reload} />
        ) : (
          <Table<VersionItem>
            rowKey="id"
            size="small"
            loading={versions.loading}
            dataSource={versions.data?.items ?? []}
            scroll={{ x: 900 }}
            pagination={{ current: page, pageSize, total: versions.data?.total ?? 0, showTotal: (total) => t('common.total', { total }) }}
            onChange={(pg) => update({ page: String(pg.current ?? 1), pageSize: String(pg.pageSize ?? 20) })}
            columns={[
              {
                title: t('pubc.number'),
                dataIndex: 'number',
                width: 280,
                render: (v: string, r) => (
                  <a href={`/public/versions/${r.id}`} target="_blank" rel="noopener" data-user-data>
                    {v}
                  </a>
                ),
              },
              { title: t('pubc.list'), dataIndex: 'list', width: 160, render: (v: string) => t(`pub.${v as ListKind}`) },
              { title: t('pubc.territory'), dataIndex: 'territoryName', width: 140, render: (v: string) => refName(v) },
              { title: t('pubc.action'), dataIndex: 'action', width: 90, render: (v: string) => ACT[v] ?? v },
              { title: t('pubc.postedOn'), dataIndex: 'postedOn', width: 120 },
              { title: t('pubc.entries'), dataIndex: 'entries', width: 90 },
              { title: t('pubc.unit'), dataIndex: 'unitName', width: 140, render: (v: string) => refName(v) },
            ]}
          />
        )}
      </Card>
      {open ? (
        <ReviewDrawer
          series={open}
          onClose={() => setOpen(null)}
          onDone={() => {
            setOpen(null);
            series.reload();
            versions.reload();
          }}
        />
      ) : null}
    </PageContainer>
  );
}
