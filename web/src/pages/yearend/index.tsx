/**
 * 年终验收与总结 (plan §3.4): the year's deadlines and what this account owes (overdue flags), the exits awaiting
 * acceptance and the certificates (search, export), the units' summaries (own summary for a county or a lead
 * department; review for the office), and the city report (consolidate, approve, report, amend; Word and Excel).
 */
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Alert, App, Button, Card, Empty, Input, InputNumber, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { api } from '../../api/index.ts';
import { ErrorView } from '../../components/ErrorView.tsx';
import { PageContainer } from '../../components/PageContainer.tsx';
import { useRequest } from '../../components/useRequest.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useSession } from '../../session.tsx';
import { useRefName } from '../../shared/useRefName.ts';
import type { Dimension } from '../../shared/status.ts';
import { yearendApi, type Figure, type Report, type Summary } from './api.ts';
import { CERT_STATUS, FIELD, FLAG, REPORT_STATUS, SUMMARY_STATUS, problemText } from './labels.ts';

type Pick = (zh: string, en: string) => string;

function useRun(reload: () => void) {
  const { message } = App.useApp();
  const { pick } = useI18n();
  const [busy, setBusy] = useState(false);
  const run = async (f: () => Promise<unknown>, ok: string) => {
    setBusy(true);
    try {
      await f();
      void message.success(ok);
      reload();
    } catch (e) {
      void message.error(problemText(e, pick));
    } finally {
      setBusy(false);
    }
  };
  return { busy, run };
}

function FigureTable({ items, pick, testId }: { items: Figure[]; pick: Pick; testId: string }) {
  return (
    <Table
      size="small"
      rowKey={(f) => `${f.industryCode}|${f.capacityUnit}`}
      pagination={false}
      dataSource={items}
      data-testid={testId}
      locale={{ emptyText: pick('无', 'None') }}
      columns={[
        { title: pick('行业', 'Industry'), dataIndex: 'industryName' },
        { title: pick('企业（家）', 'Enterprises'), dataIndex: 'enterprises' },
        { title: pick('生产线（条）', 'Lines'), dataIndex: 'lines' },
        { title: pick('产能', 'Capacity'), render: (_v, f) => `${f.capacity} ${f.capacityUnit}` },
      ]}
    />
  );
}

