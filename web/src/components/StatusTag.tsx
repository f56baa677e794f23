/** A status word as a coloured tag, from one of the maps in shared/status.ts. */
import { Tag } from 'antd';
import { useI18n } from '../i18n/index.tsx';
import type { StatusSpec } from '../shared/status.ts';

export function StatusTag<K extends string>({ map, value }: { map: Record<K, StatusSpec>; value: string | null | undefined }) {
  const { t } = useI18n();
  if (value === null || value === undefined) return <>—</>;
  const spec = value in map ? map[value as K] : undefined;
  if (!spec) return <Tag>{value}</Tag>;
  return <Tag color={spec.color}>{t(spec.label)}</Tag>;
}
