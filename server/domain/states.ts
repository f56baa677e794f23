/**
 * The state enums, once: the database schema types (server/db/schema.ts), the TypeBox schemas, the domain rules and
 * the console (through the generated API types) all take them from here.
 */
import type { LineState } from './lifecycle/types.ts';

export type { LineState } from './lifecycle/types.ts';

/** Production line states (the type is the lifecycle's LineState; this is its list, in the order the console shows it). */
export const LINE_STATES = ['operating', 'restricted', 'suspended', 'sealed', 'shut', 'dismantled', 'exited'] as const satisfies readonly LineState[];
// a state added to LineState but not to LINE_STATES fails here
const lineStatesComplete: Exclude<LineState, (typeof LINE_STATES)[number]> extends never ? true : false = true;
void lineStatesComplete;

/** An enterprise's derived status (server/domain/enterprise-status.ts). */
export const ENTERPRISE_STATUSES = ['operating', 'rectifying', 'enforcement', 'closed', 'exited'] as const;
export type EnterpriseStatus = (typeof ENTERPRISE_STATUSES)[number];
