/**
 * 总览 (GET /overview, read from the roll-ups): cases by territory × dimension, cases by state × dimension, overdue
 * cases by territory, and production lines (capacity or count) by state and industry. Clicking a bar opens the
 * matching filtered list (cases or lines).
 */
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Card, Col, Empty, Row, Segmented, Skeleton, Typography } from 'antd';
import { api } from '../../api/index.ts';
import { ErrorView } from '../../components/ErrorView.tsx';
import { PageContainer } from '../../components/PageContainer.tsx';
import { useRequest } from '../../components/useRequest.ts';
import { useI18n } from '../../i18n/index.tsx';
import { mayOpen } from '../../access.ts';
import { useUser } from '../../session.tsx';
import { useReference } from '../../shared/reference.ts';
import { CASE_STATES, DIMENSIONS, LINE_STATES, caseState, dimension, lineState, specOf } from '../../shared/status.ts';
import { EChart, type BarClick, type ChartOption } from './EChart.tsx';

function uniq<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

type Metric = 'capacity' | 'lines';

export default function OverviewPage() {
  const { t, pick } = useI18n();
  const ref = useReference();
  const navigate = useNavigate();
  const ov = useRequest(() => api.overview(), []);
  const [metric, setMetric] = useState<Metric>('capacity');
  const user = useUser();

  const charts = useMemo(() => {
    const tName = (code: string) => {
      const x = ref.territories.find((r) => r.code === code);
      return x ? pick(x.name, x.nameEn) : code;
    };
    const iName = (code: string) => {
      const x = ref.industries.find((r) => r.code === code);
      return x ? pick(x.name, x.nameEn) : code;
    };
    const cases = ov.data?.casesByTerritoryDimensionState ?? [];
    const sum = (rows: Array<{ n: number }>) => rows.reduce((s, r) => s + r.n, 0);

    // A: territory × dimension (stacked)
    const terrA = uniq(cases.map((r) => r.territoryCode));
    const optA: ChartOption = {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 36, bottom: 100 },
      xAxis: { type: 'category', data: terrA.map(tName), axisLabel: { rotate: 35, interval: 0, width: 110, overflow: 'truncate' } },
      yAxis: { type: 'value', minInterval: 1 },
      series: DIMENSIONS.map((d) => ({
        type: 'bar' as const,
        stack: 'cases',
        name: t(dimension[d].label),
        data: terrA.map((code) => sum(cases.filter((r) => r.territoryCode === code && r.dimension === d))),
      })),
    };

    // B: state × dimension (stacked), states in the order of the lifecycle tables
    const statesB = CASE_STATES.filter((s) => cases.some((r) => r.state === s));
    const optB: ChartOption = {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 36, bottom: 80 },
      xAxis: { type: 'category', data: statesB.map((s) => t(specOf(caseState, s).label)), axisLabel: { rotate: 35, interval: 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: DIMENSIONS.map((d) => ({
        type: 'bar' as const,
        stack: 'states',
        name: t(dimension[d].label),
        data: statesB.map((s) => sum(cases.filter((r) => r.state === s && r.dimension === d))),
      })),
    };

    // C: overdue by territory
    const overdue = ov.data?.overdueByTerritory ?? [];
    const optC: ChartOption = {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 40, right: 16, top: 16, bottom: 100 },
      xAxis: { type: 'category', data: overdue.map((r) => tName(r.territoryCode)), axisLabel: { rotate: 35, interval: 0, width: 110, overflow: 'truncate' } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', name: t('deadline.overdue'), data: overdue.map((r) => r.n), itemStyle: { color: '#ff4d4f' } }],
    };

    // D: lines by state × industry. Capacity is summed per industry only in that industry's main unit (units are
    // never mixed); the count of lines needs no unit.
    const lines = ov.data?.linesByStateIndustry ?? [];
    const inds = uniq(lines.map((r) => r.industryCode));
    const unitOf = (i: string) => {
      const byUnit = new Map<string, number>();
      for (const r of lines.filter((x) => x.industryCode === i)) byUnit.set(r.capacityUnit, (byUnit.get(r.capacityUnit) ?? 0) + r.n);
      return [...byUnit.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
    };
    const units = new Map(inds.map((i) => [i, unitOf(i)]));
    const optD: ChartOption = {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 60, right: 16, top: 36, bottom: 110 },
      xAxis: {
        type: 'category',
        data: inds.map((i) => (metric === 'capacity' && units.get(i) ? `${iName(i)}（${units.get(i)}）` : iName(i))),
        axisLabel: { interval: 0, rotate: inds.length > 6 ? 40 : 0, width: 120, overflow: 'truncate' },
      },
      yAxis: { type: 'value', ...(metric === 'lines' ? { minInterval: 1 } : {}) },
      series: LINE_STATES.map((s) => ({
        type: 'bar' as const,
        stack: 'lines',
        name: t(lineState[s].label),
        data: inds.map((i) => {
          const rows = lines.filter((r) => r.industryCode === i && r.state === s);
          if (metric === 'lines') return sum(rows);
          return Math.round(rows.filter((r) => r.capacityUnit === units.get(i)).reduce((acc, r) => acc + Number(r.capacity), 0) * 100) / 100;
        }),
      })),
    };
    return { optA, optB, optC, optD, terrA, statesB, overdue, inds, hasA: cases.length > 0, hasC: overdue.length > 0, hasD: lines.length > 0 };
  }, [ov.data, ref, t, pick, metric]);
  const { terrA, statesB, overdue, inds } = charts;

  const chart = (option: ChartOption, has: boolean, onClick: (p: BarClick) => void, testId: string) =>
    ov.loading && !ov.data ? (
      <Skeleton active />
    ) : ov.error ? (
      <ErrorView error={ov.error} onRetry={ov.reload} />
    ) : has ? (
      <EChart option={option} onBarClick={onClick} testId={testId} />
    ) : (
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
    );
  const dimOf = (p: BarClick) => DIMENSIONS[p.seriesIndex ?? -1];

  return (
    <PageContainer
      title={t('menu.overview')}
      crumbs={[{ title: t('menu.overview') }]}
      extra={
        <Typography.Text type="secondary">
          {ov.data ? `${t('ov.asOf', { date: ov.data.asOf })} · ` : ''}
          {t('ov.clickHint')}
        </Typography.Text>
      }
    >
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('ov.casesByTerritory')}>
            {chart(
              charts.optA,
              charts.hasA,
              (p) => {
                const code = terrA[p.dataIndex];
                const d = dimOf(p);
                if (code) navigate(`/cases?territoryCode=${encodeURIComponent(code)}${d ? `&dimension=${d}` : ''}`);
              },
              'chart-cases',
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('ov.casesByState')}>
            {chart(
              charts.optB,
              charts.hasA,
              (p) => {
                const s = statesB[p.dataIndex];
                const d = dimOf(p);
                if (s) navigate(`/cases?state=${encodeURIComponent(s)}${d ? `&dimension=${d}` : ''}`);
              },
              'chart-states',
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('ov.overdueByTerritory')}>
            {chart(
              charts.optC,
              charts.hasC,
              (p) => {
                const code = overdue[p.dataIndex]?.territoryCode;
                if (code) navigate(`/cases?territoryCode=${encodeURIComponent(code)}&deadlineStatus=overdue`);
              },
              'chart-overdue',
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card
            size="small"
            title={t('ov.linesByState')}
            extra={
              <Segmented<Metric>
                size="small"
                value={metric}
                onChange={setMetric}
                options={[
                  { value: 'capacity', label: t('ov.metric.capacity') },
                  { value: 'lines', label: t('ov.metric.lines') },
                ]}
              />
            }
          >
            {chart(
              charts.optD,
              charts.hasD,
              (p) => {
                const ind = inds[p.dataIndex];
                const s = LINE_STATES[p.seriesIndex ?? -1];
                if (ind && mayOpen(user.role, 'lines')) navigate(`/lines?industryCode=${encodeURIComponent(ind)}${s ? `&state=${s}` : ''}`);
              },
              'chart-lines',
            )}
          </Card>
        </Col>
      </Row>
    </PageContainer>
  );
}
