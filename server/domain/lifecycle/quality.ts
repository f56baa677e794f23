/**
 * Quality (plan §2.3; 产品质量法): investigate non-conforming, unlicensed or eliminated products; penalise;
 * serious cases lose the business licence. Revocation shuts the lines (关停); they exit when the exit is accepted (验收, §3.4).
 */
import { Type } from '@sinclair/typebox';
import {
  acceptAct,
  AcceptPayload,
  close,
  DecimalSchema,
  defineAct,
  docFields,
  EmptyPayload,
  findingBase,
  setLines,
  Text,
  type DimensionDef,
  type TableEntry,
} from './types.ts';

export const qualityStates = ['found', 'investigating', 'penalised', 'serious', 'licenceRevoked', 'closed'] as const;
export type QualityState = (typeof qualityStates)[number];
export type QualityAct = 'investigate' | 'imposePenalty' | 'close' | 'declareSerious' | 'revokeBusinessLicence' | 'accept';

export const qualityFindingSchema = Type.Object(
  {
    dimension: Type.Literal('quality'),
    ...findingBase,
    kind: Type.Union([Type.Literal('nonConforming'), Type.Literal('unlicensed'), Type.Literal('eliminatedProduct')]),
    product: Type.Optional(Type.String({ minLength: 1, pattern: '\\S' })),
  },
  { additionalProperties: false },
);

export const qualityPayloads = {
  investigate: EmptyPayload,
  imposePenalty: Type.Object(
    { amount: Type.Optional(DecimalSchema), measures: Type.Optional(Type.Array(Text)), ...docFields },
    { additionalProperties: false },
  ),
  close: EmptyPayload,
  declareSerious: Type.Object({ reason: Text, ...docFields }, { additionalProperties: false }),
  revokeBusinessLicence: EmptyPayload,
  accept: AcceptPayload,
};

const B = 'plan-2020-§2.3' as const;
const e = (to: QualityState[], roles: TableEntry['roles']): TableEntry<QualityState> => ({ to, basisId: B, roles });

export const qualityTable: DimensionDef<QualityState, QualityAct>['table'] = {
  found: { investigate: e(['investigating'], ['department', 'territory']) },
  investigating: { imposePenalty: e(['penalised'], ['department']), declareSerious: e(['serious'], ['department']) },
  penalised: { close: e(['closed'], ['department']), declareSerious: e(['serious'], ['department']) },
  serious: { revokeBusinessLicence: e(['licenceRevoked'], ['department']) },
  licenceRevoked: { accept: e(['closed'], ['office', 'department']) },
  closed: {},
};

export const quality: DimensionDef<QualityState, QualityAct> = {
  dimension: 'quality',
  states: qualityStates,
  findingSchema: qualityFindingSchema,
  table: qualityTable,
  acts: {
    investigate: defineAct(qualityPayloads.investigate, { apply: () => 'investigating' }),
    imposePenalty: defineAct(qualityPayloads.imposePenalty, {
      apply(d, p, act) {
        d.penalty = { date: act.date };
        if (p.documentNo !== undefined) d.penalty.documentNo = p.documentNo;
        if (p.amount !== undefined) d.penalty.amount = p.amount;
        return 'penalised';
      },
    }),
    close: defineAct(qualityPayloads.close, { apply: (d) => close(d, 'penalised') }),
    declareSerious: defineAct(qualityPayloads.declareSerious, {
      apply(d, p, act) {
        d.serious = { declaredOn: act.date, reason: p.reason };
        return 'serious';
      },
    }),
    revokeBusinessLicence: defineAct(qualityPayloads.revokeBusinessLicence, {
      apply(d) {
        setLines(d, 'shut');
        return 'licenceRevoked';
      },
    }),
    accept: acceptAct('licenceRevoked'),
  },
};
