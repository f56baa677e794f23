/**
 * 督导 (§3.3): every territory's indicators against the office's criteria in force (the city's choice: the plan names
 * no numbers), slow territories first with the figures that put them there; the office records a 通报 or 约谈 (the
 * figures frozen, the notice numbered and generated); each territory's history of them with follow-up checks.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Descriptions, Form, Input, List, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, FileWordOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { ErrorView } from '../../components/ErrorView.tsx';
import { PageContainer } from '../../components/PageContainer.tsx';
import { useRequest } from '../../components/useRequest.ts';
import { withParens } from '../../i18n/punct.ts';
import { useI18n, type DictKey } from '../../i18n/index.tsx';
import { errorText } from '../../shared/errors.ts';
import { useUser } from '../../session.tsx';
import { programmeApi, type Hit, type SupervisionAction, type TerritoryRow } from './api.ts';
import { useRefName } from '../../shared/useRefName.ts';
import { punct } from '../../i18n/punct.ts';

export function HitText({ h }: { h: Hit }) {
  const { t } = useI18n();
  const pct = h.criterion === 'planCompletion';
  return (
    <Tag color="red">
      {t(`prg.crit.${h.criterion}` as DictKey, {
        v: pct ? `${(h.value * 100).toFixed(1)}%` : h.value,
        th: pct ? `${(h.threshold * 100).toFixed(0)}%` : h.threshold,
      })}
    </Tag>
  );
}

function RecordModal({ row, onClose, onDone }: { row: TerritoryRow | undefined; onClose: () => void; onDone: (a: SupervisionAction) => void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm();
  const [err, setErr] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (v: Record<string, unknown>) => {
    if (!row) return;
    setBusy(true);
    setErr(undefined);
    try {
      const commitment = (v.commitment as string | undefined)?.trim();
      const a = await programmeApi.supervision.record({
        kind: v.kind as 'summons' | 'criticism',
        territoryCode: row.territoryCode,
        reason: v.reason as string,
        heldOn: (v.heldOn as Dayjs).format('YYYY-MM-DD'),
        place: (v.place as string | undefined) ?? null,
        attendees: (v.attendees as string | undefined) ?? null,
        summary: (v.summary as string | undefined) ?? null,
        commitments: commitment && v.commitmentDue ? [{ text: commitment, dueOn: (v.commitmentDue as Dayjs).format('YYYY-MM-DD') }] : [],
      });
      form.resetFields();
      onDone(a);
    } catch (e) {
      setErr(errorText(e, lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={row !== undefined}
      onCancel={onClose}
      title={t('prg.record', { name: row?.territoryName ?? '' })}
      onOk={() => form.submit()}
      confirmLoading={busy}
      destroyOnHidden
      width={600}
      okButtonProps={{ 'data-testid': 'action-save' } as Record<string, string>}
    >
      {err && <Alert type="error" showIcon role="alert" message={err} style={{ marginBottom: 12 }} />}
      {row && row.hits.length > 0 && (
        <Space wrap style={{ marginBottom: 12 }}>
          {row.hits.map((h) => (
            <HitText key={h.criterion} h={h} />
          ))}
        </Space>
      )}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v as Record<string, unknown>)}
        name="supervision-action"
        initialValues={{ kind: 'summons' }}
      >
        <Form.Item name="kind" label={t('prg.actionKind')} rules={[{ required: true }]}>
          <Select
            options={[
              { value: 'summons', label: t('prg.kind.summons') },
              { value: 'criticism', label: t('prg.kind.criticism') },
            ]}
            data-testid="action-kind"
          />
        </Form.Item>
        <Form.Item name="reason" label={t('prg.reason')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={2} maxLength={2000} data-testid="action-reason" />
        </Form.Item>
        <Form.Item name="heldOn" label={t('prg.heldOn')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} data-testid="action-held-on" />
        </Form.Item>
        <Form.Item name="place" label={t('prg.place')}>
          <Input maxLength={200} data-testid="action-place" />
        </Form.Item>
        <Form.Item name="attendees" label={t('prg.attendees')}>
          <Input maxLength={1000} />
        </Form.Item>
        <Form.Item name="summary" label={t('prg.summary')}>
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
        <Form.Item name="commitment" label={t('prg.commitment')}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="commitmentDue" label={t('prg.commitmentDue')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function ActionHistory({ territoryCode, reloadKey, q }: { territoryCode?: string | undefined; reloadKey?: number; q?: string | undefined }) {
  const { t, lang, fmtDate } = useI18n();
  const p = punct(lang);
  const refName = useRefName();
  const { message } = App.useApp();
  const user = useUser();
  const list = useRequest(
    () => programmeApi.supervision.actions({ ...(territoryCode ? { territoryCode } : {}), ...(q ? { q } : {}), limit: 100 }),
    [territoryCode, reloadKey, q],
  );
  const [fu, setFu] = useState<{ id: number; note: string }>();
  const addFollowUp = async () => {
    if (!fu) return;
    try {
      await programmeApi.supervision.followUp(fu.id, { on: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10), note: fu.note });
      setFu(undefined);
      list.reload();
    } catch (e) {
      void message.error(errorText(e, lang));
    }
  };
  if (list.error) return <ErrorView error={list.error} compact />;
  return (
    <List<SupervisionAction>
      loading={list.loading}
      dataSource={list.data?.items ?? []}
      data-testid="action-history"
      locale={{ emptyText: t('common.empty') }}
      renderItem={(a) => (
        <List.Item
          data-testid={`action-${a.id}`}
          actions={[
            <Button
              key="doc"
              icon={<FileWordOutlined />}
              size="small"
              onClick={() => void programmeApi.supervision.document(a.id).catch((e: unknown) => void message.error(errorText(e, lang)))}
              data-testid={`action-doc-${a.id}`}
            >
              {t(a.kind === 'summons' ? 'prg.docSummons' : 'prg.docCriticism')}
            </Button>,
            ...(user.role === 'office'
              ? [
                  <Button key="fu" size="small" onClick={() => setFu({ id: a.id, note: '' })}>
                    {t('prg.followUp')}
                  </Button>,
                ]
              : []),
          ]}
        >
          <List.Item.Meta
            title={
              <Space wrap>
                <Tag color={a.kind === 'summons' ? 'volcano' : 'gold'}>{t(`prg.kind.${a.kind}` as DictKey)}</Tag>
                <span>{refName(a.territoryName)}</span>
                <Typography.Text code data-testid="action-doc-no" data-user-data>
                  {a.docNo}
                </Typography.Text>
                <span>{fmtDate(a.heldOn)}</span>
              </Space>
            }
            description={
              <Space direction="vertical" size={2}>
                <span data-user-data>{a.reason}</span>
                <Space wrap size={4}>
                  {a.hits.map((h) => (
                    <HitText key={h.criterion} h={h} />
                  ))}
                </Space>
                {a.place && (
                  <span>
                    {t('prg.place')}
                    {p.colon}
                    <span data-user-data>{a.place}</span>
                  </span>
                )}
                {a.commitments.map((c, i) => (
                  <span key={i}>
                    {t('prg.commitment')}
                    {p.colon}
                    <span data-user-data>{c.text}</span>
                    {p.lp}
                    {fmtDate(c.dueOn)}
                    {p.rp}
                  </span>
                ))}
                {a.followUps.map((f, i) => (
                  <span key={i}>
                    {t('prg.followUp')} {fmtDate(f.on)}
                    {p.colon}
                    <span data-user-data>{f.note}</span>
                  </span>
                ))}
                {fu?.id === a.id && (
                  <Space>
                    <Input size="small" value={fu.note} onChange={(e) => setFu({ id: a.id, note: e.target.value })} />
                    <Button size="small" type="primary" onClick={() => void addFollowUp()}>
                      {t('common.save')}
                    </Button>
                  </Space>
                )}
              </Space>
            }
          />
        </List.Item>
      )}
    />
  );
}

/** The office's workbench card: territories meeting a criterion now. */
export function SlowTerritoriesCard() {
  const { t, pick } = useI18n();
  const r = useRequest(() => programmeApi.supervision.indicators(true), []);
  return (
    <Card size="small" title={t('prg.slowTitle')} data-testid="wb-slow-territories" extra={<a href="/supervision">{t('common.more')}</a>}>
      {r.error ? (
        <ErrorView error={r.error} compact />
      ) : (
        <List<TerritoryRow>
          size="small"
          loading={r.loading}
          dataSource={r.data?.items ?? []}
          locale={{ emptyText: t('prg.noSlow') }}
          renderItem={(x) => (
            <List.Item>
              <Space wrap>
                <strong>{pick(x.territoryName, x.territoryNameEn)}</strong>
                {x.hits.map((h) => (
                  <HitText key={h.criterion} h={h} />
                ))}
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

export default function SupervisionPage() {
  const { t, lang, pick, fmtDate } = useI18n();
  const refName = useRefName();
  const { message } = App.useApp();
  const user = useUser();
  const ind = useRequest(() => programmeApi.supervision.indicators(), []);
  const [recording, setRecording] = useState<TerritoryRow>();
  const [territory, setTerritory] = useState<string>();
  const [tick, setTick] = useState(0);
  const [search, setSearch] = useState<string>();
  const c = ind.data?.criteria;
  return (
    <PageContainer
      title={t('menu.supervision')}
      crumbs={[{ title: t('menu.supervision') }]}
      extra={
        <Button
          icon={<DownloadOutlined />}
          onClick={() => void programmeApi.supervision.exportXlsx().catch((e: unknown) => void message.error(errorText(e, lang)))}
          data-testid="indicators-export"
        >
          {t('common.export')}
        </Button>
      }
    >
      {c && (
        <Card size="small" title={t('prg.criteria', { from: fmtDate(c.validFrom) })} data-testid="criteria">
          <Descriptions size="small" column={{ xs: 1, md: 4 }}>
            <Descriptions.Item label={t('prg.th.planCompletionBelow')}>{`${(c.thresholds.planCompletionBelow * 100).toFixed(0)}%`}</Descriptions.Item>
            <Descriptions.Item label={t('prg.th.latePlanItemsAtLeast')}>{c.thresholds.latePlanItemsAtLeast}</Descriptions.Item>
            <Descriptions.Item label={t('prg.th.overdueCasesAtLeast')}>{c.thresholds.overdueCasesAtLeast}</Descriptions.Item>
            <Descriptions.Item label={t('prg.th.overdueProblemsAtLeast')}>{c.thresholds.overdueProblemsAtLeast}</Descriptions.Item>
            <Descriptions.Item label={t('prg.th.daysSinceProgressAtLeast')}>{c.thresholds.daysSinceProgressAtLeast}</Descriptions.Item>
            <Descriptions.Item label={t('prg.th.oldOpen')}>
              {t('prg.th.oldOpenValue', { n: c.thresholds.oldOpenItemsAtLeast, d: c.thresholds.oldOpenItemDays })}
            </Descriptions.Item>
          </Descriptions>
          <Typography.Text type="secondary">{t('prg.criteriaNote')}</Typography.Text>
        </Card>
      )}
      <Card size="small" title={t('prg.indicators', { date: fmtDate(ind.data?.asOf) })}>
        {ind.error ? (
          <ErrorView error={ind.error} onRetry={ind.reload} />
        ) : (
          <Table<TerritoryRow>
            size="small"
            rowKey="territoryCode"
            loading={ind.loading}
            dataSource={ind.data?.items ?? []}
            pagination={false}
            data-testid="indicator-table"
            scroll={{ x: 1100 }}
            rowClassName={(r) => (r.slow ? 'row-slow' : '')}
            columns={[
              {
                title: t('case.territory'),
                key: 'name',
                width: 150,
                render: (_v, r) => <a onClick={() => setTerritory(r.territoryCode)}>{pick(r.territoryName, r.territoryNameEn)}</a>,
              },
              {
                title: t('prg.planCompletion'),
                dataIndex: 'planCompletion',
                width: 100,
                render: (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`),
              },
              { title: t('prg.latePlanItems'), dataIndex: 'latePlanItems', width: 90 },
              { title: t('prg.overdueCases'), dataIndex: 'overdueCases', width: 90 },
              {
                title: t('prg.openProblems'),
                key: 'op',
                width: 110,
                render: (_v, r) => withParens(lang, String(r.openProblems), `${t('prg.overdue')} ${r.overdueProblems}`),
              },
              { title: t('prg.byAge'), dataIndex: 'openByAge', width: 140, render: (v: number[]) => v.join(' / ') },
              { title: t('prg.daysSince'), dataIndex: 'daysSinceProgress', width: 90, render: (v: number | null) => v ?? '—' },
              {
                title: t('prg.slow'),
                key: 'slow',
                render: (_v, r) =>
                  r.slow ? (
                    <Space wrap size={4} data-testid={`slow-${r.territoryCode}`}>
                      {r.hits.map((h) => (
                        <HitText key={h.criterion} h={h} />
                      ))}
                    </Space>
                  ) : (
                    <Tag color="green">{t('prg.notSlow')}</Tag>
                  ),
              },
              { title: t('prg.actionsCount'), dataIndex: 'actions', width: 80 },
              ...(user.role === 'office'
                ? [
                    {
                      title: t('common.actions'),
                      key: 'act',
                      width: 110,
                      render: (_v: unknown, r: TerritoryRow) => (
                        <Button size="small" onClick={() => setRecording(r)} data-testid={`record-${r.territoryCode}`}>
                          {t('prg.recordBtn')}
                        </Button>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </Card>
      <Card
        size="small"
        title={territory ? t('prg.historyOf', { name: refName(territory) }) : t('prg.historyAll')}
        extra={
          <Space wrap>
            <Input.Search
              allowClear
              size="small"
              style={{ width: 260 }}
              placeholder={t('prg.actionSearchHelp')}
              aria-label={t('prg.search')}
              onSearch={(v) => setSearch(v.trim() || undefined)}
              data-testid="action-search"
            />
            <Button
              size="small"
              icon={<DownloadOutlined />}
              onClick={() =>
                void programmeApi.supervision
                  .exportActions({ ...(territory ? { territoryCode: territory } : {}), ...(search ? { q: search } : {}) })
                  .catch((e: unknown) => void message.error(errorText(e, lang)))
              }
              data-testid="action-export"
            >
              {t('common.export')}
            </Button>
            {territory ? <a onClick={() => setTerritory(undefined)}>{t('common.all')}</a> : null}
          </Space>
        }
      >
        <ActionHistory territoryCode={territory} reloadKey={tick} q={search} />
      </Card>
      <RecordModal
        row={recording}
        onClose={() => setRecording(undefined)}
        onDone={(a) => {
          setRecording(undefined);
          void message.success(t('prg.recorded', { no: a.docNo }));
          setTick((n) => n + 1);
          ind.reload();
        }}
      />
    </PageContainer>
  );
}
