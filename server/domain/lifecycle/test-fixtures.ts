/** Findings and sample payloads shared by the lifecycle tests (pure data; no test runner imports). */
import type { Dimension, Finding } from './types.ts';

export const findings: { [D in Dimension]: Finding } = {
  energy: {
    dimension: 'energy',
    date: '2020-09-10',
    lines: [{ id: 'L1', kind: 'sinter' }],
    standard: 'GB 21256',
    edition: 'GB 21256-2013',
    process: '烧结',
    measured: '58.2',
    limit: '55',
    unit: 'kgce/t',
  },
  environment: {
    dimension: 'environment',
    date: '2020-09-10',
    lines: [{ id: 'L1', kind: 'clinkerLine' }],
    kind: 'emission',
    pollutant: 'NOx',
    measured: '420',
    limit: '320',
    unit: 'mg/m3',
  },
  quality: { dimension: 'quality', date: '2020-09-10', lines: [{ id: 'L1', kind: 'rollingMill' }], kind: 'eliminatedProduct', product: '地条钢' },
  safety: { dimension: 'safety', date: '2020-09-10', lines: [{ id: 'L1', kind: 'floatGlassLine' }], hazard: '熔窑冷却系统缺陷' },
  technology: {
    dimension: 'technology',
    date: '2020-09-10',
    lines: [{ id: 'L1', kind: 'shaftKiln' }],
    catalogueEdition: 'catalogue-2019',
    catalogueItem: '水泥机立窑',
  },
};

export const furnaceFinding: Finding = {
  ...findings.technology,
  lines: [
    { id: 'F1', kind: 'inductionFurnaceMediumFrequency' },
    { id: 'L2', kind: 'rollingMill' },
  ],
  catalogueItem: '用于地条钢、普碳钢、不锈钢冶炼的工频和中频感应炉',
};

const ev = { evidenceIds: ['ev-1'] };
export const samplePayloads: { [D in Dimension]: Record<string, unknown> } = {
  energy: {
    serveRectificationOrder: {},
    recordService: { documentNo: '芜发改能〔2020〕1号', method: 'post' },
    applyExtension: { requestedMonths: 3, reason: '设备改造周期' },
    approveExtension: { grantedMonths: 2 },
    refuseExtension: {},
    reinspect: { result: 'pass' },
    markOverdue: {},
    orderClosure: {},
    recordClosure: {},
    accept: { certificateId: 'YS-2020-001' },
  },
  environment: {
    orderRestriction: {},
    orderSuspension: {},
    recheck: { result: 'fail' },
    declareSerious: { reason: '屡查屡犯' },
    requestGovernmentApproval: {},
    recordGovernmentApproval: { decision: 'approved', measure: 'close' },
    orderCeaseOrClose: { measure: 'close' },
    recordClosure: {},
    accept: { certificateId: 'YS-2020-001' },
  },
  quality: {
    investigate: {},
    imposePenalty: {},
    close: {},
    declareSerious: { reason: '情节严重' },
    revokeBusinessLicence: {},
    accept: { certificateId: 'YS-2020-001' },
  },
  safety: {
    orderRectification: { days: 30 },
    recordService: { documentNo: '芜应急〔2020〕1号', method: 'direct' },
    recheck: { result: 'fail' },
    orderSuspension: { reason: '重大事故隐患' },
    orderClosure: {},
    requestLicenceRevocation: { licence: '安全生产许可证', issuingAuthority: '省应急管理厅' },
    recordLicenceRevoked: {
      licence: '安全生产许可证',
      issuingAuthority: '省应急管理厅',
      decisionNo: '皖应急吊〔2021〕1号',
      decisionDate: '2021-01-15',
      evidenceIds: ['ev-1'],
    },
    finish: { noLicencesHeld: true, note: '企业未持有安全生产许可证' },
    accept: { certificateId: 'YS-2020-001' },
  },
  technology: {
    cutWater: ev,
    cutPower: ev,
    removePowerUnits: ev,
    sealMainEquipment: ev,
    publicCommitment: ev,
    publishNotice: { level: 'city' },
    setDismantleDeadline: {},
    dismantle: ev,
    markOverdue: {},
    accept: { certificateId: 'YS-2020-001' },
  },
};
