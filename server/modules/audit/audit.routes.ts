/** The audit viewer (office): filter by actor, record, act and time; and the chain check. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { verifyAudit } from '../../platform/audit/audit.ts';
import { DbId, errorResponses, IsoDate, IsoInstant, ListOf } from '../../platform/http/schemas.ts';
import { localToday } from '../../platform/clock.ts';
import { loadExcel } from '../registry-io/index.ts';
import { auditWords } from './audit-words.ts';

const Words = Type.Object({ zh: Type.String(), en: Type.String() });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

const AuditRecord = Type.Object({
  id: Type.Integer(),
  at: IsoInstant,
  actorId: Type.Union([Type.Integer(), Type.Null()]),
  actorName: Type.Union([Type.String(), Type.Null()]),
  role: Type.Union([Type.String(), Type.Null()]),
  territoryCode: Type.Union([Type.String(), Type.Null()]),
  departmentCode: Type.Union([Type.String(), Type.Null()]),
  act: Type.String(),
  entityType: Type.Union([Type.String(), Type.Null()]),
  entityId: Type.Union([Type.String(), Type.Null()]),
  basisId: Type.Union([Type.String(), Type.Null()]),
  before: Type.Unknown(),
  after: Type.Unknown(),
  requestId: Type.Union([Type.String(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
  stream: Type.Integer(),
  seq: Type.Integer(),
  hash: Type.String(),
  // in words (issue 17): who, from which unit, did what, to which record
  actorDisplayName: Nullable(Type.String()),
  unit: Nullable(Words),
  actWords: Words,
  record: Nullable(Words),
});

const AuditQuery = Type.Object({
  actor: Type.Optional(Type.String({ maxLength: 100, description: 'user name' })),
  actorId: Type.Optional(DbId({ description: 'the account (person) who acted' })),
  unit: Type.Optional(
    Type.String({ maxLength: 40, pattern: '^[A-Za-z0-9_-]+$', description: 'a department code, a territory code, or office / government / bank' }),
  ),
  entityType: Type.Optional(Type.String({ maxLength: 60 })),
  entityId: Type.Optional(Type.String({ maxLength: 60 })),
  act: Type.Optional(Type.String({ maxLength: 100, description: 'exact act, or a prefix ending in * (e.g. case.act.*)' })),
  from: Type.Optional(IsoDate),
  to: Type.Optional(IsoDate),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 })),
});
type AuditQ = Static<typeof AuditQuery>;
/** LOCAL CHOICE: the most records one export writes. */
const AUDIT_EXPORT_MAX = 10_000;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const office = { access: { roles: ['office'] } } as const;

export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.ctx;
  const filtered = (q: Omit<AuditQ, 'limit' | 'offset'>) => {
    let base = db.selectFrom('audit_log');
    if (q.actor) base = base.where('actor_name', '=', q.actor);
    if (q.actorId) base = base.where('actor_id', '=', q.actorId);
    if (q.unit) {
      const unit = q.unit;
      base = ['office', 'government', 'bank'].includes(unit)
        ? base.where('role', '=', unit).where('department_code', 'is', null).where('territory_code', 'is', null)
        : base.where((eb) => eb.or([eb('department_code', '=', unit), eb('territory_code', '=', unit)]));
    }
    if (q.entityType) base = base.where('entity_type', '=', q.entityType);
    if (q.entityId) base = base.where('entity_id', '=', q.entityId);
    if (q.act) base = q.act.endsWith('*') ? base.where('act', 'like', `${q.act.slice(0, -1).replace(/[%_\\]/g, '\\$&')}%`) : base.where('act', '=', q.act);
    if (q.from) base = base.where('at', '>=', new Date(`${q.from}T00:00:00+08:00`));
    if (q.to) base = base.where('at', '<', new Date(new Date(`${q.to}T00:00:00+08:00`).getTime() + 86_400_000));
    return base;
  };

  app.get(
    '/audit/export.xlsx',
    {
      config: office,
      schema: {
        tags: ['audit'],
        summary: 'The filtered audit records as .xlsx, in words: time, person, unit, act, record (office)',
        querystring: Type.Omit(AuditQuery, ['limit', 'offset']),
        response: { 200: Type.Unsafe<unknown>({ type: 'string', format: 'binary', description: 'an .xlsx workbook' }), ...errorResponses(400, 401, 403) },
      },
    },
    async (req, reply) => {
      const rows = await filtered(req.query).selectAll().orderBy('id', 'desc').limit(AUDIT_EXPORT_MAX).execute();
      const words = await auditWords(db, rows);
      const Excel = await loadExcel();
      const wb = new Excel.Workbook();
      const ws = wb.addWorksheet('审计日志');
      ws.columns = ['时间', '人员', '单位', '行为', '对象', '依据', '记录号'].map((header, i) => ({ header, width: [20, 16, 22, 28, 40, 18, 10][i]! }));
      ws.getRow(1).font = { bold: true };
      const safe = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
      const fmt = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'medium', hour12: false });
      rows.forEach((r, i) => {
        const w = words[i]!;
        ws.addRow([
          fmt.format(new Date(r.at)),
          safe(w.actorDisplayName ?? ''),
          w.unit?.zh ?? '',
          w.actWords.zh,
          safe(w.record?.zh ?? ''),
          r.basis_id ?? '',
          r.id,
        ]);
      });
      const buf = Buffer.from(await wb.xlsx.writeBuffer());
      const name = `审计日志-${localToday(app.ctx.now())}.xlsx`;
      return reply
        .type(XLSX)
        .header('content-disposition', `attachment; filename="audit.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(buf);
    },
  );
  app.get(
    '/audit',
    {
      config: office,
      schema: {
        tags: ['audit'],
        summary: 'Audit records, newest first (office)',
        querystring: AuditQuery,
        response: { 200: ListOf(AuditRecord), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => {
      const q = req.query;
      const base = filtered(q);
      const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      const rows = await base
        .selectAll()
        .orderBy('id', 'desc')
        .limit(q.limit ?? 50)
        .offset(q.offset ?? 0)
        .execute();
      const words = await auditWords(db, rows);
      return {
        total,
        items: rows.map((r, i) => ({
          ...words[i]!,
          id: r.id,
          at: new Date(r.at).toISOString(),
          actorId: r.actor_id,
          actorName: r.actor_name,
          role: r.role,
          territoryCode: r.territory_code,
          departmentCode: r.department_code,
          act: r.act,
          entityType: r.entity_type,
          entityId: r.entity_id,
          basisId: r.basis_id,
          before: r.before,
          after: r.after,
          requestId: r.request_id,
          ip: r.ip,
          stream: r.stream,
          seq: r.seq,
          hash: r.hash,
        })),
      };
    },
  );

  app.get(
    '/audit/verify',
    {
      config: office,
      schema: {
        tags: ['audit'],
        summary: 'Re-compute the hash chains of the audit trail (office)',
        response: {
          200: Type.Object({
            ok: Type.Boolean(),
            records: Type.Integer(),
            streams: Type.Integer(),
            checkpoints: Type.Integer(),
            firstBroken: Type.Optional(
              Type.Object({ id: Type.Integer(), stream: Type.Optional(Type.Integer()), seq: Type.Optional(Type.Integer()), reason: Type.String() }),
            ),
          }),
        },
      },
    },
    async () => verifyAudit(db),
  );
};
