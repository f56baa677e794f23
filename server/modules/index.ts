/**
 * The API modules, registered under /api/v1 in this order. Each is a Fastify plugin in modules/<area>/<area>.routes.ts.
 */
import type { FastifyPluginAsync } from 'fastify';
import { systemRoutes } from './system/system.routes.ts';
import { referenceRoutes } from './reference/reference.routes.ts';
import { authRoutes } from './auth/auth.routes.ts';
import { lawRoutes } from './law/law.routes.ts';
import { auditRoutes } from './audit/audit.routes.ts';
import { enterpriseRoutes } from './enterprises/enterprises.routes.ts';
import { lineRoutes } from './lines/lines.routes.ts';
import { registryIoRoutes } from './registry-io/registry-io.routes.ts';
import { caseRoutes } from './cases/cases.routes.ts';
import { evidenceRoutes } from './cases/evidence.routes.ts';
import { jobSchedulerPlugin } from '../jobs/scheduler.plugin.ts';
import { notificationRoutes } from './notifications/notifications.routes.ts';
import { workbenchRoutes } from './workbench/workbench.routes.ts';
import { overviewRoutes } from './overview/overview.routes.ts';
import { resettlementRoutes } from './resettlement/resettlement.routes.ts';
import { creditRoutes } from './credit/credit.routes.ts';
import { approvalRoutes } from './approvals/approvals.routes.ts';
import { powerPriceRoutes } from './power-prices/power-prices.routes.ts';
import { landRoutes } from './land/land.routes.ts';
import { jobRoutes } from './jobs/jobs.routes.ts';
import { documentRoutes } from './documents/documents.routes.ts';
import { publicationRoutes } from './publications/publications.routes.ts';
import { tipRoutes } from './tips/tips.routes.ts';
import { pendingRegistrationRoutes } from './enterprises/pending-registrations.routes.ts';
import { problemRoutes } from './problems/problems.routes.ts';
import { exitPlanRoutes } from './exit-plans/exit-plans.routes.ts';
import { supervisionRoutes } from './supervision/supervision.routes.ts';
import { certificateRoutes } from './yearend/certificates.routes.ts';
import { yearendRoutes } from './yearend/yearend.routes.ts';
import { provinceRoutes } from './yearend/province.routes.ts';
import { calendarRoutes } from './calendar/calendar.routes.ts';
import { caseWorkRoutes } from './cases/case-work.routes.ts';
import { notificationReadAllRoutes } from './notifications/read-all.routes.ts';
import { assigneeRoutes } from './cases/assignee.routes.ts';
export const modules: FastifyPluginAsync[] = [
  systemRoutes,
  referenceRoutes,
  lawRoutes,
  authRoutes,
  auditRoutes,
  enterpriseRoutes,
  lineRoutes,
  registryIoRoutes,
  caseRoutes,
  evidenceRoutes,
  jobSchedulerPlugin,
  notificationRoutes,
  workbenchRoutes,
  overviewRoutes,
  resettlementRoutes,
  creditRoutes,
  approvalRoutes,
  powerPriceRoutes,
  landRoutes,
  jobRoutes,
  documentRoutes,
  publicationRoutes,
  tipRoutes,
  problemRoutes,
  exitPlanRoutes,
  supervisionRoutes,
  certificateRoutes,
  yearendRoutes,
  provinceRoutes,
  calendarRoutes,
  caseWorkRoutes,
  notificationReadAllRoutes,
  pendingRegistrationRoutes,
  assigneeRoutes,
];