function CertificatesTab({ year }: { year: number }) {
  const { t, pick } = useI18n();
  const refName = useRefName();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const awaiting = useRequest(() => api.cases.list({ state: 'dismantled', limit: 100 } as never), []);
  const list = useRequest(() => yearendApi.certificates({ q: q || undefined, limit: 100 } as { q?: string; limit: number }), [q]);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card size="small" title={pick('关停待验收（不计入退出产能）', 'Shut, awaiting acceptance (not counted as exited)')}>
        {awaiting.error ? (
          <ErrorView error={awaiting.error} onRetry={awaiting.reload} />
        ) : (
          <Table
            size="small"
            rowKey="id"
            data-testid="awaiting-table"
            pagination={false}
            dataSource={awaiting.data?.items ?? []}
            loading={awaiting.loading}
            columns={[
              { title: pick('企业', 'Enterprise'), render: (_v, c) => <span data-user-data>{c.enterprise.name}</span> },
              { title: pick('案件', 'Case'), render: (_v, c) => <Link to={`/cases/${c.id}`}>#{c.id}</Link> },
              {
                title: '',
                render: (_v, c) => (
                  <Button size="small" onClick={() => navigate(`/yearend/certificates/${c.id}`)} data-testid={`open-certificate-${c.id}`}>
                    {pick('验收单', 'Certificate')}
                  </Button>
                ),
              },
            ]}
          />
        )}
      </Card>
      <Card
        size="small"
        title={pick('验收单', 'Certificates')}
        extra={
          <Space>
            <Input.Search
              allowClear
              placeholder={pick('企业、信用代码或编号', 'Enterprise, credit code or number')}
              onSearch={setQ}
              data-testid="cert-search"
            />
            <Button onClick={() => void yearendApi.certificatesXlsx({ q: q || undefined } as { q?: string })}>{pick('导出 Excel', 'Export Excel')}</Button>
          </Space>
        }
      >
        <Table
          size="small"
          rowKey="id"
          data-testid="cert-table"
          scroll={{ x: 800 }}
          dataSource={list.data?.items ?? []}
          loading={list.loading}
          columns={[
            {
              title: pick('编号', 'Number'),
              render: (_v, c) => (
                <Link to={`/yearend/certificates/${c.caseId}`}>{c.number ? <span data-user-data>{c.number}</span> : pick('（未完成）', '(open)')}</Link>
              ),
            },
            { title: pick('企业', 'Enterprise'), dataIndex: 'enterpriseName', render: (n: string) => <span data-user-data>{n}</span> },
            { title: pick('县区', 'County'), dataIndex: 'territoryName', render: (n: string) => refName(n) },
            { title: pick('方面', 'Dimension'), dataIndex: 'dimension', render: (d: string) => t(`dim.${d as Dimension}`) },
            {
              title: pick('状态', 'Status'),
              render: (_v, c) => (
                <Tag color={CERT_STATUS[c.status]?.color}>{pick(CERT_STATUS[c.status]?.zh ?? c.status, CERT_STATUS[c.status]?.en ?? c.status)}</Tag>
              ),
            },
            { title: pick('验收日期', 'Accepted on'), dataIndex: 'acceptedOn' },
            { title: pick('下一步', 'Next'), render: (_v, c) => (c.nextActor ? pick(c.nextActor.zh, c.nextActor.en) : '—') },
          ]}
        />
        <Typography.Text type="secondary">{pick(`${year} 年的退出以验收日期计入`, `Exits count in ${year} by their acceptance date`)}</Typography.Text>
      </Card>
    </Space>
  );
}

