/**
 * 审计日志 (office): GET /audit in words (issue 17 item 7) — who (display name, unit) did what (the act in words) to
 * which record (its label) — filtered by person, unit, record and dates, exported as .xlsx with the same filters.
 */
import { useState } from 'react';
import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Form, Input, Select, Table, Tooltip } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/index.ts';
import { ErrorView } from '../../components/ErrorView.tsx';
import { FilterCard, FilterField, useFilterOptions } from '../../components/FilterCard.tsx';
import { PageContainer } from '../../components/PageContainer.tsx';
import { useRequest } from '../../components/useRequest.ts';
import { useUrlFilter } from '../../components/useUrlFilter.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useReference } from '../../shared/reference.ts';
import { errorText } from '../../shared/errors.ts';
import { workApi, type AuditQuery, type AuditRecord } from '../cases/work-api.ts';
import { EmbeddedUserText } from '../../components/EmbeddedUserText.tsx';
import { withParens } from '../../i18n/punct.ts';

const KEYS = ['actorId', 'unit', 'entityType', 'entityId', 'from', 'to'] as const;
type F = { actorId?: string; unit?: string; entityType?: string; entityId?: string; dates?: [Dayjs | null, Dayjs | null] | null };

const ENTITY_TYPES = ['case', 'enterprise', 'productionLine', 'document', 'user', 'certificate', 'notification'] as const;

export default function AuditPage() {
  const { t, lang, pick, fmtDateTime } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<F>();
  const { filter, page, pageSize, update, reset, key } = useUrlFilter(KEYS);
  const query: Omit<AuditQuery, 'limit' | 'offset'> = {
    ...(filter.actorId ? { actorId: Number(filter.actorId) } : {}),
    ...(filter.unit ? { unit: filter.unit } : {}),
    ...(filter.entityType ? { entityType: filter.entityType } : {}),
    ...(filter.entityId ? { entityId: filter.entityId } : {}),
    ...(filter.from ? { from: filter.from } : {}),
    ...(filter.to ? { to: filter.to } : {}),
  };
  const list = useRequest(() => workApi.audit({ ...query, limit: pageSize, offset: (page - 1) * pageSize }), [key]);
  const users = useRequest(() => api.users({ limit: 500 }), []);
  const ref = useReference();
  const opts = useFilterOptions();
  const [exporting, setExporting] = useState(false);

  const units = [
    { value: 'office', label: pick('市领导小组办公室', "Leading group's office") },
    { value: 'government', label: pick('市政府', 'City government') },
    ...ref.departments.map((d) => ({ value: d.code, label: pick(d.name, d.nameEn) })),
    ...opts.territories,
  ];
  const entityLabel: Record<(typeof ENTITY_TYPES)[number], [string, string]> = {
    case: ['案件', 'Case'],
    enterprise: ['企业', 'Enterprise'],
    productionLine: ['生产线', 'Production line'],
    document: ['文书', 'Document'],
    user: ['账号', 'Account'],
    certificate: ['验收单', 'Acceptance certificate'],
    notification: ['通知', 'Notification'],
  };

  const exportXlsx = async () => {
    setExporting(true);
    try {
      await workApi.exportAudit(query);
    } catch (e) {
      void message.error(errorText(e, lang));
    } finally {
      setExporting(false);
    }
  };

  const initial: F = {
    ...(filter.actorId ? { actorId: filter.actorId } : {}),
    ...(filter.unit ? { unit: filter.unit } : {}),
    ...(filter.entityType ? { entityType: filter.entityType } : {}),
    ...(filter.entityId ? { entityId: filter.entityId } : {}),
    ...(filter.from || filter.to ? { dates: [filter.from ? dayjs(filter.from) : null, filter.to ? dayjs(filter.to) : null] } : {}),
  };

  return (
    <PageContainer title={t('menu.audit')} crumbs={[{ title: t('menu.audit') }]}>
      <FilterCard<F>
        form={form}
        name="audit-filter"
        initialValues={initial}
        onReset={reset}
        onFinish={(v) =>
          update({
            actorId: v.actorId || undefined,
            unit: v.unit || undefined,
            entityType: v.entityType || undefined,
            entityId: v.entityId?.trim() || undefined,
            from: v.dates?.[0]?.format('YYYY-MM-DD'),
            to: v.dates?.[1]?.format('YYYY-MM-DD'),
            page: undefined,
          })
        }
      >
        <FilterField name="actorId" label={t('audit.person')}>
          <Select
            {...opts.select}
            data-testid="audit-person"
            loading={users.loading}
            options={(users.data?.items ?? []).map((u) => ({ value: String(u.id), label: withParens(lang, u.displayName, u.username) }))}
          />
        </FilterField>
        <FilterField name="unit" label={t('audit.unit')}>
          <Select {...opts.select} options={units} data-testid="audit-unit" />
        </FilterField>
        <FilterField name="entityType" label={t('audit.recordType')}>
          <Select {...opts.select} options={ENTITY_TYPES.map((e) => ({ value: e, label: pick(...entityLabel[e]) }))} />
        </FilterField>
        <FilterField name="entityId" label={t('audit.recordId')}>
          <Input allowClear maxLength={60} />
        </FilterField>
        <FilterField name="dates" label={t('audit.dateRange')}>
          <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} />
        </FilterField>
      </FilterCard>
      <Card
        size="small"
        extra={
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportXlsx()} data-testid="audit-export">
            {t('audit.export')}
          </Button>
        }
      >
        {list.error ? (
          <ErrorView error={list.error} onRetry={list.reload} />
        ) : (
          <Table<AuditRecord>
            rowKey="id"
            size="small"
            data-testid="audit-table"
            loading={list.loading}
            dataSource={list.data?.items ?? []}
            scroll={{ x: 900 }}
            pagination={{ current: page, pageSize, total: list.data?.total ?? 0, showTotal: (total) => t('common.total', { total }) }}
            onChange={(p) => update({ page: String(p.current ?? 1), pageSize: String(p.pageSize ?? 20) })}
            columns={[
              { title: t('audit.at'), dataIndex: 'at', width: 170, render: (d: string) => fmtDateTime(d) },
              { title: t('audit.person'), key: 'who', width: 140, render: (_v, r) => <span data-user-data>{r.actorDisplayName ?? r.actorName ?? '—'}</span> },
              { title: t('audit.unit'), key: 'unit', width: 170, render: (_v, r) => (r.unit ? pick(r.unit.zh, r.unit.en) : '—') },
              {
                title: t('audit.act'),
                key: 'act',
                width: 220,
                render: (_v, r) => (
                  <Tooltip title={r.act}>
                    <span>{pick(r.actWords.zh, r.actWords.en)}</span>
                  </Tooltip>
                ),
              },
              {
                title: t('audit.record'),
                key: 'record',
                render: (_v, r) => (r.record ? lang === 'en' ? <EmbeddedUserText text={r.record.en} /> : r.record.zh : '—'),
              },
            ]}
          />
        )}
      </Card>
    </PageContainer>
  );
}
