/**
 * 节假日安排 (office): the holiday calendar kept as data (issue 10 item 9). The years in force with the State Council
 * notice each follows (searchable), and the form to load a year — the rest days, the adjusted working days, the
 * notice's number, date and URL — or to correct one (a new version with its reason). The server checks, audits and
 * puts it in force at once; a correction lists the deadlines computed on the old version for review.
 */
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, InputNumber, Row, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { ErrorView } from '../../components/ErrorView.tsx';
import { PageContainer } from '../../components/PageContainer.tsx';
import { useRequest } from '../../components/useRequest.ts';
import { useI18n } from '../../i18n/index.tsx';
import { describeRefusal } from '../cases/refusal.ts';
import { calendarApi, parseDays, type CalendarYearItem, type ImportResult } from './api.ts';

/** The dictionary key naming each notice field the server may mark unverified. */
const FIELD_KEY: Record<string, 'cal.noticeNumber' | 'cal.noticeUrl' | 'cal.noticeDate'> = {
  noticeNo: 'cal.noticeNumber',
  noticeUrl: 'cal.noticeUrl',
  noticeDate: 'cal.noticeDate',
};

interface Values {
  year: number;
  noticeNumber: string;
  noticeDate: Dayjs;
  noticeUrl: string;
  restDays: string;
  workDays?: string;
  reason?: string;
}