function SummaryEditor({ s, reload }: { s: Summary; reload: () => void }) {
  const { pick } = useI18n();
  const { busy, run } = useRun(reload);
  const [narrative, setNarrative] = useState<string | undefined>();
  const [typed, setTyped] = useState<Figure[] | undefined>();
  const [explain, setExplain] = useState<Record<string, string>>({});
  const [comment, setComment] = useState('');
  const rows = typed ?? (s.typed.length ? s.typed : s.generated.exits);
  const editable = s.allowedActs.includes('edit');
  const setRow = (i: number, patch: Partial<Figure>) => setTyped(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="summary-editor">
      <Space>
        <Typography.Text strong>{s.unitName}</Typography.Text>
        <Tag color={SUMMARY_STATUS[s.status]?.color} data-testid="summary-status">
          {pick(SUMMARY_STATUS[s.status]?.zh ?? s.status, SUMMARY_STATUS[s.status]?.en ?? s.status)}
        </Tag>
        {s.nextActor ? <Typography.Text type="secondary">{pick(`下一步：${s.nextActor.zh}`, `Next: ${s.nextActor.en}`)}</Typography.Text> : null}
      </Space>
      {s.comment && s.status === 'returned' ? <Alert type="warning" showIcon message={pick(`退回意见：${s.comment}`, `Returned: ${s.comment}`)} /> : null}
      <Typography.Text>
        {pick(
          `产能台账生成（已验收退出，${s.generated.frozen ? '提交时锁定' : '实时'}）`,
          `From the ledger (accepted exits, ${s.generated.frozen ? 'frozen at submission' : 'live'})`,
        )}
      </Typography.Text>
      <FigureTable items={s.generated.exits} pick={pick} testId="summary-generated" />
      <Typography.Text>{pick('关停待验收（不计入）', 'Shut, awaiting acceptance (not counted)')}</Typography.Text>
      <FigureTable items={s.generated.awaiting} pick={pick} testId="summary-awaiting" />
      <Typography.Text>{pick('本单位填报数', 'Figures typed by the unit')}</Typography.Text>
      <Table
        size="small"
        rowKey={(f) => `${f.industryCode}|${f.capacityUnit}`}
        pagination={false}
        dataSource={rows}
        data-testid="summary-typed"
        columns={[
          { title: pick('行业', 'Industry'), dataIndex: 'industryName' },
          {
            title: pick('企业（家）', 'Enterprises'),
            render: (_v, f, i) => (
              <InputNumber size="small" min={0} disabled={!editable} value={f.enterprises} onChange={(v) => setRow(i, { enterprises: v ?? 0 })} />
            ),
          },
          {
            title: pick('生产线（条）', 'Lines'),
            render: (_v, f, i) => <InputNumber size="small" min={0} disabled={!editable} value={f.lines} onChange={(v) => setRow(i, { lines: v ?? 0 })} />,
          },
          {
            title: pick('产能', 'Capacity'),
            render: (_v, f, i) => (
              <Input
                size="small"
                disabled={!editable}
                value={f.capacity}
                addonAfter={f.capacityUnit}
                onChange={(e) => setRow(i, { capacity: e.target.value })}
                data-testid={`typed-capacity-${i}`}
              />
            ),
          },
        ]}
      />
      <Input.TextArea
        rows={4}
        disabled={!editable}
        value={narrative ?? s.narrative}
        onChange={(e) => setNarrative(e.target.value)}
        placeholder={pick('工作总结', 'Narrative')}
        data-testid="summary-narrative"
      />
      {s.differences.length ? (
        <Card size="small" title={pick('与产能台账的差异', 'Differences against the ledger')} data-testid="summary-differences">
          {s.differences.map((d) => (
            <Space key={d.key} style={{ display: 'flex', marginBottom: 8 }} wrap>
              <Tag color={d.resolved ? 'green' : 'red'}>{d.resolved ? pick('已说明', 'Explained') : pick('待说明', 'Open')}</Tag>
              <span>{`${d.industryName} ${d.capacityUnit} ${pick(FIELD[d.field]?.zh ?? d.field, FIELD[d.field]?.en ?? d.field)}：${pick('填报', 'typed')} ${d.typed} / ${pick('台账', 'ledger')} ${d.ledger}`}</span>
              {d.explanation ? <Typography.Text type="secondary">{d.explanation}</Typography.Text> : null}
              {!d.resolved && s.allowedActs.includes('explain') ? (
                <>
                  <Input
                    size="small"
                    style={{ width: 260 }}
                    value={explain[d.key] ?? ''}
                    onChange={(e) => setExplain((x) => ({ ...x, [d.key]: e.target.value }))}
                    placeholder={pick('差异说明', 'Explanation')}
                  />
                  <Button
                    size="small"
                    loading={busy}
                    disabled={(explain[d.key] ?? '').trim().length < 2}
                    onClick={() => void run(() => yearendApi.explain(s.id, d.key, explain[d.key]!), pick('已说明', 'Explained'))}
                  >
                    {pick('说明', 'Explain')}
                  </Button>
                </>
              ) : null}
            </Space>
          ))}
        </Card>
      ) : null}
      <Space>
        {editable ? (
          <Button
            loading={busy}
            onClick={() =>
              void run(
                () =>
                  yearendApi
                    .editSummary(s.id, {
                      ...(narrative !== undefined ? { narrative } : {}),
                      typed: rows.map((r) => ({
                        industryCode: r.industryCode,
                        capacityUnit: r.capacityUnit,
                        enterprises: r.enterprises,
                        lines: r.lines,
                        capacity: r.capacity,
                      })),
                      version: s.version,
                    })
                    .then(() => setTyped(undefined)),
                pick('已保存', 'Saved'),
              )
            }
            data-testid="summary-save"
          >
            {pick('保存', 'Save')}
          </Button>
        ) : null}
        {s.allowedActs.includes('submit') ? (
          <Button
            type="primary"
            loading={busy}
            onClick={() => void run(() => yearendApi.submitSummary(s.id), pick('已提交', 'Submitted'))}
            data-testid="summary-submit"
          >
            {pick('提交', 'Submit')}
          </Button>
        ) : null}
        {s.allowedActs.includes('accept') ? (
          <Button
            type="primary"
            loading={busy}
            onClick={() => void run(() => yearendApi.acceptSummary(s.id), pick('已采纳', 'Accepted'))}
            data-testid="summary-accept"
          >
            {pick('采纳', 'Accept')}
          </Button>
        ) : null}
        {s.allowedActs.includes('return') ? (
          <>
            <Input value={comment} onChange={(e) => setComment(e.target.value)} placeholder={pick('退回意见', 'Comments')} />
            <Button
              danger
              disabled={comment.trim().length < 2}
              loading={busy}
              onClick={() => void run(() => yearendApi.returnSummary(s.id, comment), pick('已退回', 'Returned'))}
            >
              {pick('退回', 'Return')}
            </Button>
          </>
        ) : null}
      </Space>
    </Space>
  );
}

