/**
 * The year-end flag on the workbench (issue 12): from 1 December until the report is up, every account that owes a
 * part of the year's count (a unit's summary, the office's report, the government's approval) sees it here, in red
 * once overdue. The programme year is the current one, or the previous one during January.
 */
import { Alert, Space, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { useRequest } from '../../components/useRequest.ts';
import { useI18n } from '../../i18n/index.tsx';
import { yearendApi } from './api.ts';
import { FLAG } from './labels.ts';

export function programmeYear(now = new Date()): number {
  const local = new Date(now.getTime() + 8 * 3600_000);
  return local.getUTCMonth() === 0 ? local.getUTCFullYear() - 1 : local.getUTCFullYear();
}

export function YearendWorkbenchNotice() {
  const { pick } = useI18n();
  const year = programmeYear();
  const s = useRequest(() => yearendApi.status(year), [year]);
  const owed = (s.data?.mine ?? []).filter((p) => p.flag === 'reminding' || p.flag === 'overdue');
  if (!s.data || owed.length === 0) return null;
  const overdue = owed.some((p) => p.flag === 'overdue');
  return (
    <Alert
      style={{ marginTop: 16 }}
      type={overdue ? 'error' : 'warning'}
      showIcon
      data-testid="wb-yearend"
      message={
        <Link to="/yearend">
          {pick(
            `${year} 年度总结与报告（报送期限 ${s.data.reportDue} 前，§3.4）`,
            `${year} year-end summary and report (due before ${s.data.reportDue}, §3.4)`,
          )}
        </Link>
      }
      description={
        <Space wrap>
          {owed.map((p, i) => (
            <Tag key={i} color={FLAG[p.flag]?.color} data-user-text={p.unitName}>
              {pick(
                `${p.unitName}：${FLAG[p.flag]?.zh ?? p.flag}${p.due ? `（${p.due}）` : ''}`,
                `${p.unitName}: ${FLAG[p.flag]?.en ?? p.flag}${p.due ? ` (${p.due})` : ''}`,
              )}
            </Tag>
          ))}
        </Space>
      }
    />
  );
}
