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
import { caseSweepPlugin } from './cases/sweep.plugin.ts';
import { notificationRoutes } from './notifications/notifications.routes.ts';
import { workbenchRoutes } from './workbench/workbench.routes.ts';
import { overviewRoutes } from './overview/overview.routes.ts';
import { documentRoutes } from './documents/documents.routes.ts';
import { calendarRoutes } from './calendar/calendar.routes.ts';
export const modules: FastifyPluginAsync[] = [systemRoutes, referenceRoutes, lawRoutes, authRoutes, auditRoutes, enterpriseRoutes, lineRoutes, registryIoRoutes,
  caseRoutes,
  evidenceRoutes,
  caseSweepPlugin,
  notificationRoutes,
  workbenchRoutes,
  overviewRoutes,
  documentRoutes,
  calendarRoutes,
];