function SummariesTab({ year, own }: { year: number; own: boolean }) {
  const { pick } = useI18n();
  const [open, setOpen] = useState<number | undefined>();
  const list = useRequest(() => yearendApi.summaries(year), [year]);
  const one = useRequest(() => (open ? yearendApi.summary(open) : Promise.resolve(undefined)), [open]);
  const { busy, run } = useRun(list.reload);
  const reloadAll = () => {
    list.reload();
    one.reload();
  };
  const mine = list.data?.items[0];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {own && !mine ? (
        <Button
          type="primary"
          loading={busy}
          onClick={() => void run(() => yearendApi.openSummary(year).then((s) => setOpen(s.id)), pick('已创建', 'Created'))}
          data-testid="summary-open"
        >
          {pick(`开始填写 ${year} 年度总结`, `Start the ${year} summary`)}
        </Button>
      ) : null}
      <Table
        size="small"
        rowKey="id"
        data-testid="summary-table"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        columns={[
          {
            title: pick('单位', 'Unit'),
            render: (_v, s) => (
              <a onClick={() => setOpen(s.id)} data-testid={`summary-row-${s.id}`}>
                {s.unitName}
              </a>
            ),
          },
          {
            title: pick('状态', 'Status'),
            render: (_v, s) => (
              <Tag color={SUMMARY_STATUS[s.status]?.color}>{pick(SUMMARY_STATUS[s.status]?.zh ?? s.status, SUMMARY_STATUS[s.status]?.en ?? s.status)}</Tag>
            ),
          },
          { title: pick('待说明差异', 'Open differences'), dataIndex: 'openDifferences' },
          { title: pick('下一步', 'Next'), render: (_v, s) => (s.nextActor ? pick(s.nextActor.zh, s.nextActor.en) : '—') },
        ]}
      />
      {one.data ? (
        <Card size="small">
          <SummaryEditor s={one.data} reload={reloadAll} />
        </Card>
      ) : null}
    </Space>
  );
}

