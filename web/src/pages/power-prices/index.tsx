/**
 * 差别电价 (plan §2.6): the tier of each enterprise on a date — surcharge, effective date, basis (provincial values
 * marked as local configuration where unverified) — compared with the last list issued to the power company; the
 * office issues a list; each issued list downloads as Excel in a stable column layout.
 */
import { useState } from 'react';
import { App, Button, Card, DatePicker, Form, Space, Table, Tag, Tooltip } from 'antd';
import { DownloadOutlined, SendOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { download, request } from '../../api/client.ts';
import { ErrorView } from '../../components/ErrorView.tsx';
import { PageContainer } from '../../components/PageContainer.tsx';
import { useRequest } from '../../components/useRequest.ts';
import { useI18n, type DictKey } from '../../i18n/index.tsx';
import { errorText } from '../../shared/errors.ts';
import { useUser } from '../../session.tsx';
import { useRefName } from '../../shared/useRefName.ts';

interface PowerItem {
  creditCode: string;
  name: string;
  territoryName: string;
  industryName: string;
  tier: 'eliminated' | 'punitive' | 'restricted';
  tierName: string;
  surcharge: string;
  effectiveFrom: string;
  basis: { id: string; instrumentZh: string; instrument?: string; unverified?: string; localChoice?: boolean };
  reason: string;
  reasonZh: string;
  change: 'added' | 'changed' | 'unchanged' | 'removed';
}
interface PowerList {
  asOf: string;
  comparedWith: { id: number; asOf: string } | null;
  items: PowerItem[];
  removed: Array<{ creditCode: string; name: string; tierName: string }>;
  total: number;
}
interface Issued {
  id: number;
  asOf: string;
  issuedAt: string;
  rowCount: number;
}

export default function PowerPricesPage() {
  const { t, lang, pick, fmtDateTime } = useI18n();
  const refName = useRefName();
  const { message } = App.useApp();
  const user = useUser();
  const [asOf, setAsOf] = useState<Dayjs>(dayjs());
  const list = useRequest(() => request<PowerList>('/power-prices', { query: { asOf: asOf.format('YYYY-MM-DD') } }), [asOf.valueOf()]);
  const issued = useRequest(() => request<{ items: Issued[]; total: number }>('/power-prices/lists'), []);
  const [issuing, setIssuing] = useState(false);

  const issue = async () => {
    setIssuing(true);
    try {
      await request('/power-prices/lists', { method: 'POST', body: { asOf: asOf.format('YYYY-MM-DD') } });
      void message.success(t('power.issued'));
      issued.reload();
      list.reload();
    } catch (e) {
      void message.error(errorText(e, lang));
    } finally {
      setIssuing(false);
    }
  };

  return (
    <PageContainer
      title={t('menu.powerPrices')}
      crumbs={[{ title: t('menu.powerPrices') }]}
      extra={
        user.role === 'office' ? (
          <Button type="primary" icon={<SendOutlined />} loading={issuing} onClick={() => void issue()} data-testid="power-issue">
            {t('power.issue')}
          </Button>
        ) : null
      }
    >
      <Card size="small" style={{ marginBottom: 12 }}>
        <Form layout="inline">
          <Form.Item label={t('power.asOf')}>
            <DatePicker value={asOf} allowClear={false} onChange={(d) => d && setAsOf(d)} />
          </Form.Item>
          {list.data?.comparedWith && <Form.Item>{t('power.comparedWith', { date: list.data.comparedWith.asOf })}</Form.Item>}
        </Form>
      </Card>
      <Card size="small" title={t('power.list')} style={{ marginBottom: 12 }}>
        {list.error ? (
          <ErrorView error={list.error} onRetry={list.reload} />
        ) : (
          <Table<PowerItem>
            rowKey="creditCode"
            size="small"
            scroll={{ x: 1300 }}
            loading={list.loading}
            dataSource={list.data?.items ?? []}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
            columns={[
              { title: t('ent.creditCode'), dataIndex: 'creditCode', width: 200, render: (c: string) => <span style={{ fontFamily: 'monospace' }}>{c}</span> },
              { title: t('ent.name'), dataIndex: 'name', width: 220, render: (n: string) => <span data-user-data>{n}</span> },
              { title: t('ent.territory'), dataIndex: 'territoryName', width: 100, render: (v: string) => refName(v) },
              { title: t('ent.industry'), dataIndex: 'industryName', width: 100, render: (v: string) => refName(v) },
              {
                title: t('power.tier'),
                key: 'tier',
                width: 200,
                render: (_v, r) => (
                  <Tooltip title={pick(r.reasonZh, r.reason)}>
                    <Tag color={r.tier === 'eliminated' ? 'red' : r.tier === 'punitive' ? 'volcano' : 'gold'}>{t(`power.tier.${r.tier}` as DictKey)}</Tag>
                  </Tooltip>
                ),
              },
              { title: t('power.surcharge'), dataIndex: 'surcharge', width: 120 },
              { title: t('power.effectiveFrom'), dataIndex: 'effectiveFrom', width: 120 },
              {
                title: t('power.basis'),
                key: 'basis',
                render: (_v, r) => (
                  <Space size={4} wrap>
                    {lang === 'en' && !r.basis.instrument ? <span data-user-data>{r.basis.instrumentZh}</span> : pick(r.basis.instrumentZh, r.basis.instrument)}
                    {r.basis.localChoice && <Tag color="purple">{t('power.localChoice')}</Tag>}
                  </Space>
                ),
              },
              {
                title: t('power.change'),
                dataIndex: 'change',
                width: 90,
                render: (c: PowerItem['change']) => <Tag color={c === 'unchanged' ? 'default' : 'blue'}>{t(`power.change.${c}` as DictKey)}</Tag>,
              },
            ]}
          />
        )}
        {(list.data?.removed.length ?? 0) > 0 && (
          <Table
            size="small"
            rowKey="creditCode"
            style={{ marginTop: 12 }}
            scroll={{ x: 640 }}
            title={() => t('power.removed')}
            pagination={false}
            dataSource={list.data!.removed}
            columns={[
              { title: t('ent.creditCode'), dataIndex: 'creditCode' },
              { title: t('ent.name'), dataIndex: 'name', width: 220, render: (n: string) => <span data-user-data>{n}</span> },
              { title: t('power.tier'), dataIndex: 'tierName' },
            ]}
          />
        )}
      </Card>
      <Card size="small" title={t('power.issuedLists')}>
        <Table<Issued>
          rowKey="id"
          size="small"
          loading={issued.loading}
          dataSource={issued.data?.items ?? []}
          pagination={false}
          columns={[
            { title: t('power.asOf'), dataIndex: 'asOf' },
            { title: t('power.issuedAt'), dataIndex: 'issuedAt', render: (d: string) => fmtDateTime(d) },
            { title: t('power.rows'), dataIndex: 'rowCount' },
            {
              title: t('common.actions'),
              key: 'x',
              render: (_v, r) => (
                <Button
                  size="small"
                  icon={<DownloadOutlined />}
                  onClick={() =>
                    void download(`/power-prices/lists/${r.id}/export.xlsx`, undefined, `power-${r.asOf}.xlsx`).catch((e: unknown) =>
                      message.error(errorText(e, lang)),
                    )
                  }
                >
                  {t('common.export')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
    </PageContainer>
  );
}
