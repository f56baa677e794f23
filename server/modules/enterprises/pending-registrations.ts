/**
 * Pending registrations (issue #19, item 5; docs/security.md). A territory account that registers a credit code
 * already registered in a territory outside its scope used to hear 409 DUPLICATE_CREDIT_CODE — an oracle telling it
 * that the enterprise exists elsewhere (contrary to ADR 0003). Now the registration is accepted as PENDING: the
 * county hears neither which territory nor which enterprise, the office is notified and resolves it:
 * - merge: the registration is folded into the registered enterprise (nothing is created; the county is told);
 * - transfer: the registered enterprise moves to the registering territory (its lines and roll-ups move with it);
 * - reject: a duplicate; the office's reason goes to the county.
 * Who acts next: the office while pending, nobody after. Every act writes its audit record in its transaction.
 */
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { DB, EnterpriseTable, PendingRegistrationTable } from '../../db/schema.ts';
import { writeAudit, type AuditMeta } from '../../platform/audit/audit.ts';
import { scopeOf, type Actor, type UserActor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/errors.ts';
import { updateEnterpriseTx } from './commands/update-enterprise.ts';
import { insertEnterprise } from './commands/create-enterprise.ts';
import { loadRegistryReference } from './registry-rules.ts';
import { refreshCreditListing } from '../../projections/index.ts';

export const REGISTRATION_STATES = ['pending', 'registered', 'merged', 'transferred', 'rejected'] as const;
export type RegistrationState = (typeof REGISTRATION_STATES)[number];
export const REGISTRATION_STATE_NAMES: Record<RegistrationState, { zh: string; en: string }> = {
  pending: { zh: '待市办确认', en: 'Awaiting the office' },
  merged: { zh: '已并入台账中的企业', en: 'Merged into the registered enterprise' },
  registered: { zh: '已登记', en: 'Registered' },
  transferred: { zh: '企业已转入本属地', en: 'Enterprise transferred to this territory' },
  rejected: { zh: '已退回（重复登记）', en: 'Rejected as a duplicate' },
};
/** The same states of a credit-code change (kind 'codeChange', migration 0043): 'registered' means the code was changed. */
export const CODE_CHANGE_STATE_NAMES: Record<RegistrationState, { zh: string; en: string }> = {
  pending: { zh: '待市办确认', en: 'Awaiting the office' },
  merged: { zh: '已并入台账中的企业', en: 'Merged into the registered enterprise' },
  registered: { zh: '代码已变更', en: 'Credit code changed' },
  transferred: { zh: '企业已转入本属地', en: 'Enterprise transferred to this territory' },
  rejected: { zh: '未变更（已退回）', en: 'Not changed (rejected)' },
};
export const REGISTRATION_KINDS = ['registration', 'codeChange'] as const;
export type RegistrationKind = (typeof REGISTRATION_KINDS)[number];
export const RESOLUTIONS = ['register', 'merge', 'transfer', 'reject'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];
const STATE_OF: Record<Resolution, RegistrationState> = { register: 'registered', merge: 'merged', transfer: 'transferred', reject: 'rejected' };

/** Thrown by insertEnterprise before it writes anything: the code is registered outside the actor's scope. */
export class RegisteredElsewhere extends Error {
  constructor(readonly enterpriseId: number | null) {
    super('registered elsewhere');
  }
}

/** Whether a registered enterprise's territory is outside what the actor may see (then: pending, not 409). */
export function isElsewhere(actor: Actor, territoryCode: string): boolean {
  if (actor.kind === 'system') return false;
  const territories = scopeOf(actor).territories;
  return territories !== null && !territories.includes(territoryCode);
}

export interface RegistrationInput {
  creditCode: string;
  name: string;
  territoryCode: string;
  industryCode: string;
  address: string | null;
  legalRepresentative: string | null;
  contactName: string | null;
  contactPhone: string | null;
}

export interface RegistrationOptions {
  /** 'registered': a free code, registered (or changed) at once — the record exists so the answer is the same (gap A) */
  state?: 'pending' | 'registered';
  kind?: RegistrationKind;
  /** a code change: the registering territory's own enterprise, and its code before */
  enterpriseId?: number;
  previousCreditCode?: string;
}

/**
 * Keeps the registration (inside the create's or the change's transaction); returns its id. Pending: the office is
 * notified and resolves it. Registered at once (a free code): the record is the county's receipt; nobody acts next.
 */
export async function submitPendingRegistration(
  trx: Transaction<DB>,
  input: RegistrationInput,
  existingEnterpriseId: number | null,
  meta: AuditMeta,
  opts: RegistrationOptions = {},
): Promise<number> {
  const userId = meta.actor.kind === 'user' ? meta.actor.userId : null;
  const state = opts.state ?? 'pending';
  const kind = opts.kind ?? 'registration';
  const row = await trx
    .insertInto('pending_registration')
    .values({
      credit_code: input.creditCode,
      name: input.name,
      territory_code: input.territoryCode,
      industry_code: input.industryCode,
      address: input.address,
      legal_representative: input.legalRepresentative,
      contact_name: input.contactName,
      contact_phone: input.contactPhone,
      existing_enterprise_id: existingEnterpriseId,
      submitted_by: userId,
      submitted_at: meta.now,
      state,
      resolved_at: state === 'pending' ? null : meta.now,
      kind,
      enterprise_id: opts.enterpriseId ?? null,
      previous_credit_code: opts.previousCreditCode ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // the audit record names what the county sent, not the enterprise found elsewhere (the county may read its own acts)
  await writeAudit(trx, meta, {
    act: 'enterprise.registration.submit',
    entityType: 'pendingRegistration',
    entityId: row.id,
    after: {
      ...input,
      state,
      kind,
      ...(opts.enterpriseId !== undefined ? { enterpriseId: opts.enterpriseId, previousCreditCode: opts.previousCreditCode } : {}),
    },
  });
  if (state !== 'pending') return row.id;
  const change = kind === 'codeChange';
  await trx
    .insertInto('notification')
    .values({
      unit_kind: 'office',
      unit_code: 'office',
      case_id: null,
      kind: 'registration.pending',
      title: change
        ? `统一社会信用代码变更待确认：${input.name}拟由 ${opts.previousCreditCode ?? ''} 变更为 ${input.creditCode}，该代码已由台账中另一企业登记，请核实后变更或退回`
        : existingEnterpriseId === null
          ? `企业登记待确认：${input.name}（${input.creditCode}），请登记或退回`
          : `企业登记待确认：${input.name}（${input.creditCode}）与台账中已登记企业的统一社会信用代码相同，请合并、转入或退回`,
      title_en: change
        ? `Credit-code change awaiting the office: ${opts.previousCreditCode ?? ''} → ${input.creditCode} is registered to another enterprise; change or reject`
        : existingEnterpriseId === null
          ? `Registration awaiting the office: ${input.creditCode}; register or reject`
          : `Registration awaiting the office: ${input.creditCode} is already registered; merge, transfer or reject`,
    })
    .execute();
  return row.id;
}

export interface RegistrationRow {
  id: number;
  creditCode: string;
  name: string;
  territoryCode: string;
  territoryName: string;
  industryCode: string;
  industryName: string;
  state: RegistrationState;
  submittedAt: Date;
  submittedByName: string | null;
  resolvedAt: Date | null;
  resolvedByName: string | null;
  resolutionNote: string | null;
  version: number;
  existingId: number | null;
  existingName: string | null;
  existingTerritoryName: string | null;
  kind: RegistrationKind;
  enterpriseId: number | null;
  previousCreditCode: string | null;
  total?: number;
}

/** The territory accounts see their own territory's registrations; the office all. */
function registrationScope(actor: UserActor) {
  const territories = scopeOf(actor).territories;
  if (actor.role === 'office' || territories === null) return sql<boolean>`true`;
  if (territories.length === 0) return sql<boolean>`false`;
  return sql<boolean>`p.territory_code = any(${[...territories]}::text[])`;
}

const SELECT = sql`p.id, p.credit_code as "creditCode", p.name, p.territory_code as "territoryCode", t.name as "territoryName", p.industry_code as "industryCode",
  coalesce(d.name, p.industry_code) as "industryName", p.state, p.submitted_at as "submittedAt", su.display_name as "submittedByName", p.resolved_at as "resolvedAt",
  ru.display_name as "resolvedByName", p.resolution_note as "resolutionNote", p.version, e.id as "existingId", e.name as "existingName", et.name as "existingTerritoryName",
  p.kind, p.enterprise_id as "enterpriseId", p.previous_credit_code as "previousCreditCode"`;
const FROM = sql`from pending_registration p join territory t on t.code = p.territory_code
  left join industry d on d.code = p.industry_code
  left join app_user su on su.id = p.submitted_by left join app_user ru on ru.id = p.resolved_by
  left join enterprise e on e.id = p.existing_enterprise_id left join territory et on et.code = e.territory_code`;

export interface RegistrationFilters {
  q?: string | undefined;
  state?: RegistrationState | undefined;
  kind?: RegistrationKind | undefined;
}

export async function listRegistrations(
  db: Kysely<DB>,
  actor: UserActor,
  f: RegistrationFilters,
  limit: number,
  offset: number,
): Promise<{ rows: RegistrationRow[]; total: number }> {
  const needle = f.q?.trim() || null;
  const r = await sql<RegistrationRow>`select ${SELECT}, count(*) over ()::int as total ${FROM}
    where ${registrationScope(actor)} and (${f.state ?? null}::text is null or p.state = ${f.state ?? null})
      and (${f.kind ?? null}::text is null or p.kind = ${f.kind ?? null})
      and (${needle}::text is null or strpos(p.name, ${needle ?? ''}) > 0 or strpos(p.credit_code, upper(${needle ?? ''})) = 1)
    order by (p.state = 'pending') desc, p.submitted_at desc, p.id desc limit ${limit} offset ${offset}`.execute(db);
  return { rows: r.rows, total: r.rows[0]?.total ?? 0 };
}

export async function findRegistration(db: Kysely<DB> | Transaction<DB>, actor: UserActor, id: number): Promise<RegistrationRow | undefined> {
  return (await sql<RegistrationRow>`select ${SELECT} ${FROM} where p.id = ${id} and ${registrationScope(actor)}`.execute(db)).rows[0];
}

/** Row → API shape. The enterprise found elsewhere is the office's to see; a county's answer never names it. */
export function presentRegistration(r: RegistrationRow, actor: UserActor) {
  const office = actor.role === 'office';
  const pending = r.state === 'pending';
  const change = r.kind === 'codeChange';
  const names = change ? CODE_CHANGE_STATE_NAMES : REGISTRATION_STATE_NAMES;
  return {
    id: r.id,
    creditCode: r.creditCode,
    name: r.name,
    territoryCode: r.territoryCode,
    territoryName: r.territoryName,
    industryCode: r.industryCode,
    industryName: r.industryName,
    state: r.state,
    stateName: names[r.state].zh,
    kind: r.kind,
    previousCreditCode: r.previousCreditCode,
    // the registering territory's own enterprise: the one registered for it (or moved to it), or the one whose code changes
    enterpriseId: change ? r.enterpriseId : r.state === 'registered' || r.state === 'transferred' ? r.existingId : null,
    nextActor: pending ? '市推进落后产能退出工作办公室' : null,
    submittedAt: new Date(r.submittedAt).toISOString(),
    submittedByName: r.submittedByName,
    resolvedAt: r.resolvedAt ? new Date(r.resolvedAt).toISOString() : null,
    resolvedByName: r.resolvedByName,
    resolutionNote: r.resolutionNote,
    version: r.version,
    registeredEnterprise:
      office && r.existingId !== null ? { id: r.existingId, name: r.existingName ?? '', territoryName: r.existingTerritoryName ?? '' } : null,
    // a free code (review 'all'): register or reject; a taken one: merge, transfer or reject
    // a code change: change (once the code is free) or reject
    allowedActs: office && pending ? (r.existingId === null || change ? ['register', 'reject'] : ['merge', 'transfer', 'reject']) : [],
  };
}

/** The office resolves a pending registration (merge / transfer / reject) in one transaction with its audit record. */
export async function resolveRegistration(
  db: Kysely<DB>,
  id: number,
  body: { resolution: Resolution; note?: string | undefined; version?: number | undefined },
  meta: AuditMeta & { actor: UserActor },
): Promise<void> {
  if (meta.actor.role !== 'office') throw new AppError('FORBIDDEN');
  const note = body.note?.trim() || null;
  if (body.resolution === 'reject' && !note)
    throw new AppError('VALIDATION_FAILED', { errors: [{ field: '/note', message: 'a rejection needs its reason / 退回须说明理由' }] });
  const ref = await loadRegistryReference(db);
  await db.transaction().execute(async (trx) => {
    const cur = await trx.selectFrom('pending_registration').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!cur) throw new AppError('NOT_FOUND');
    if (body.version !== undefined && body.version !== cur.version) throw new AppError('CONFLICT', { currentVersion: cur.version });
    if (cur.state !== 'pending') throw new AppError('REGISTRATION_STATE', { state: cur.state });
    if (cur.kind === 'codeChange') {
      await resolveCodeChange(trx, cur, body.resolution, note, meta, ref);
      return;
    }
    let existing = cur.existing_enterprise_id;
    if (existing === null || !(await trx.selectFrom('enterprise').select('id').where('id', '=', existing).executeTakeFirst())) {
      existing = (await trx.selectFrom('enterprise').select('id').where('credit_code', '=', cur.credit_code).executeTakeFirst())?.id ?? null;
    }
    if (body.resolution === 'register') {
      if (existing !== null) throw new AppError('REGISTRATION_STATE', { reason: 'the code is registered: merge, transfer or reject' });
      existing = await insertEnterprise(trx, registrationFields(cur), meta, ref);
    } else if (body.resolution !== 'reject' && existing === null) {
      throw new AppError('REGISTRATION_STATE', { reason: 'no enterprise is registered with this code: register or reject' });
    }
    if (body.resolution === 'transfer') await updateEnterpriseTx(trx, existing!, { territoryCode: cur.territory_code }, meta, ref);
    const state = STATE_OF[body.resolution];
    await trx
      .updateTable('pending_registration')
      .set({ state, resolved_by: meta.actor.userId, resolved_at: meta.now, resolution_note: note, existing_enterprise_id: existing, version: cur.version + 1 })
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, meta, {
      act: `enterprise.registration.${body.resolution}`,
      entityType: 'pendingRegistration',
      entityId: id,
      before: { state: cur.state },
      after: { state, note, registeredEnterpriseId: existing },
    });
    await notifyResolved(trx, cur, state, note);
  });
}

type PendingRow = Selectable<PendingRegistrationTable>;

async function notifyResolved(trx: Transaction<DB>, cur: PendingRow, state: RegistrationState, note: string | null) {
  const change = cur.kind === 'codeChange';
  const what = (change ? CODE_CHANGE_STATE_NAMES : REGISTRATION_STATE_NAMES)[state];
  await trx
    .insertInto('notification')
    .values({
      unit_kind: 'territory',
      unit_code: cur.territory_code,
      case_id: null,
      kind: 'registration.resolved',
      title: change
        ? `「${cur.name}」统一社会信用代码变更（${cur.previous_credit_code ?? ''} → ${cur.credit_code}）：${what.zh}${note ? `。说明：${note}` : ''}`
        : `企业登记「${cur.name}」（${cur.credit_code}）：${what.zh}${note ? `。说明：${note}` : ''}`,
      title_en: change
        ? `Credit-code change ${cur.previous_credit_code ?? ''} → ${cur.credit_code}: ${what.en}${note ? `. Note: ${note}` : ''}`
        : `Registration ${cur.credit_code}: ${what.en}${note ? `. Note: ${note}` : ''}`,
    })
    .execute();
}

/**
 * The office resolves a credit-code change (gap B): 'register' applies it — only once no other enterprise holds the
 * code (the office corrects that one first) — or 'reject' leaves the code as it was. Merge and transfer do not apply.
 */
async function resolveCodeChange(
  trx: Transaction<DB>,
  cur: PendingRow,
  resolution: Resolution,
  note: string | null,
  meta: AuditMeta & { actor: UserActor },
  ref: Awaited<ReturnType<typeof loadRegistryReference>>,
): Promise<void> {
  if (resolution === 'merge' || resolution === 'transfer')
    throw new AppError('REGISTRATION_STATE', { reason: 'a credit-code change is applied (register) or rejected' });
  if (resolution === 'register') {
    const holder = await trx
      .selectFrom('enterprise')
      .select('id')
      .where('credit_code', '=', cur.credit_code)
      .where('id', '<>', cur.enterprise_id!)
      .executeTakeFirst();
    if (holder)
      throw new AppError('REGISTRATION_STATE', {
        reason: 'another enterprise still holds this credit code: correct that enterprise first, or reject',
        reasonZh: '台账中仍有其他企业使用该统一社会信用代码：请先更正该企业，或退回',
      });
    await updateEnterpriseTx(trx, cur.enterprise_id!, { creditCode: cur.credit_code }, meta, ref);
    await refreshCreditListing(trx, meta.now, [], [cur.enterprise_id!]);
  }
  const state = STATE_OF[resolution];
  await trx
    .updateTable('pending_registration')
    .set({ state, resolved_by: meta.actor.userId, resolved_at: meta.now, resolution_note: note, version: cur.version + 1 })
    .where('id', '=', cur.id)
    .execute();
  await writeAudit(trx, meta, {
    act: `enterprise.registration.${resolution}`,
    entityType: 'pendingRegistration',
    entityId: cur.id,
    before: { state: cur.state },
    after: { state, note, kind: 'codeChange', enterpriseId: cur.enterprise_id, creditCode: cur.credit_code },
  });
  await notifyResolved(trx, cur, state, note);
}

/** A registration's fields from a row that holds them (an enterprise, a pending registration). */
export function registrationFields(
  r: Pick<EnterpriseTable, 'credit_code' | 'name' | 'territory_code' | 'industry_code' | 'address' | 'legal_representative' | 'contact_name' | 'contact_phone'>,
) {
  return {
    creditCode: r.credit_code,
    name: r.name,
    territoryCode: r.territory_code,
    industryCode: r.industry_code,
    address: r.address,
    legalRepresentative: r.legal_representative,
    contactName: r.contact_name,
    contactPhone: r.contact_phone,
  };
}
