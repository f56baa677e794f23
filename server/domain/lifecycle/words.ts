/**
 * The words of the case lifecycle (plan §2.1–§2.5) as officials write them, zh and en: act kinds, states and
 * dimensions. Pure data, shared by the server's words (case export, audit trail in words); the console keeps the
 * same words in web/src/i18n/dict.ts (act.*, caseState.*, dim.*).
 */
export interface Words {
  zh: string;
  en: string;
}

export const ACT_WORDS: Readonly<Record<string, Words>> = {
  serveRectificationOrder: { zh: '送达限期整改通知', en: 'Serve rectification order' },
  applyExtension: { zh: '申请延期', en: 'Apply for extension' },
  approveExtension: { zh: '批准延期', en: 'Approve extension' },
  refuseExtension: { zh: '不予延期', en: 'Refuse extension' },
  reinspect: { zh: '复查', en: 'Re-inspect' },
  markOverdue: { zh: '标记逾期', en: 'Mark overdue' },
  orderClosure: { zh: '责令关停', en: 'Order closure' },
  recordClosure: { zh: '登记关停', en: 'Record closure' },
  orderRestriction: { zh: '责令限制生产', en: 'Order restricted production' },
  orderSuspension: { zh: '责令停产', en: 'Order suspension' },
  recheck: { zh: '复查', en: 'Re-check' },
  declareSerious: { zh: '认定情节严重', en: 'Declare serious' },
  requestGovernmentApproval: { zh: '报请市政府批准', en: 'Request city approval' },
  recordGovernmentApproval: { zh: '登记市政府批复', en: 'Record city decision' },
  orderCeaseOrClose: { zh: '责令停业、关闭', en: 'Order cease or close' },
  investigate: { zh: '立案调查', en: 'Investigate' },
  imposePenalty: { zh: '作出处罚', en: 'Impose penalty' },
  close: { zh: '结案', en: 'Close case' },
  revokeBusinessLicence: { zh: '吊销营业执照', en: 'Revoke business licence' },
  orderRectification: { zh: '责令整改', en: 'Order rectification' },
  requestLicenceRevocation: { zh: '提请吊销许可证', en: 'Request licence revocation' },
  recordLicenceRevoked: { zh: '登记许可证已吊销', en: 'Record licence revoked' },
  finish: { zh: '办结', en: 'Finish' },
  cutWater: { zh: '断水', en: 'Cut water' },
  cutPower: { zh: '断电', en: 'Cut power' },
  removePowerUnits: { zh: '拆除动力装置', en: 'Remove power units' },
  sealMainEquipment: { zh: '封存主体设备', en: 'Seal main equipment' },
  publicCommitment: { zh: '企业公开承诺', en: 'Public commitment' },
  publishNotice: { zh: '网站公告', en: 'Publish notice' },
  setDismantleDeadline: { zh: '确定拆除期限', en: 'Set dismantling deadline' },
  dismantle: { zh: '拆除', en: 'Dismantle' },
  accept: { zh: '验收', en: 'Accept' },
};
export const STATE_WORDS: Readonly<Record<string, Words>> = {
  found: { zh: '已发现', en: 'Found' },
  rectifying: { zh: '限期整改', en: 'Rectifying' },
  extensionRequested: { zh: '申请延期', en: 'Extension requested' },
  reinspectionFailed: { zh: '复查不合格', en: 'Re-inspection failed' },
  overdue: { zh: '逾期未整改', en: 'Overdue' },
  closureOrdered: { zh: '责令关停', en: 'Closure ordered' },
  closed: { zh: '已办结', en: 'Closed' },
  restricted: { zh: '限制生产', en: 'Production restricted' },
  suspended: { zh: '停产整治', en: 'Suspended for rectification' },
  recheckFailed: { zh: '复查不达标', en: 'Re-check failed' },
  serious: { zh: '情节严重', en: 'Serious' },
  approvalRequested: { zh: '报请市政府批准', en: 'Approval requested' },
  approved: { zh: '市政府已批准', en: 'Approved by the city' },
  investigating: { zh: '立案调查', en: 'Investigating' },
  penalised: { zh: '已处罚', en: 'Penalised' },
  rectificationFailed: { zh: '整改不合格', en: 'Rectification failed' },
  suspensionFailed: { zh: '停产整顿后仍不具备条件', en: 'Failed after suspension' },
  sealing: { zh: '封存中', en: 'Sealing' },
  sealed: { zh: '已封存', en: 'Sealed' },
  dismantled: { zh: '已拆除', en: 'Dismantled' },
  unknown: { zh: '未知状态', en: 'Unknown state' },
  shut: { zh: '关停待验收', en: 'Shut, awaiting acceptance' },
  ceased: { zh: '责令停业', en: 'Ordered to cease business' },
  licenceRevoked: { zh: '已吊销营业执照（待验收）', en: 'Business licence revoked (awaiting acceptance)' },
};
export const DIMENSION_WORDS: Readonly<Record<string, Words>> = {
  energy: { zh: '能耗', en: 'Energy' },
  environment: { zh: '环保', en: 'Environment' },
  quality: { zh: '质量', en: 'Quality' },
  safety: { zh: '安全', en: 'Safety' },
  technology: { zh: '技术', en: 'Technology' },
};
