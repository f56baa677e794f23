/**
 * The scaffolding of a record list (职工安置, 腾退土地, 举报线索, 企业登记确认): the page title, 导出 and a "new" button for
 * those who may record, a filter card of a search field and the page's selects, and the paged table with its
 * error view; filter and page live in the URL (useUrlFilter). The page gives its fetch, export and columns, and its
 * drawers: a form as children, or a record's detail (`detail`, opened from a column, the list reloaded after an act).
 */
import { useState, type ReactNode } from 'react';
import { App, Button, Card, Form, Input, Select, Table, type TableColumnsType, type TableProps } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { api } from '../api/index.ts';
import { FilterCard, FilterField } from './FilterCard.tsx';
import { ErrorView } from './ErrorView.tsx';
import { PageContainer } from './PageContainer.tsx';
import { useRequest, type RequestState } from './useRequest.ts';
import { useUrlFilter } from './useUrlFilter.ts';
import { useI18n } from '../i18n/index.tsx';
import { errorText } from '../shared/errors.ts';

type Filter<K extends string> = Partial<Record<K, string>>;

/** A select of the filter card, beside the search field `q`. */
export interface FilterSelect<K extends string> {
  name: K;
  label: string;
  options: { value: string; label: string }[];
}

export interface RecordList<T, K extends string> {
  filter: Filter<K>;
  page: number;
  pageSize: number;
  update: (patch: Record<string, string | undefined>) => void;
  reset: () => void;
  list: RequestState<{ items: T[]; total: number }>;
}

/** The URL filter of `keys` and the page of records it selects (reloaded when the URL changes). */
export function useRecordList<T, K extends string>(
  keys: readonly K[],
  fetch: (query: Filter<K> & { limit: number; offset: number }) => Promise<{ items: T[]; total: number }>,
): RecordList<T, K> {
  const { filter, page, pageSize, update, reset, key } = useUrlFilter(keys);
  const list = useRequest(() => fetch({ ...filter, limit: pageSize, offset: (page - 1) * pageSize }), [key]);
  return { filter, page, pageSize, update, reset, list };
}

export function RecordListPage<T extends object, K extends string>(props: {
  state: RecordList<T, K>;
  title: string;
  /** the filter form's name */
  filterName: string;
  /** the select (or selects) of the filter card, beside the search field `q` */
  select: FilterSelect<K> | readonly FilterSelect<K>[];
  /** the search field's label and placeholder (default: credit code or name) */
  search?: { label: string; placeholder?: string };
  onExport: (filter: Filter<K>) => Promise<unknown>;
  /** the "new" button, for those who may record */
  newButton?: { label: string; onClick: () => void; testId?: string };
  rowKey: keyof T & string;
  /** the columns; given as a function they get `open(record)`, which opens the record's `detail` drawer */
  columns: TableColumnsType<T> | ((open: (record: T) => void) => TableColumnsType<T>);
  /** a record's detail drawer (rendered while one is open); `done` closes it and reloads the list, e.g. after an act */
  detail?: (record: T, close: () => void, done: () => void) => ReactNode;
  /** the table's size and scroll (a wide table scrolls inside its card) */
  table?: Pick<TableProps<T>, 'size' | 'scroll'>;
  /** the form or detail drawer */
  children?: ReactNode;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Record<string, string | undefined>>();
  const [exporting, setExporting] = useState(false);
  const [opened, setOpened] = useState<T | null>(null);
  const { state } = props;
  const selects: readonly FilterSelect<K>[] = Array.isArray(props.select) ? props.select : [props.select as FilterSelect<K>];
  const searchLabel = props.search?.label ?? t('credit.search');
  const { filter, page, pageSize, update, reset, list } = state;

  const exportXlsx = async () => {
    setExporting(true);
    try {
      await props.onExport(filter);
    } catch (e) {
      void message.error(errorText(e, lang));
    } finally {
      setExporting(false);
    }
  };

  return (
    <PageContainer
      title={props.title}
      crumbs={[{ title: props.title }]}
      extra={
        <>
          <Button icon={<DownloadOutlined />} onClick={() => void exportXlsx()} loading={exporting} data-testid="export">
            {t('common.export')}
          </Button>
          {props.newButton && (
            <Button type="primary" icon={<PlusOutlined />} onClick={props.newButton.onClick} data-testid={props.newButton.testId}>
              {props.newButton.label}
            </Button>
          )}
        </>
      }
    >
      <FilterCard
        form={form}
        name={props.filterName}
        initialValues={filter}
        onFinish={(v) => update({ q: v.q?.trim() || undefined, ...Object.fromEntries(selects.map((s) => [s.name, v[s.name] ?? undefined])), page: undefined })}
        onReset={reset}
      >
        <FilterField name="q" label={searchLabel}>
          <Input type="search" allowClear placeholder={props.search ? (props.search.placeholder ?? searchLabel) : t('credit.searchPlaceholder')} />
        </FilterField>
        {selects.map((s) => (
          <FilterField key={s.name} name={s.name} label={s.label}>
            <Select allowClear placeholder={t('ent.filter.any')} options={s.options} />
          </FilterField>
        ))}
      </FilterCard>
      <Card size="small">
        {list.error ? (
          <ErrorView error={list.error} onRetry={list.reload} />
        ) : (
          <Table<T>
            rowKey={props.rowKey}
            // by default a list scrolls inside its card below 900 px (Chinese names are not squeezed to a character a line); a page may widen it
            scroll={{ x: 900 }}
            {...props.table}
            loading={list.loading}
            dataSource={list.data?.items ?? []}
            pagination={{ current: page, pageSize, total: list.data?.total ?? 0, showTotal: (total) => t('common.total', { total }) }}
            onChange={(p) => update({ page: String(p.current ?? 1), pageSize: String(p.pageSize ?? 20) })}
            columns={typeof props.columns === 'function' ? props.columns(setOpened) : props.columns}
          />
        )}
      </Card>
      {opened !== null && props.detail
        ? props.detail(
            opened,
            () => setOpened(null),
            () => {
              setOpened(null);
              list.reload();
            },
          )
        : null}
      {props.children}
    </PageContainer>
  );
}

/** An enterprise chosen by searching its name or credit code (a form control: value/onChange). */
export function EnterprisePicker({ value, onChange, testId }: { value?: number; onChange?: (v: number) => void; testId?: string }) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const found = useRequest(() => api.enterprises.list({ q, limit: 20 }), [q], q.trim().length > 0);
  return (
    <Select
      showSearch
      value={value}
      onChange={onChange}
      filterOption={false}
      onSearch={(s) => setQ(s.trim())}
      placeholder={t('res.pickEnterprise')}
      loading={found.loading}
      options={(found.data?.items ?? []).map((e) => ({ value: e.id, label: `${e.name}（${e.creditCode}）` }))}
      data-testid={testId}
    />
  );
}
