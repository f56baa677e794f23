/** 后台任务 (office): the registered jobs with their schedule and last run, and the record of runs (GET /jobs, /jobs/runs). */
import { Card, Select, Space, Table, Tag } from 'antd';
import { ErrorView } from '../../components/ErrorView.tsx';
import { PageContainer } from '../../components/PageContainer.tsx';
import { useRequest } from '../../components/useRequest.ts';
import { useUrlFilter } from '../../components/useUrlFilter.ts';
import { useI18n } from '../../i18n/index.tsx';
import { jobsApi, type Job, type JobOutcome, type JobRun } from './api.ts';

const KEYS = ['job', 'outcome'] as const;
const OUTCOME_COLOR: Record<JobOutcome, string> = { ok: 'green', failed: 'red', skipped: 'default' };

export default function JobsPage() {
  const { t, pick, fmtDateTime } = useI18n();
  const { filter: values, page, pageSize, update, key } = useUrlFilter(KEYS);
  const jobs = useRequest(() => jobsApi.jobs(), []);
  const runs = useRequest(
    () =>
      jobsApi.runs({
        ...(values.job ? { job: values.job } : {}),
        ...(values.outcome ? { outcome: values.outcome as JobOutcome } : {}),
        limit: pageSize,
        offset: (page - 1) * pageSize,
      }),
    [key],
  );
  const outcome = (o: JobOutcome | null) =>
    o ? <Tag color={OUTCOME_COLOR[o]}>{t(`jobs.outcome.${o}`)}</Tag> : <Tag color="blue">{t('jobs.outcome.running')}</Tag>;
  return (
    <PageContainer title={t('menu.jobs')} crumbs={[{ title: t('menu.jobs') }]}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Card size="small" title={t('jobs.registered')}>
          {jobs.error ? (
            <ErrorView error={jobs.error} onRetry={jobs.reload} />
          ) : (
            <Table<Job>
              rowKey="name"
              size="small"
              scroll={{ x: 640 }}
              loading={jobs.loading}
              dataSource={jobs.data?.items ?? []}
              pagination={false}
              columns={[
                { title: t('jobs.job'), key: 'title', render: (_v, j) => pick(j.title, j.titleEn) },
                { title: t('jobs.every'), dataIndex: 'everySeconds', width: 140, render: (s: number) => t('jobs.everyMinutes', { n: Math.round(s / 60) }) },
                { title: t('jobs.lastRun'), key: 'last', width: 200, render: (_v, j) => (j.lastRun ? fmtDateTime(j.lastRun.startedAt) : '—') },
                { title: t('jobs.outcome'), key: 'outcome', width: 120, render: (_v, j) => (j.lastRun ? outcome(j.lastRun.outcome) : '—') },
              ]}
            />
          )}
        </Card>
        <Card size="small" title={t('jobs.runs')}>
          <Space wrap style={{ marginBottom: 12 }}>
            <Select
              allowClear
              style={{ width: 260 }}
              placeholder={t('jobs.job')}
              value={values.job || undefined}
              onChange={(v?: string) => update({ job: v ?? '', page: '1' })}
              options={(jobs.data?.items ?? []).map((j) => ({ value: j.name, label: pick(j.title, j.titleEn) }))}
            />
            <Select
              allowClear
              style={{ width: 160 }}
              placeholder={t('jobs.outcome')}
              value={values.outcome || undefined}
              onChange={(v?: string) => update({ outcome: v ?? '', page: '1' })}
              options={(['ok', 'failed', 'skipped', 'running'] as const).map((o) => ({ value: o, label: t(`jobs.outcome.${o}`) }))}
            />
          </Space>
          {runs.error ? (
            <ErrorView error={runs.error} onRetry={runs.reload} />
          ) : (
            <Table<JobRun>
              rowKey="id"
              size="small"
              loading={runs.loading}
              dataSource={runs.data?.items ?? []}
              scroll={{ x: 900 }}
              pagination={{ current: page, pageSize, total: runs.data?.total ?? 0, showTotal: (total) => t('common.total', { total }) }}
              onChange={(p) => update({ page: String(p.current ?? 1), pageSize: String(p.pageSize ?? 20) })}
              columns={[
                { title: t('jobs.job'), key: 'job', width: 240, render: (_v, r) => pick(r.jobTitle, r.jobTitleEn) },
                { title: t('jobs.startedAt'), dataIndex: 'startedAt', width: 180, render: (d: string) => fmtDateTime(d) },
                { title: t('jobs.finishedAt'), dataIndex: 'finishedAt', width: 180, render: (d: string | null) => (d ? fmtDateTime(d) : '—') },
                { title: t('jobs.outcome'), dataIndex: 'outcome', width: 110, render: (o: JobOutcome | null) => outcome(o) },
                { title: t('jobs.attempts'), dataIndex: 'attempts', width: 90 },
                { title: t('jobs.detail'), key: 'detail', render: (_v, r) => r.error ?? (r.summary ? JSON.stringify(r.summary) : '—') },
              ]}
            />
          )}
        </Card>
      </Space>
    </PageContainer>
  );
}