function ReportView({ r, reload }: { r: Report; reload: () => void }) {
  const { pick } = useI18n();
  const { busy, run } = useRun(reload);
  const [authority, setAuthority] = useState('安徽省经济和信息化厅');
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="report-view">
      <Space wrap>
        <Typography.Text strong>{pick(`${r.cityName}${r.year}年报告 第${r.version}版`, `${r.year} report, version ${r.version}`)}</Typography.Text>
        <Tag color={REPORT_STATUS[r.status]?.color} data-testid="report-status">
          {pick(REPORT_STATUS[r.status]?.zh ?? r.status, REPORT_STATUS[r.status]?.en ?? r.status)}
        </Tag>
        {r.nextActor ? <Typography.Text type="secondary">{pick(`下一步：${r.nextActor.zh}`, `Next: ${r.nextActor.en}`)}</Typography.Text> : null}
      </Space>
      {r.reason ? <Alert type="info" message={pick(`修订理由：${r.reason}`, `Amended: ${r.reason}`)} /> : null}
      {r.diff?.figures.length ? (
        <Alert
          type="info"
          message={pick('与上一版的差异', 'Changes against the version in force')}
          description={r.diff.figures.map((d) => `${d.key} ${d.field}: ${d.before ?? '—'} → ${d.after ?? '—'}`).join('；')}
        />
      ) : null}
      <Typography.Text>{pick('已验收退出（按验收日期）', 'Accepted exits (by acceptance date)')}</Typography.Text>
      <FigureTable items={r.figures} pick={pick} testId="report-figures" />
      <Typography.Text>{pick('关停待验收（不计入）', 'Shut, awaiting acceptance (not counted)')}</Typography.Text>
      <FigureTable items={r.awaiting} pick={pick} testId="report-awaiting" />
      {r.differences.length ? (
        <Table
          size="small"
          rowKey={(d) => `${d.unitName}|${d.key}`}
          pagination={false}
          dataSource={r.differences}
          data-testid="report-differences"
          columns={[
            { title: pick('单位', 'Unit'), dataIndex: 'unitName' },
            {
              title: pick('项目', 'Figure'),
              render: (_v, d) => `${d.industryName} ${d.capacityUnit} ${pick(FIELD[d.field]?.zh ?? d.field, FIELD[d.field]?.en ?? d.field)}`,
            },
            { title: pick('填报值', 'Typed'), dataIndex: 'typed' },
            { title: pick('台账值', 'Ledger'), dataIndex: 'ledger' },
            { title: pick('说明', 'Explanation'), render: (_v, d) => d.explanation ?? <Tag color="red">{pick('待说明', 'Open')}</Tag> },
          ]}
        />
      ) : null}
      <Space wrap>
        {r.allowedActs.includes('approve') ? (
          <Button
            type="primary"
            loading={busy}
            onClick={() => void run(() => yearendApi.approve(r.id), pick('已审定', 'Approved'))}
            data-testid="report-approve"
          >
            {pick('审定', 'Approve')}
          </Button>
        ) : null}
        {r.allowedActs.includes('markReported') ? (
          <>
            <Input value={authority} onChange={(e) => setAuthority(e.target.value)} style={{ width: 240 }} data-testid="report-authority" />
            <Button
              type="primary"
              loading={busy}
              onClick={() => void run(() => yearendApi.reported(r.id, today, authority), pick('已登记上报', 'Recorded'))}
              data-testid="report-reported"
            >
              {pick('登记已上报', 'Record as reported')}
            </Button>
          </>
        ) : null}
        <Button onClick={() => void yearendApi.reportDocx(r.id)} data-testid="report-docx">
          {pick('下载报告（Word）', 'Download report (Word)')}
        </Button>
      </Space>
    </Space>
  );
}

