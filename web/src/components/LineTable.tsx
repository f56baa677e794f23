/** Production lines with capacity and state (enterprise page, line list). */
import { Button, Table } from 'antd';
import type { ColumnsType, TableProps } from 'antd/es/table';
import { Link } from 'react-router-dom';
import type { Line } from '../api/types.ts';
import { useI18n } from '../i18n/index.tsx';
import { unitLabel } from '../i18n/units.ts';
import { useReference } from '../shared/reference.ts';
import { catalogueClass, lineState } from '../shared/status.ts';
import { StatusTag } from './StatusTag.tsx';

export function LineTable({
  items,
  loading,
  showEnterprise,
  onEdit,
  pagination = false,
  onChange,
}: {
  items: Line[];
  loading?: boolean;
  showEnterprise?: boolean;
  onEdit?: (l: Line) => void;
  pagination?: TableProps<Line>['pagination'];
  onChange?: TableProps<Line>['onChange'];
}) {
  const { t, lang, pick } = useI18n();
  const ref = useReference();
  const kindName = (code: string) => {
    const k = ref.lineKinds.find((x) => x.code === code);
    return k ? pick(k.name, k.nameEn) : code;
  };
  const columns: ColumnsType<Line> = [
    { title: t('line.name'), dataIndex: 'name', width: 200, render: (n: string) => <span data-user-data>{n}</span> },
    ...(showEnterprise
      ? [
          {
            title: t('line.enterprise'),
            dataIndex: 'enterpriseName',
            width: 220,
            render: (n: string, r: Line) => (
              <Link to={`/enterprises/${r.enterpriseId}`} data-user-data>
                {n}
              </Link>
            ),
          },
        ]
      : []),
    // issue 17: the line list names the territory
    ...(showEnterprise
      ? [
          {
            title: t('case.territory'),
            dataIndex: 'territoryCode',
            width: 110,
            render: (c: string) => {
              const x = ref.territories.find((r) => r.code === c);
              return x ? pick(x.name, x.nameEn) : c;
            },
          },
        ]
      : []),
    { title: t('line.kind'), dataIndex: 'kind', width: 160, render: (k: string) => kindName(k) },
    { title: t('line.model'), dataIndex: 'model', width: 120, render: (m: string | null) => m ?? '—' },
    { title: t('line.capacity'), dataIndex: 'capacity', width: 170, align: 'right', render: (c: string, r) => `${c} ${unitLabel(lang, r.capacityUnit)}` },
    { title: t('ent.catalogueClass'), dataIndex: 'catalogueClass', width: 110, render: (c: string) => <StatusTag map={catalogueClass} value={c} /> },
    { title: t('line.state'), dataIndex: 'state', width: 100, render: (s: string) => <StatusTag map={lineState} value={s} /> },
    ...(onEdit
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 80,
            fixed: 'right' as const,
            render: (_v: unknown, r: Line) =>
              r.allowedActs.includes('update') ? (
                <Button type="link" size="small" onClick={() => onEdit(r)}>
                  {t('common.edit')}
                </Button>
              ) : null,
          },
        ]
      : []),
  ];
  return (
    <Table<Line>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={items}
      loading={loading ?? false}
      pagination={pagination}
      scroll={{ x: 900 }}
      {...(onChange ? { onChange } : {})}
    />
  );
}
