/**
 * The holiday calendar as data (issue 10 item 9): the years loaded with their notices (public: it is the law), one
 * year's versions, and loading a year or a correction (the leading-group office). A loaded year is in force for the
 * next deadline computed, in every server, without a restart (calendar-store.ts).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { auditMeta } from '../../platform/http/request-meta.ts';
import { errorResponses, ListOf } from '../../platform/http/schemas.ts';
import { AppError } from '../../platform/errors.ts';
import { currentYears } from './calendar-store.ts';
import { importCalendarYear } from './commands/import-calendar-year.ts';
import { CalendarYearBody, CalendarYearDetail, CalendarYearItem, ExportQuery, ImportResult, YearParams } from './calendar.schemas.ts';
import { calendarExportName, calendarYearWorkbook } from './calendar-export.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const Binary = Type.Unsafe<unknown>({ type: 'string', format: 'binary', description: 'an .xlsx workbook' });
const attachment = (name: string) => `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

const tags = ['law'];
const iso = (d: Date | string) => new Date(d).toISOString();

export const calendarRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.ctx;

  app.get(
    '/calendar/years',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary: 'The years of the holiday calendar in force, each with its version and the State Council notice it follows',
        querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 100, description: 'year or notice number contains' })) }),
        response: { 200: ListOf(CalendarYearItem), ...errorResponses(400) },
      },
    },
    async (req) => {
      const q = req.query.q?.trim();
      const items = (await currentYears(db))
        .filter((y) => !q || String(y.year).includes(q) || y.notice_no.includes(q))
        .map((y) => ({
          year: y.year,
          version: y.version,
          restDays: y.rest_days.length,
          workDays: y.work_days.length,
          noticeNo: y.notice_no,
          noticeDate: y.notice_date,
          noticeUrl: y.notice_url,
          reason: y.reason,
          unverified: y.unverified,
          loadedAt: iso(y.loaded_at),
        }));
      return { items, total: items.length };
    },
  );

  app.get(
    '/calendar/years/:year',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary: 'One year of the holiday calendar: every version, newest first (the first is in force)',
        params: YearParams,
        response: { 200: CalendarYearDetail, ...errorResponses(400, 404) },
      },
    },
    async (req) => {
      const rows = await db.selectFrom('holiday_calendar').selectAll().where('year', '=', req.params.year).orderBy('version', 'desc').execute();
      if (rows.length === 0) throw new AppError('NOT_FOUND', { year: req.params.year });
      return {
        year: req.params.year,
        versions: rows.map((r) => ({
          version: r.version,
          restDays: r.rest_days,
          workDays: r.work_days,
          noticeNo: r.notice_no,
          noticeDate: r.notice_date === null ? null : String(r.notice_date).slice(0, 10),
          noticeUrl: r.notice_url,
          reason: r.reason,
          unverified: r.unverified,
          loadedAt: iso(r.loaded_at),
        })),
      };
    },
  );

  app.get(
    '/calendar/years/:year/export.xlsx',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary: 'A year of the holiday calendar as .xlsx: every day with its weekday and kind in words, and the notice (lang=en for English headings)',
        params: YearParams,
        querystring: ExportQuery,
        response: { 200: Binary, ...errorResponses(400, 404) },
      },
    },
    async (req, reply) => {
      let q = db.selectFrom('holiday_calendar').selectAll().where('year', '=', req.params.year);
      q = req.query.version !== undefined ? q.where('version', '=', req.query.version) : q.orderBy('version', 'desc').limit(1);
      const row = await q.executeTakeFirst();
      if (!row) throw new AppError('NOT_FOUND', { year: req.params.year, ...(req.query.version !== undefined ? { version: req.query.version } : {}) });
      const lang = req.query.lang ?? 'zh';
      const buf = await calendarYearWorkbook({ ...row, notice_date: row.notice_date === null ? null : String(row.notice_date).slice(0, 10) }, lang);
      return reply
        .type(XLSX)
        .header('content-disposition', attachment(calendarExportName(row.year, row.version, lang)))
        .send(buf);
    },
  );

  app.post(
    '/calendar/years',
    {
      config: { access: { roles: ['office'] } },
      schema: {
        tags,
        summary:
          'Load a year of the holiday calendar (or correct one: a new version with its reason); checked, audited, in force at once; lists the deadlines to review',
        body: CalendarYearBody,
        response: { 201: ImportResult, ...errorResponses(400, 401, 403, 422) },
      },
    },
    async (req, reply) => reply.code(201).send(await importCalendarYear(db, req.body, auditMeta(req))),
  );
};
