/** 审计日志 (office): GET /audit, paged; an empty state until the route exists (the CLI `phaseout audit` reads it today). */
import { Card, Table } from 'antd';
import { api, type AuditEntry } from '../../api/index.ts';
import { ErrorView } from '../../components/ErrorView.tsx';
import { PageContainer } from '../../components/PageContainer.tsx';
import { useRequest } from '../../components/useRequest.ts';
import { useUrlFilter } from '../../components/useUrlFilter.ts';
import { useI18n } from '../../i18n/index.tsx';

const KEYS = [] as const;

export default function AuditPage() {
  const { t, fmtDateTime } = useI18n();
  const { page, pageSize, update, key } = useUrlFilter(KEYS);
  const list = useRequest(() => api.audit({ limit: pageSize, offset: (page - 1) * pageSize }), [key]);
  return (
    <PageContainer title={t('menu.audit')} crumbs={[{ title: t('menu.audit') }]}>
      <Card size="small">
        {list.error ? (
          <ErrorView error={list.error} onRetry={list.reload} />
        ) : (
          <Table<AuditEntry>
            rowKey="id"
            size="small"
            loading={list.loading}
            dataSource={list.data?.items ?? []}
            scroll={{ x: 720 }}
            pagination={{ current: page, pageSize, total: list.data?.total ?? 0, showTotal: (total) => t('common.total', { total }) }}
            onChange={(p) => update({ page: String(p.current ?? 1), pageSize: String(p.pageSize ?? 20) })}
            columns={[
              { title: t('audit.at'), dataIndex: 'at', width: 180, render: (d: string) => fmtDateTime(d) },
              { title: t('audit.actor'), dataIndex: 'actorName', width: 200, render: (a: string | null | undefined) => a ?? '—' },
              { title: t('audit.act'), dataIndex: 'act', width: 200 },
              { title: t('audit.entity'), key: 'entity', render: (_v, r) => (r.entityType ? `${r.entityType} ${r.entityId ?? ''}` : '—') },
            ]}
          />
        )}
      </Card>
    </PageContainer>
  );
}
