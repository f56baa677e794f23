/**
 * 已退出产能 for the city government: the capacity ledger (§3.4, each line counted once) summed per industry, one
 * chart per capacity unit — units are never added together (万吨/年 and 万重量箱/年 sit in different charts).
 */
import { useMemo } from 'react';
import { Card, Col, Empty, Row, Statistic } from 'antd';
import { request } from '../../api/client.ts';
import { ErrorView } from '../../components/ErrorView.tsx';
import { useRequest } from '../../components/useRequest.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useReference } from '../../shared/reference.ts';
import { EChart } from '../overview/EChart.tsx';

interface LedgerRow {
  year: number;
  territoryCode: string;
  industryCode: string;
  capacityUnit: string;
  lines: number;
  capacity: string;
}

export function ExitedCapacity() {
  const { t, pick } = useI18n();
  const ref = useReference();
  const ledger = useRequest(() => request<{ items: LedgerRow[]; total: number }>('/capacity-ledger'), []);
  const byUnit = useMemo(() => {
    const m = new Map<string, Map<string, number>>();
    for (const r of ledger.data?.items ?? []) {
      const u = m.get(r.capacityUnit) ?? new Map<string, number>();
      u.set(r.industryCode, (u.get(r.industryCode) ?? 0) + Number(r.capacity));
      m.set(r.capacityUnit, u);
    }
    return [...m.entries()];
  }, [ledger.data]);
  const lines = (ledger.data?.items ?? []).reduce((a, r) => a + r.lines, 0);
  const industryName = (code: string) => {
    const x = ref.industries.find((i) => i.code === code);
    return x ? pick(x.name, x.nameEn) : code;
  };
  return (
    <Card size="small" title={t('gov.exited')} style={{ marginTop: 12 }} data-testid="exited-capacity">
      {ledger.error ? (
        <ErrorView error={ledger.error} compact />
      ) : byUnit.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('gov.exitedEmpty')} />
      ) : (
        <>
          <Statistic title={t('gov.exitedLines')} value={lines} style={{ marginBottom: 8 }} />
          <Row gutter={12}>
            {byUnit.map(([unit, inds]) => (
              <Col xs={24} lg={12} key={unit}>
                <EChart
                  height={240}
                  testId={`exited-${unit}`}
                  option={{
                    tooltip: { trigger: 'axis' },
                    grid: { left: 60, right: 16, top: 32, bottom: 32 },
                    xAxis: { type: 'category', data: [...inds.keys()].map(industryName) },
                    yAxis: { type: 'value', name: unit },
                    series: [{ type: 'bar', name: unit, data: [...inds.values()].map((v) => Math.round(v * 100) / 100) }],
                  }}
                />
              </Col>
            ))}
          </Row>
        </>
      )}
    </Card>
  );
}
