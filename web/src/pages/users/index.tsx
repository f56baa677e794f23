/** 用户 (office): the accounts, GET /users. */
import { Card, Table, Tag } from 'antd';
import { api, type UserRow } from '../../api/index.ts';
import { ErrorView } from '../../components/ErrorView.tsx';
import { PageContainer } from '../../components/PageContainer.tsx';
import { useRequest } from '../../components/useRequest.ts';
import { useUrlFilter } from '../../components/useUrlFilter.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useReference } from '../../shared/reference.ts';

const KEYS = [] as const;

export default function UsersPage() {
  const { t, fmtDateTime, pick } = useI18n();
  const ref = useReference();
  const { page, pageSize, update, key } = useUrlFilter(KEYS);
  const list = useRequest(() => api.users({ limit: pageSize, offset: (page - 1) * pageSize }), [key]);
  const unit = (u: UserRow) => {
    const tr = u.territoryCode ? ref.territories.find((x) => x.code === u.territoryCode) : undefined;
    const d = u.departmentCode ? ref.departments.find((x) => x.code === u.departmentCode) : undefined;
    return tr ? pick(tr.name, tr.nameEn) : d ? pick(d.name, d.nameEn) : '—';
  };
  return (
    <PageContainer title={t('menu.users')} crumbs={[{ title: t('menu.users') }]}>
      <Card size="small">
        {list.error ? (
          <ErrorView error={list.error} onRetry={list.reload} />
        ) : (
          <Table<UserRow>
            rowKey="id"
            size="small"
            loading={list.loading}
            dataSource={list.data?.items ?? []}
            scroll={{ x: 900 }}
            pagination={{ current: page, pageSize, total: list.data?.total ?? 0, showTotal: (total) => t('common.total', { total }) }}
            onChange={(p) => update({ page: String(p.current ?? 1), pageSize: String(p.pageSize ?? 20) })}
            columns={[
              { title: t('users.username'), dataIndex: 'username', width: 140 },
              { title: t('users.displayName'), dataIndex: 'displayName', width: 260, render: (n: string) => <span data-user-data>{n}</span> },
              { title: t('users.role'), dataIndex: 'role', width: 160, render: (r: UserRow['role']) => t(`role.${r}`) },
              { title: t('users.unit'), key: 'unit', width: 180, render: (_v, r) => unit(r) },
              {
                title: t('ent.status'),
                key: 'status',
                width: 120,
                render: (_v, r) =>
                  r.disabled ? (
                    <Tag color="red">{t('users.disabled')}</Tag>
                  ) : r.lockedUntil && new Date(r.lockedUntil) > new Date() ? (
                    <Tag color="orange">
                      {t('users.lockedUntil')} {fmtDateTime(r.lockedUntil)}
                    </Tag>
                  ) : null,
              },
            ]}
          />
        )}
      </Card>
    </PageContainer>
  );
}