function ReportTab({ year, office }: { year: number; office: boolean }) {
  const { pick } = useI18n();
  const list = useRequest(() => yearendApi.reports(year), [year]);
  const latest = list.data?.items[0];
  const one = useRequest(() => (latest ? yearendApi.report(latest.id) : Promise.resolve(undefined)), [latest?.id, latest?.status]);
  const reloadAll = () => {
    list.reload();
    one.reload();
  };
  const { busy, run } = useRun(reloadAll);
  const [reason, setReason] = useState('');
  const locked = latest && latest.status !== 'draft';
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        {office ? (
          <>
            {locked ? (
              <Input
                style={{ width: 320 }}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                placeholder={pick('修订理由（已审定的报告只能另立新版本）', 'Reason (an approved report is amended by a new version)')}
              />
            ) : null}
            <Button
              type="primary"
              loading={busy}
              disabled={Boolean(locked) && reason.trim().length < 2}
              onClick={() => void run(() => yearendApi.consolidate(year, locked ? reason : undefined), pick('已汇总', 'Consolidated'))}
              data-testid="report-consolidate"
            >
              {locked ? pick('修订（新版本）', 'Amend (new version)') : pick('汇总生成报告', 'Consolidate')}
            </Button>
          </>
        ) : null}
        <Button onClick={() => void yearendApi.exitsXlsx(year)} data-testid="exits-xlsx">
          {pick('下载退出清单（Excel）', 'Download exits (Excel)')}
        </Button>
      </Space>
      {one.data ? <ReportView r={one.data} reload={reloadAll} /> : <Empty description={pick('尚未汇总', 'Not consolidated yet')} />}
      {list.data && list.data.items.length > 1 ? (
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={list.data.items}
          columns={[
            { title: pick('版本', 'Version'), dataIndex: 'version' },
            { title: pick('状态', 'Status'), render: (_v, x) => pick(REPORT_STATUS[x.status]?.zh ?? x.status, REPORT_STATUS[x.status]?.en ?? x.status) },
            { title: pick('修订理由', 'Reason'), dataIndex: 'reason' },
          ]}
        />
      ) : null}
    </Space>
  );
}

export default function YearendPage() {
  const { pick } = useI18n();
  const { user } = useSession();
  const thisYear = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
  const [year, setYear] = useState(thisYear);
  const status = useRequest(() => yearendApi.status(year), [year]);
  const role = user?.role;
  const own = role === 'territory' || role === 'department';
  const readsReport = role === 'office' || role === 'government';
  const title = pick('年终验收与总结', 'Year-end');
  const items = [
    { key: 'certificates', label: pick('验收单', 'Certificates'), children: <CertificatesTab year={year} /> },
    { key: 'summaries', label: pick('年度总结', 'Summaries'), children: <SummariesTab year={year} own={own} /> },
    ...(readsReport ? [{ key: 'report', label: pick('市级报告', 'City report'), children: <ReportTab year={year} office={role === 'office'} /> }] : []),
  ];
  return (
    <PageContainer
      title={title}
      crumbs={[{ title }]}
      extra={
        <Select
          value={year}
          onChange={setYear}
          options={[thisYear - 2, thisYear - 1, thisYear].map((y) => ({ value: y, label: `${y}` }))}
          data-testid="year-select"
        />
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {status.error ? <ErrorView error={status.error} onRetry={status.reload} /> : null}
        {status.data ? (
          <Alert
            type={status.data.mine.some((p) => p.flag === 'overdue') ? 'error' : 'info'}
            showIcon
            data-testid="yearend-status"
            message={pick(
              `${year} 年度报告须于 ${status.data.reportDue} 前报送省里（§3.4），${status.data.remindFrom} 起提醒`,
              `The ${year} report goes up before ${status.data.reportDue} (§3.4); reminders from ${status.data.remindFrom}`,
            )}
            description={
              status.data.mine.length ? (
                <Space wrap>
                  {status.data.mine.map((p, i) => (
                    <Tag key={i} color={FLAG[p.flag]?.color} data-testid={`my-part-${p.part}`} data-user-text={p.unitName}>
                      {pick(
                        `${p.unitName}：${FLAG[p.flag]?.zh ?? p.flag}${p.due ? `（期限 ${p.due}）` : ''}`,
                        `${p.unitName}: ${FLAG[p.flag]?.en ?? p.flag}${p.due ? ` (due ${p.due})` : ''}`,
                      )}
                    </Tag>
                  ))}
                </Space>
              ) : null
            }
          />
        ) : null}
        <Card size="small">
          <Tabs items={items} destroyInactiveTabPane />
        </Card>
      </Space>
    </PageContainer>
  );
}
