/**
 * The workbench: what needs this user's attention now — cases due within 30 days, overdue cases, open cases where
 * this user may take an act, the latest unread notifications, and counts. Scoped like every case read.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { sql, type SqlBool } from 'kysely';
import { DIMENSIONS, transitionTable, type Role as DomainRole } from '../../domain/lifecycle/index.ts';
import { addDays } from '../../domain/dates.ts';
import type { UserActor } from '../../platform/auth/actor.ts';
import { caseScope } from '../../platform/auth/scope-sql.ts';
import { actorOf } from '../../platform/http/request-meta.ts';
import { errorResponses } from '../../platform/http/schemas.ts';
import { caseColumns } from '../cases/index.ts';
import { presentCaseItem } from '../cases/index.ts';
import { CaseItem } from '../cases/index.ts';
import { localToday } from '../../platform/clock.ts';
import { listNotifications, Notification, presentNotification } from '../notifications/index.ts';

const roles = ['office', 'department', 'territory', 'government'] as const;
const LIST = 20;
const SCAN = 2000;

/** `dimension:state` pairs where a lifecycle role has at least one act in the table. */
function actionablePairs(role: DomainRole): string[] {
  return DIMENSIONS.flatMap((dim) =>
    Object.entries(transitionTable(dim))
      .filter(([, row]) => Object.values(row).some((e) => e?.roles.includes(role)))
      .map(([state]) => `${dim}:${state}`),
  );
}

function roleOfAccount(actor: UserActor): DomainRole | null {
  return actor.role === 'bank' ? null : actor.role;
}

const Workbench = Type.Object({
  dueSoon: Type.Array(CaseItem, { description: 'open cases due within 30 days (today included), soonest first' }),
  overdue: Type.Array(CaseItem, { description: 'open cases past their due date, oldest first' }),
  waitingForMe: Type.Array(CaseItem, { description: 'open cases where this user may take an act now, by due date' }),
  waitingViews: Type.Object(
    {
      today: Type.Array(CaseItem),
      week: Type.Array(CaseItem),
      overdue: Type.Array(CaseItem),
      counts: Type.Object({ today: Type.Integer(), week: Type.Integer(), overdue: Type.Integer() }),
    },
    {
      description:
        "the same cases by their days left (今日: 0; 本周: 0–7; 逾期: below 0), each list its own first 20 of the scan, so a view is not cut by another view's cases; counts over the cases scanned (up to 2,000)",
    },
  ),
  notifications: Type.Array(Notification, { description: 'latest unread notifications of your unit' }),
  counts: Type.Object({
    open: Type.Integer(),
    dueSoon: Type.Integer(),
    overdue: Type.Integer(),
    waitingForMe: Type.Integer(),
    unreadNotifications: Type.Integer(),
    assignedToMe: Type.Integer({ description: 'open cases assigned to this user (承办人, GET /cases?assignee=me)' }),
  }),
});

export const workbenchRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.ctx;

  app.get(
    '/workbench',
    {
      config: { access: { roles } },
      schema: { tags: ['workbench'], summary: 'What needs my attention now', response: { 200: Workbench, ...errorResponses(401, 403) } },
    },
    async (req) => {
      const actor = actorOf(req);
      const today = localToday(app.ctx.now());
      const soon = addDays(today, 30);
      const scoped = () =>
        db
          .selectFrom('case_file as c')
          .where(caseScope(req.scope, 'c.territory_code', 'c.dimension'))
          .where('c.closed', '=', false);
      const page = () => scoped().innerJoin('enterprise as e', 'e.id', 'c.enterprise_id').select(caseColumns);
      const role = roleOfAccount(actor);
      const pairs = role ? actionablePairs(role) : [];
      const actionable = sql<SqlBool>`(c.dimension || ':' || c.state) = any(${pairs}::text[])`;

      const [counts, dueSoonRows, overdueRows, notes] = await Promise.all([
        scoped()
          .select([
            sql<number>`count(*)`.as('open'),
            sql<number>`count(*) filter (where c.due_on between ${today}::date and ${soon}::date)`.as('due_soon'),
            sql<number>`count(*) filter (where c.due_on < ${today}::date)`.as('overdue'),
            sql<number>`count(*) filter (where ${actionable})`.as('actionable'),
            sql<number>`count(*) filter (where c.assignee_id = ${actor.userId})`.as('assigned_to_me'),
          ])
          .executeTakeFirstOrThrow(),
        page().where('c.due_on', '>=', today).where('c.due_on', '<=', soon).orderBy('c.due_on').orderBy('c.id').limit(LIST).execute(),
        page().where('c.due_on', '<', today).orderBy('c.due_on').orderBy('c.id').limit(LIST).execute(),
        listNotifications(db, actor, { unread: true, limit: 10, offset: 0 }),
      ]);

      // Candidates by the table (state × role), then the domain's preconditions decide (issue 17: 待我办理 counts only
      // what this user can act on now); the scan is bounded, past it the table's count stands in for the rest.
      const waiting: ReturnType<typeof presentCaseItem>[] = [];
      const views = { today: [] as typeof waiting, week: [] as typeof waiting, overdue: [] as typeof waiting };
      const viewCounts = { today: 0, week: 0, overdue: 0 };
      let mine = 0;
      let scanned = 0;
      let exhausted = pairs.length === 0;
      for (let offset = 0; pairs.length && offset < SCAN; offset += 100) {
        const rows = await page()
          .where(actionable)
          .orderBy(sql`c.due_on asc nulls last`)
          .orderBy('c.id')
          .limit(100)
          .offset(offset)
          .execute();
        scanned += rows.length;
        for (const r of rows) {
          const item = presentCaseItem(r, actor, today);
          if (!item.allowedActs.length) continue;
          mine++;
          if (waiting.length < LIST) waiting.push(item);
          const d = item.next.daysLeft;
          if (d === null || d === undefined) continue;
          for (const v of (d < 0 ? ['overdue'] : d === 0 ? ['today', 'week'] : d <= 7 ? ['week'] : []) as Array<keyof typeof views>) {
            viewCounts[v]++;
            if (views[v].length < LIST) views[v].push(item);
          }
        }
        if (rows.length < 100) {
          exhausted = true;
          break;
        }
      }
      const waitingCount = exhausted ? mine : mine + Math.max(0, Number(counts.actionable) - scanned);
      return {
        dueSoon: dueSoonRows.map((r) => presentCaseItem(r, actor, today)),
        overdue: overdueRows.map((r) => presentCaseItem(r, actor, today)),
        waitingForMe: waiting,
        waitingViews: { ...views, counts: viewCounts },
        notifications: notes.rows.map(presentNotification),
        counts: {
          open: Number(counts.open),
          dueSoon: Number(counts.due_soon),
          overdue: Number(counts.overdue),
          waitingForMe: waitingCount,
          unreadNotifications: notes.total,
          assignedToMe: Number(counts.assigned_to_me),
        },
      };
    },
  );
};
