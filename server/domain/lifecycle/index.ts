/**
 * The case lifecycle engine: one transition table per dimension (energy.ts … technology.ts), one pure engine.
 * A case's state is the fold of its acts through its table; nothing here reads a clock or a database.
 */
import { Value } from '@sinclair/typebox/value';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import type { TSchema } from '@sinclair/typebox';
import { daysBetween, isIsoDate, type IsoDate } from '../dates.ts';
import { DomainError } from '../errors.ts';
import { planBasisAsOf } from '../law/programmes.ts';
import { energy } from './energy.ts';
import { environment } from './environment.ts';
import { quality } from './quality.ts';
import { safety } from './safety.ts';
import { technology } from './technology.ts';
import type {
  Act,
  ActContext,
  CaseState,
  DeadlineRecord,
  Dimension,
  DimensionDef,
  EffectOut,
  Finding,
  LineState,
  ParamUse,
  Role,
  TableEntry,
} from './types.ts';

export * from './types.ts';
export { energy, energyPayloads, energyStates, energyTable, energyFindingSchema } from './energy.ts';
export type { EnergyAct, EnergyState } from './energy.ts';
export { environment, environmentPayloads, environmentStates, environmentTable, environmentFindingSchema } from './environment.ts';
export type { EnvironmentAct, EnvironmentState } from './environment.ts';
export { quality, qualityPayloads, qualityStates, qualityTable, qualityFindingSchema } from './quality.ts';
export type { QualityAct, QualityState } from './quality.ts';
export { safety, safetyPayloads, safetyStates, safetyTable, safetyFindingSchema } from './safety.ts';
export type { SafetyAct, SafetyState } from './safety.ts';
export {
  inductionFurnaceLines,
  sealingComplete,
  technology,
  technologyPayloads,
  technologyStates,
  technologyTable,
  technologyFindingSchema,
  TECHNOLOGY_SEALING_ACTS,
} from './technology.ts';
export type { TechnologyAct, TechnologySealingAct, TechnologyState } from './technology.ts';

/** The five dimension definitions (tables, act definitions, schemas). */
export const dimensions: { readonly [D in Dimension]: DimensionDef } = {
  energy: energy as unknown as DimensionDef,
  environment: environment as unknown as DimensionDef,
  quality: quality as unknown as DimensionDef,
  safety: safety as unknown as DimensionDef,
  technology: technology as unknown as DimensionDef,
};

/** Payload schemas per dimension and act kind (for the HTTP layer). */
export const actPayloadSchemas: { readonly [D in Dimension]: Readonly<Record<string, TSchema>> } = Object.fromEntries(
  Object.entries(dimensions).map(([dim, def]) => [dim, Object.fromEntries(Object.entries(def.acts).map(([k, a]) => [k, a.schema]))]),
) as { [D in Dimension]: Record<string, TSchema> };

/** Finding schemas per dimension (for the HTTP layer). */
export const findingSchemas: { readonly [D in Dimension]: TSchema } = {
  energy: energy.findingSchema,
  environment: environment.findingSchema,
  quality: quality.findingSchema,
  safety: safety.findingSchema,
  technology: technology.findingSchema,
};

/** The transition table of a dimension: state → act → { to, basisId, roles }. */
export function transitionTable(dimension: Dimension): Readonly<Record<string, Readonly<Record<string, TableEntry>>>> {
  return dimensions[dimension].table as Record<string, Record<string, TableEntry>>;
}

/** Every act kind of a dimension. */
export function actKinds(dimension: Dimension): string[] {
  return Object.keys(dimensions[dimension].acts);
}

export interface ActResult {
  snapshot: CaseState;
  lineChanges: Array<{ lineId: string; to: LineState }>;
  deadline?: DeadlineRecord;
  basisId: string;
  paramsUsed: ParamUse[];
}

function defOf(dimension: unknown): DimensionDef {
  const def = typeof dimension === 'string' ? (dimensions as Record<string, DimensionDef>)[dimension] : undefined;
  if (!def) throw new DomainError('INVALID_ACT_INPUT', { reason: 'unknown dimension', dimension });
  return def;
}