export default function CalendarPage() {
  const { t, fmtDate, fmtDateTime } = useI18n();
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const list = useRequest(() => calendarApi.years(q || undefined), [q]);
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string>();
  const [result, setResult] = useState<ImportResult>();
  const { lang } = useI18n();

  const submit = async (v: Values) => {
    setBusy(true);
    setRefusal(undefined);
    setResult(undefined);
    try {
      const r = await calendarApi.load({
        year: v.year,
        restDays: parseDays(v.restDays),
        workDays: parseDays(v.workDays ?? ''),
        notice: { number: v.noticeNumber, date: v.noticeDate.format('YYYY-MM-DD'), url: v.noticeUrl },
        ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
      });
      setResult(r);
      void message.success(t('cal.loaded', { year: r.year, version: r.version }));
      list.reload();
    } catch (e) {
      const view = describeRefusal(e, lang);
      const errs = (e as { details?: { errors?: Array<{ field: string; zh: string; en: string }> } }).details?.errors;
      setRefusal(errs?.length ? errs.map((x) => `${x.field}: ${lang === 'zh' ? x.zh : x.en}`).join('；') : view.text);
    } finally {
      setBusy(false);
    }
  };

  return (
    <PageContainer title={t('menu.calendar')} crumbs={[{ title: t('menu.calendar') }]}>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card
            size="small"
            title={t('cal.years')}
            extra={<Input.Search allowClear placeholder={t('cal.search')} onSearch={setQ} style={{ width: 200 }} data-testid="cal-search" />}
          >
            {list.error ? (
              <ErrorView error={list.error} onRetry={list.reload} />
            ) : (
              <Table<CalendarYearItem>
                rowKey="year"
                size="small"
                loading={list.loading}
                dataSource={list.data?.items ?? []}
                pagination={false}
                scroll={{ x: 600 }}
                data-testid="cal-years"
                columns={[
                  { title: t('cal.year'), dataIndex: 'year', width: 70 },
                  {
                    title: t('cal.version'),
                    dataIndex: 'version',
                    width: 70,
                    render: (v: number, r) =>
                      r.reason ? (
                        <Tag color="orange" title={r.reason}>
                          v{v}
                        </Tag>
                      ) : (
                        `v${v}`
                      ),
                  },
                  { title: t('cal.restDays'), dataIndex: 'restDays', width: 80 },
                  { title: t('cal.workDays'), dataIndex: 'workDays', width: 90 },
                  {
                    title: t('cal.notice'),
                    key: 'notice',
                    render: (_v, r) => (
                      <>
                        {r.noticeUrl ? (
                          <a href={r.noticeUrl} target="_blank" rel="noreferrer" data-user-data>
                            {r.noticeNo}
                          </a>
                        ) : (
                          <span data-user-data>{r.noticeNo}</span>
                        )}
                        {r.unverified.length > 0 && (
                          <Tag
                            color="warning"
                            style={{ marginLeft: 6 }}
                            title={t('cal.unverifiedHelp', {
                              fields: r.unverified.map((f) => t(FIELD_KEY[f] ?? 'cal.notice')).join(lang === 'zh' ? '、' : ', '),
                            })}
                            data-testid="cal-unverified"
                          >
                            {t('cal.unverified')}
                          </Tag>
                        )}
                      </>
                    ),
                  },
                  { title: t('cal.noticeDate'), dataIndex: 'noticeDate', width: 110, render: (d: string | null) => (d ? fmtDate(d) : '—') },
                  { title: t('cal.loadedAt'), dataIndex: 'loadedAt', width: 150, render: (d: string) => fmtDateTime(d) },
                  {
                    title: t('cal.export'),
                    key: 'export',
                    width: 110,
                    render: (_v, r) => (
                      <a href={`/api/v1/calendar/years/${r.year}/export.xlsx?lang=${lang}`} data-testid={`cal-export-${r.year}`}>
                        {t('cal.export')}
                      </a>
                    ),
                  },
                ]}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('cal.load')}>
            {refusal && (
              <Alert
                type="error"
                showIcon
                message={t('case.refused')}
                description={refusal}
                style={{ marginBottom: 12 }}
                role="alert"
                data-testid="cal-error"
              />
            )}
            {result && (
              <Alert
                type={result.deadlinesToReview.length ? 'warning' : 'success'}
                showIcon
                style={{ marginBottom: 12 }}
                data-testid="cal-result"
                message={t('cal.loaded', { year: result.year, version: result.version })}
                description={
                  result.deadlinesToReview.length ? (
                    <div>
                      {t('cal.toReview', { n: result.deadlinesToReview.length })}
                      <ul style={{ margin: 0 }}>
                        {result.deadlinesToReview.map((d) => (
                          <li key={d.actId}>
                            <Link to={`/cases/${d.caseId}`}>#{d.caseId}</Link> {fmtDate(d.dueOn)}
                            {d.changed && d.recomputedDue ? ` → ${fmtDate(d.recomputedDue)}` : ''}
                          </li>
                        ))}
                      </ul>
                    </div>
                  ) : undefined
                }
              />
            )}
            <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)} name="calendar-year" requiredMark>
              <Row gutter={12}>
                <Col span={8}>
                  <Form.Item name="year" label={t('cal.year')} rules={[{ required: true, message: t('common.required', { field: t('cal.year') }) }]}>
                    <InputNumber min={1949} max={2200} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col span={16}>
                  <Form.Item
                    name="noticeNumber"
                    label={t('cal.noticeNumber')}
                    rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('cal.noticeNumber') }) }]}
                  >
                    <Input placeholder={t('cal.noticeNumberExample')} />
                  </Form.Item>
                </Col>
              </Row>
              <Row gutter={12}>
                <Col span={8}>
                  <Form.Item
                    name="noticeDate"
                    label={t('cal.noticeDate')}
                    rules={[{ required: true, message: t('common.required', { field: t('cal.noticeDate') }) }]}
                  >
                    <DatePicker style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col span={16}>
                  <Form.Item name="noticeUrl" label={t('cal.noticeUrl')} rules={[{ required: true, type: 'url', message: t('cal.urlRequired') }]}>
                    <Input placeholder="https://www.gov.cn/zhengce/content/…" />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item
                name="restDays"
                label={t('cal.restDays')}
                extra={t('cal.daysHelp')}
                rules={[{ required: true, message: t('common.required', { field: t('cal.restDays') }) }]}
              >
                <Input.TextArea rows={3} placeholder="2027-01-01 2027-02-06..2027-02-12" />
              </Form.Item>
              <Form.Item name="workDays" label={t('cal.workDays')} extra={t('cal.workDaysHelp')}>
                <Input.TextArea rows={2} placeholder="2027-02-14" />
              </Form.Item>
              <Form.Item name="reason" label={t('cal.reason')} extra={t('cal.reasonHelp')}>
                <Input.TextArea rows={2} />
              </Form.Item>
              <Form.Item style={{ marginBottom: 0, textAlign: 'right' }}>
                <Button type="primary" htmlType="submit" loading={busy} data-testid="cal-submit">
                  {t('common.submit')}
                </Button>
              </Form.Item>
            </Form>
          </Card>
        </Col>
      </Row>
    </PageContainer>
  );
}
