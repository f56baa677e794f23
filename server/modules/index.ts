/**
 * The API modules, registered under /api/v1 in this order. Each is a Fastify plugin in modules/<area>/<area>.routes.ts.
 */
import type { FastifyPluginAsync } from 'fastify';
import { systemRoutes } from './system/system.routes.ts';
import { referenceRoutes } from './reference/reference.routes.ts';
import { authRoutes } from './auth/auth.routes.ts';
import { enterpriseRoutes } from './enterprises/enterprises.routes.ts';
import { lineRoutes } from './lines/lines.routes.ts';
import { registryIoRoutes } from './registry-io/registry-io.routes.ts';

export const modules: FastifyPluginAsync[] = [systemRoutes, referenceRoutes, authRoutes, enterpriseRoutes, lineRoutes, registryIoRoutes];