// Each schema is compiled to a checking function once (TypeBox TypeCompiler), instead of being interpreted on every act.
const checkers = new WeakMap<TSchema, TypeCheck<TSchema>>();
function check(schema: TSchema, value: unknown): boolean {
  let c = checkers.get(schema);
  if (!c) checkers.set(schema, (c = TypeCompiler.Compile(schema)));
  return c.Check(value);
}

function schemaErrors(schema: TSchema, value: unknown): Array<{ path: string; message: string }> {
  return [...Value.Errors(schema, value)].slice(0, 10).map((e) => ({ path: e.path, message: e.message }));
}

/** Opens a case from a finding: state `found`, every line `operating`. Throws INVALID_ACT_INPUT on a bad finding. */
export function openCase(finding: Finding, opts: { now?: IsoDate; /** false when re-folding a stored case */ checkLaw?: boolean } = {}): CaseState {
  const def = defOf(finding?.dimension);
  if (!check(def.findingSchema, finding)) {
    throw new DomainError('INVALID_ACT_INPUT', { reason: 'invalid finding', errors: schemaErrors(def.findingSchema, finding) });
  }
  if (!isIsoDate(finding.date)) throw new DomainError('INVALID_ACT_INPUT', { reason: 'invalid finding date', date: finding.date });
  if (opts.now !== undefined && finding.date > opts.now)
    throw new DomainError('INVALID_ACT_INPUT', { reason: 'finding dated in the future', date: finding.date, now: opts.now });
  const refusal = opts.checkLaw === false ? null : def.checkFinding?.(finding);
  if (refusal) throw new DomainError('INVALID_ACT_INPUT', { reason: refusal.en, refusal: { zh: refusal.zh, en: refusal.en }, ...refusal });
  const ids = new Set(finding.lines.map((l) => l.id));
  if (ids.size !== finding.lines.length) throw new DomainError('INVALID_ACT_INPUT', { reason: 'duplicate line id' });
  return {
    dimension: finding.dimension,
    state: 'found',
    finding: structuredClone(finding),
    openedOn: finding.date,
    lastActOn: finding.date,
    actCount: 0,
    lines: finding.lines.map((l) => ({ id: l.id, kind: l.kind, state: 'operating' as const })),
    extensionApplications: 0,
    licences: [],
    measures: {},
    notices: {},
  };
}

function illegal(snap: CaseState, kind: unknown): never {
  const allowed = Object.keys(defOf(snap.dimension).table[snap.state] ?? {});
  throw new DomainError('ILLEGAL_TRANSITION', { dimension: snap.dimension, state: snap.state, act: kind, allowed });
}

function applyInternal(snap: CaseState, act: Act, ctx: ActContext, checkRole: boolean): ActResult {
  const def = defOf(snap.dimension);
  // own properties only: an act kind named after a built-in property (toString, constructor) is not an act (issue #19)
  const row = Object.hasOwn(def.table, snap.state) ? def.table[snap.state] : undefined;
  const entry = row && Object.hasOwn(row, act.kind) ? row[act.kind] : undefined;
  const spec = Object.hasOwn(def.acts, act.kind) ? def.acts[act.kind] : undefined;
  if (!entry || !spec) illegal(snap, act.kind);
  if (checkRole && !entry.roles.includes(ctx.role)) {
    throw new DomainError('ROLE_NOT_ALLOWED', { act: act.kind, role: ctx.role, roles: [...entry.roles] });
  }
  if (!isIsoDate(ctx.now)) throw new DomainError('INVALID_ACT_INPUT', { reason: 'now must be YYYY-MM-DD', now: ctx.now });
  if (!isIsoDate(act.date)) throw new DomainError('INVALID_ACT_INPUT', { reason: 'act date must be YYYY-MM-DD', date: act.date });
  if (act.date > ctx.now) throw new DomainError('INVALID_ACT_INPUT', { reason: 'act dated after now', date: act.date, now: ctx.now });
  if (act.date < snap.lastActOn) {
    throw new DomainError('INVALID_ACT_INPUT', { reason: 'act dated before the previous act', date: act.date, lastActOn: snap.lastActOn });
  }
  const payload = act.payload ?? {};
  if (!check(spec.schema, payload)) {
    throw new DomainError('INVALID_ACT_INPUT', { reason: 'invalid payload', act: act.kind, errors: schemaErrors(spec.schema, payload) });
  }
  // Preconditions are judged as of the act's date (allowedActs asks them as of `now`).
  const refusal = spec.precondition?.(snap, { ...ctx, now: act.date }) ?? spec.guard?.(snap, payload as never, act, ctx) ?? null;
  if (refusal) throw new DomainError('GUARD_FAILED', { act: act.kind, state: snap.state, reason: { zh: refusal.zh, en: refusal.en }, ...refusal });

  const draft = structuredClone(snap);
  const out: EffectOut = { paramsUsed: [] };
  const to = spec.apply(draft, payload as never, act, ctx, out);
  if (!entry.to.includes(to)) throw new Error(`bug: ${snap.dimension}.${act.kind} led to ${to}, table says ${entry.to.join('|')}`);
  draft.state = to;
  if (to !== 'closed') delete draft.outcome;
  draft.lastActOn = act.date;
  draft.actCount += 1;
  const lineChanges = draft.lines.filter((l, i) => l.state !== snap.lines[i]?.state).map((l) => ({ lineId: l.id, to: l.state }));
  // the plan section of the programme in force on the act's date (a later year's plan is data: law/programmes.json)
  const result: ActResult = { snapshot: draft, lineChanges, basisId: planBasisAsOf(entry.basisId, act.date), paramsUsed: out.paramsUsed };
  if (out.deadline) result.deadline = out.deadline;
  return result;
}

