/**
 * The acceptance certificate (淘汰落后产能验收单, plan §3.4): what it must prove before anyone signs it, who signs it
 * and in which order. Pure: no I/O, no clock.
 *
 * The checks follow the acceptance practice recorded in facts-cn §8 (shutdown, dismantling of the main equipment,
 * staff resettlement; photographs; signatures of the enterprise, the county and the city). Whether cutting water and
 * power is a required field is UNVERIFIED there, so it is required only where the case itself recorded it
 * (a LOCAL CHOICE, `POWER_WATER_RULE`), otherwise it may be answered "not applicable".
 */
import type { Dimension } from '../lifecycle/types.ts';

export type CheckKey = 'productionCeased' | 'equipmentDismantled' | 'linesShut' | 'powerWaterCut' | 'noRestart' | 'workersResettled' | 'sitePhotos';
export type CheckAnswer = 'yes' | 'no' | 'notApplicable';

export interface CheckRecord {
  answer: CheckAnswer;
  evidenceIds: string[];
  note?: string;
}

export interface WorkersRecord {
  employees: number;
  resettled: number;
  evidenceIds: string[];
  /** 'typed' (numbers entered with evidence) or 'resettlement' (read from the worker-resettlement record) */
  source: 'typed' | 'resettlement';
}

export type SignUnit = 'enterprise' | 'territory' | 'department';
/** The signing order: the enterprise's representative (recorded by the county), the county, the lead city department. */
export const SIGN_ORDER: readonly SignUnit[] = ['enterprise', 'territory', 'department'];

export const CHECK_LABELS: Record<CheckKey, { zh: string; en: string }> = {
  productionCeased: { zh: '已停止生产', en: 'Production has ceased' },
  equipmentDismantled: { zh: '主体设备已拆除', en: 'Main equipment dismantled' },
  linesShut: { zh: '生产线已按决定关停', en: 'Lines shut as decided' },
  powerWaterCut: { zh: '已断水断电', en: 'Power and water cut' },
  noRestart: { zh: '未发现恢复生产', en: 'No restart found' },
  workersResettled: { zh: '职工已安置', en: 'Workers resettled' },
  sitePhotos: { zh: '现场照片', en: 'Site photographs' },
};

export const POWER_WATER_RULE = {
  basisId: 'phaseout-local-default',
  note: 'LOCAL CHOICE: 断水断电 is required on the certificate only where the case recorded cutting water or power (facts-cn §8: UNVERIFIED as a required field).',
} as const;

/** The checks a certificate of this dimension asks, in the order the document prints them (plan §2.5 dismantling for technology; "shut as decided" elsewhere). */
export function checksFor(dimension: Dimension): CheckKey[] {
  return ['productionCeased', dimension === 'technology' ? 'equipmentDismantled' : 'linesShut', 'powerWaterCut', 'noRestart', 'workersResettled', 'sitePhotos'];
}

export interface CertificateContent {
  dimension: Dimension;
  /** the case recorded cutting water or power (technology sealing path) */
  powerWaterRequired: boolean;
  checks: Partial<Record<CheckKey, CheckRecord>>;
  workers: WorkersRecord | null;
}

export interface Missing {
  check: CheckKey;
  zh: string;
  en: string;
}

/** What still keeps the certificate from being signed (empty = ready to sign). */
export function missingForSigning(c: CertificateContent): Missing[] {
  const out: Missing[] = [];
  for (const key of checksFor(c.dimension)) {
    const label = CHECK_LABELS[key];
    const r = c.checks[key];
    const optional = key === 'powerWaterCut' && !c.powerWaterRequired;
    if (!r) {
      out.push({ check: key, zh: `${label.zh}：未填写`, en: `${label.en}: not answered` });
      continue;
    }
    if (r.answer === 'notApplicable') {
      if (!optional) out.push({ check: key, zh: `${label.zh}：此项不可填“不适用”`, en: `${label.en}: may not be "not applicable"` });
      continue;
    }
    if (r.answer !== 'yes') {
      out.push({ check: key, zh: `${label.zh}：未达到验收要求`, en: `${label.en}: not met` });
      continue;
    }
    if (r.evidenceIds.length === 0) out.push({ check: key, zh: `${label.zh}：缺少证据材料`, en: `${label.en}: no evidence` });
  }
  const w = c.workers;
  if (!w) out.push({ check: 'workersResettled', zh: '职工安置人数未填写', en: 'Worker resettlement numbers are missing' });
  else {
    if (w.resettled > w.employees) out.push({ check: 'workersResettled', zh: '已安置人数不得超过职工人数', en: 'More workers resettled than employed' });
    else if (w.resettled < w.employees)
      out.push({
        check: 'workersResettled',
        zh: `尚有 ${w.employees - w.resettled} 名职工未安置`,
        en: `${w.employees - w.resettled} workers not yet resettled`,
      });
    if (w.source === 'typed' && w.evidenceIds.length === 0)
      out.push({ check: 'workersResettled', zh: '手工填写的安置人数须附证据', en: 'Typed resettlement numbers need evidence' });
  }
  return out;
}

/** The unit whose sign-off comes next, or null when all have signed. */
export function nextSignUnit(signed: readonly SignUnit[]): SignUnit | null {
  return SIGN_ORDER.find((u) => !signed.includes(u)) ?? null;
}

/** Certificate number: 〔year〕 and a sequence per year. The prefix is a LOCAL CHOICE (no official template is known: facts-cn §8 item 10). */
export const CERTIFICATE_PREFIX = { value: '芜淘汰验', basisId: 'phaseout-local-default' } as const;
export function certificateNumber(year: number, seq: number, prefix: string = CERTIFICATE_PREFIX.value): string {
  return `${prefix}〔${year}〕${seq}号`;
}
