/** A compact table of cases (workbench cards, enterprise page, case list). */
import { Table } from 'antd';
import type { ColumnsType, TableProps } from 'antd/es/table';
import { Link } from 'react-router-dom';
import type { CaseSummary } from '../api/types.ts';
import { useI18n } from '../i18n/index.tsx';
import { caseState, deadlineStatus, dimension } from '../shared/status.ts';
import { StatusTag } from './StatusTag.tsx';
import { NextActionCell, type CaseWithNext } from '../pages/cases/next-action.tsx';

export function CaseTable({
  items,
  loading,
  showEnterprise = true,
  compact = false,
  pagination = false,
  onChange,
}: {
  items: CaseSummary[];
  loading?: boolean;
  showEnterprise?: boolean;
  compact?: boolean;
  pagination?: TableProps<CaseSummary>['pagination'];
  onChange?: TableProps<CaseSummary>['onChange'];
}) {
  const { t, fmtDate } = useI18n();
  if (compact) {
    // Half-width cards (workbench): tags and the deadline stacked, no horizontal scroll.
    const narrow: ColumnsType<CaseSummary> = [
      { title: t('case.id'), dataIndex: 'id', width: 72, render: (id: number) => <Link to={`/cases/${id}`}>#{id}</Link> },
      {
        title: t('case.enterprise'),
        key: 'enterprise',
        ellipsis: { showTitle: false },
        render: (_v: unknown, r: CaseSummary) => (
          <Link to={`/enterprises/${r.enterprise.id}`} title={r.enterprise.name} data-user-data>
            {r.enterprise.name}
          </Link>
        ),
      },
      {
        title: t('case.state'),
        key: 'state',
        width: 150,
        render: (_v: unknown, r: CaseSummary) => (
          <>
            <StatusTag map={dimension} value={r.dimension} />
            <StatusTag map={caseState} value={r.state} />
          </>
        ),
      },
      {
        title: t('case.dueOn'),
        key: 'due',
        width: 130,
        render: (_v: unknown, r: CaseSummary) =>
          r.dueOn ? (
            <>
              <div>{fmtDate(r.dueOn)}</div>
              <StatusTag map={deadlineStatus} value={r.deadlineStatus} />
            </>
          ) : (
            '—'
          ),
      },
      { title: t('next.column'), key: 'next', width: 200, render: (_v: unknown, r: CaseSummary) => <NextActionCell item={r as CaseWithNext} /> },
    ];
    return (
      <Table<CaseSummary>
        rowKey="id"
        size="small"
        columns={narrow}
        dataSource={items}
        loading={loading ?? false}
        pagination={pagination}
        tableLayout="fixed"
        {...(onChange ? { onChange } : {})}
      />
    );
  }
  const columns: ColumnsType<CaseSummary> = [
    { title: t('case.id'), dataIndex: 'id', width: 90, render: (id: number) => <Link to={`/cases/${id}`}>#{id}</Link> },
    ...(showEnterprise
      ? [
          {
            title: t('case.enterprise'),
            key: 'enterprise',
            render: (_v: unknown, r: CaseSummary) =>
              r.enterprise ? (
                <Link to={`/enterprises/${r.enterprise.id}`} data-user-data>
                  {r.enterprise.name}
                </Link>
              ) : (
                '—'
              ),
          },
        ]
      : []),
    { title: t('case.dimension'), dataIndex: 'dimension', width: 90, render: (d: string) => <StatusTag map={dimension} value={d} /> },
    { title: t('case.state'), dataIndex: 'state', width: 130, render: (s: string) => <StatusTag map={caseState} value={s} /> },
    { title: t('case.dueOn'), dataIndex: 'dueOn', width: 150, render: (d: string | null | undefined) => fmtDate(d) },
    { title: t('case.deadlineStatus'), dataIndex: 'deadlineStatus', width: 120, render: (s: string) => <StatusTag map={deadlineStatus} value={s} /> },
    { title: t('next.column'), key: 'next', width: 260, render: (_v: unknown, r: CaseSummary) => <NextActionCell item={r as CaseWithNext} /> },
  ];
  return (
    <Table<CaseSummary>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={items}
      loading={loading ?? false}
      pagination={pagination}
      scroll={{ x: 980 }}
      {...(onChange ? { onChange } : {})}
    />
  );
}