/**
 * Applies one act. Checks, in order: the table (ILLEGAL_TRANSITION, with `allowed`), the role (ROLE_NOT_ALLOWED),
 * dates and payload (INVALID_ACT_INPUT), the legal guards (GUARD_FAILED). Never mutates `snapshot`.
 */
export function applyAct(snapshot: CaseState, act: Act, ctx: ActContext): ActResult {
  return applyInternal(snapshot, act, ctx, true);
}

/** The act kinds `role` may take now (table, role and payload-independent preconditions). */
export function allowedActs(snapshot: CaseState, role: Role, now: IsoDate, extra: Omit<ActContext, 'role' | 'now'> = {}): string[] {
  const def = defOf(snapshot.dimension);
  const row = def.table[snapshot.state] ?? {};
  const ctx: ActContext = { ...extra, role, now };
  return Object.entries(row)
    .filter(([kind, entry]) => entry?.roles.includes(role) && !def.acts[kind]?.precondition?.(snapshot, ctx))
    .map(([kind]) => kind);
}

/**
 * Rebuilds a snapshot from the finding and the history. Each act is replayed with `now` = its own date; its
 * role is checked when recorded.
 */
export function foldActs(finding: Finding, acts: readonly Act[], opts: Omit<ActContext, 'role' | 'now'> = {}): CaseState {
  let snap = openCase(finding, { checkLaw: false });
  for (const act of acts) {
    snap = applyInternal(snap, act, { ...opts, role: act.role ?? 'system', now: act.date }, act.role !== undefined).snapshot;
  }
  return snap;
}

export type DeadlineStatus = 'none' | 'ok' | 'dueSoon30' | 'dueSoon7' | 'dueSoon1' | 'dueToday' | 'overdue';

/** Deadline words for `now` (derived, never stored). The due day itself runs to 24:00 (民法典 art. 203). */
export function deadlineStatus(snapshot: CaseState, now: IsoDate): DeadlineStatus {
  if (snapshot.state === 'closed' || !snapshot.due) return 'none';
  if (!isIsoDate(now)) throw new DomainError('INVALID_ACT_INPUT', { reason: 'now must be YYYY-MM-DD', now });
  const left = daysBetween(now, snapshot.due.due);
  if (left < 0) return 'overdue';
  if (left === 0) return 'dueToday';
  if (left <= 1) return 'dueSoon1';
  if (left <= 7) return 'dueSoon7';
  if (left <= 30) return 'dueSoon30';
  return 'ok';
}

/** Whether the case is finished (`closed`, with an `outcome`). */
export function isClosed(snapshot: CaseState): boolean {
  return snapshot.state === 'closed';
}
