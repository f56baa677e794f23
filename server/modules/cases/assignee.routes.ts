/**
 * The case's assignee (承办人, issue 17 item 2): set or clear it on one case, list whom the user may name, and assign
 * many cases at once — each case decided and audited on its own (its own transaction), with the same summary of
 * what was done and what was refused and why as the bulk acts. Who may assign whom: assignee.policy.ts (LOCAL CHOICE).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { AppError, ERROR_CODES } from '../../platform/errors.ts';
import { actorOf, auditMeta } from '../../platform/http/request-meta.ts';
import { DbId, errorResponses, IdParams, ListOf } from '../../platform/http/schemas.ts';
import { assignableUnits, ownUnit } from './assignee.policy.ts';
import { assigneeCandidates } from './assignee.repository.ts';
import { BULK_MAX } from './case-work.routes.ts';
import { findCase } from './cases.repository.ts';
import { assignCase } from './commands/assign-case.ts';

const tags = ['cases'];
/** Roles that may assign at all (which cases and whom: the policy). */
export const CASE_ASSIGNERS = ['office', 'department', 'territory'] as const;

const AssigneeId = Type.Union([DbId(), Type.Null()], { description: 'the account to assign (GET …/assignee-candidates); null clears the assignee' });
const Note = Type.Optional(Type.String({ maxLength: 500, description: 'why (kept in the audit record)' }));

export const AssignBody = Type.Object({ assigneeId: AssigneeId, note: Note }, { additionalProperties: false });
export const AssignResult = Type.Object({
  caseId: Type.Integer(),
  assigneeId: Type.Union([Type.Integer(), Type.Null()]),
  assigneeName: Type.Union([Type.String(), Type.Null()]),
  changed: Type.Boolean({ description: 'false: the case already had this assignee (nothing recorded)' }),
});

export const AssigneeCandidate = Type.Object({
  id: Type.Integer(),
  name: Type.String({ description: "the account's display name" }),
  unit: Type.Object({
    role: Type.String({ description: 'office | department | territory' }),
    code: Type.Union([Type.String(), Type.Null()]),
    name: Type.String(),
    nameEn: Type.String(),
  }),
});

export const BulkAssignBody = Type.Object(
  {
    caseIds: Type.Array(DbId(), {
      minItems: 1,
      maxItems: BULK_MAX,
      uniqueItems: true,
      description: 'the cases to assign (each decided and audited on its own)',
    }),
    assigneeId: AssigneeId,
    note: Note,
  },
  { additionalProperties: false },
);

const Message = Type.Object({ zh: Type.String(), en: Type.String() });
export const BulkAssignResult = Type.Object({
  done: Type.Array(Type.Object({ caseId: Type.Integer(), assigneeId: Type.Union([Type.Integer(), Type.Null()]), changed: Type.Boolean() })),
  refused: Type.Array(
    Type.Object({
      caseId: Type.Integer(),
      code: Type.String({ description: 'the error code the single assignment would have answered' }),
      message: Message,
      reason: Type.Null(),
      allowed: Type.Array(Type.String(), { description: 'always empty (the shape of the bulk acts’ refusals)' }),
    }),
  ),
  summary: Type.Object({ requested: Type.Integer(), done: Type.Integer(), refused: Type.Integer() }),
});

export const assigneeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.ctx;

  app.put(
    '/cases/:id/assignee',
    {
      config: { access: { roles: CASE_ASSIGNERS } },
      schema: {
        tags,
        summary:
          "Assign the case to a person (承办人) or clear it (assigneeId null): the office, the case's lead department or its territory; the assignee an active account of a unit that carries the case. Audited; the new assignee is notified",
        params: IdParams,
        body: AssignBody,
        response: { 200: AssignResult, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => assignCase(db, req.scope, req.params.id, { assigneeId: req.body.assigneeId, note: req.body.note }, auditMeta(req)),
  );

  app.get(
    '/cases/:id/assignee-candidates',
    {
      config: { access: { roles: CASE_ASSIGNERS } },
      schema: {
        tags,
        summary: 'Whom this user may assign the case to: active accounts of the units that carry it, with their unit (none when the user may not assign)',
        params: IdParams,
        response: { 200: ListOf(AssigneeCandidate), ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => {
      const row = await findCase(db, req.scope, req.params.id);
      if (!row) throw new AppError('NOT_FOUND');
      const items = await assigneeCandidates(db, assignableUnits(actorOf(req), { territoryCode: row.territory_code, departmentCode: row.department_code }));
      return { items, total: items.length };
    },
  );

  app.get(
    '/cases/assignee-candidates',
    {
      config: { access: { roles: CASE_ASSIGNERS } },
      schema: {
        tags,
        summary: "The active accounts of the user's own unit: whom to assign many cases to at once (each case still checked on its own)",
        response: { 200: ListOf(AssigneeCandidate), ...errorResponses(401, 403) },
      },
    },
    async (req) => {
      const unit = ownUnit(actorOf(req));
      const items = await assigneeCandidates(db, unit ? [unit] : []);
      return { items, total: items.length };
    },
  );

  app.post(
    '/cases/bulk-assign',
    {
      config: { access: { roles: CASE_ASSIGNERS } },
      schema: {
        tags,
        summary:
          'Assign several cases to one person (or clear them): each case is decided and recorded in its own transaction with its audit record; the answer lists what was done and what was refused and why',
        body: BulkAssignBody,
        response: { 200: BulkAssignResult, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => {
      const { caseIds, assigneeId, note } = req.body;
      const done: Array<{ caseId: number; assigneeId: number | null; changed: boolean }> = [];
      const refused: Array<{ caseId: number; code: string; message: { zh: string; en: string }; reason: null; allowed: string[] }> = [];
      for (const caseId of caseIds) {
        try {
          const r = await assignCase(db, req.scope, caseId, { assigneeId, note }, auditMeta(req));
          done.push({ caseId, assigneeId: r.assigneeId, changed: r.changed });
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          const spec = ERROR_CODES[err.code];
          refused.push({ caseId, code: err.code, message: { zh: spec.zh, en: spec.en }, reason: null, allowed: [] });
        }
      }
      return { done, refused, summary: { requested: caseIds.length, done: done.length, refused: refused.length } };
    },
  );
};
