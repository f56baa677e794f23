/**
 * The audit trail in words (issue 17 item 7): who (display name and unit) did what (the act in Chinese and English)
 * to which record (its label: the enterprise's name, the case with its enterprise, the document's number…).
 * The stored record keeps its codes (`auth.login`, `case.act.serveRectificationOrder`, `user 1`); the words are
 * derived when read, in one batch of look-ups per page.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { ACT_WORDS, type Words } from '../../domain/lifecycle/words.ts';

/** Acts of the platform (besides case acts), zh and en; an act not listed reads as its code. */
export const PLATFORM_ACT_WORDS: Readonly<Record<string, Words>> = {
  'auth.login': { zh: '登录', en: 'Signed in' },
  'auth.logout': { zh: '退出登录', en: 'Signed out' },
  'auth.loginFailed': { zh: '登录失败', en: 'Failed sign-in' },
  'user.create': { zh: '创建账号', en: 'Created an account' },
  'user.changePassword': { zh: '修改密码', en: 'Changed the password' },
  'token.create': { zh: '创建接口令牌', en: 'Created an API token' },
  'token.revoke': { zh: '吊销接口令牌', en: 'Revoked an API token' },
  'enterprise.create': { zh: '登记企业', en: 'Registered an enterprise' },
  'enterprise.update': { zh: '修改企业信息', en: 'Updated an enterprise' },
  'enterprise.creditCodeOverride': { zh: '确认信用代码例外', en: 'Confirmed a credit code exception' },
  'line.create': { zh: '登记生产线', en: 'Registered a production line' },
  'line.update': { zh: '修改生产线', en: 'Updated a production line' },
  'registry.import': { zh: '导入台账', en: 'Imported the registry' },
  'case.open': { zh: '立案', en: 'Opened a case' },
  'evidence.upload': { zh: '上传证据', en: 'Uploaded evidence' },
  'document.issue': { zh: '印发文书', en: 'Issued a document' },
  'document.render': { zh: '生成文书', en: 'Rendered a document' },
  'document.revise': { zh: '修订文书', en: 'Revised a document' },
  'document.void': { zh: '作废文书', en: 'Voided a document' },
  'document.serve': { zh: '送达文书', en: 'Served a document' },
  'notification.read': { zh: '阅读通知', en: 'Read a notification' },
  'notification.readAll': { zh: '全部通知标为已读', en: 'Marked all notifications read' },
  'certificate.complete': { zh: '签署验收单', en: 'Completed an acceptance certificate' },
  'certificate.return': { zh: '退回验收单', en: 'Returned an acceptance certificate' },
  'summary.create': { zh: '创建年度总结', en: 'Created a year-end summary' },
  'summary.update': { zh: '修改年度总结', en: 'Updated a year-end summary' },
  'summary.submit': { zh: '提交年度总结', en: 'Submitted a year-end summary' },
  'summary.explain': { zh: '说明数据差异', en: 'Explained a difference' },
  'report.consolidate': { zh: '汇总全市报告', en: 'Consolidated the city report' },
  'report.approve': { zh: '批准全市报告', en: 'Approved the city report' },
  'report.reported': { zh: '报送全市报告', en: 'Reported the city report' },
  'problem.create': { zh: '登记问题', en: 'Recorded a problem' },
  'problem.update': { zh: '修改问题', en: 'Updated a problem' },
  'problem.import': { zh: '导入问题清单', en: 'Imported problems' },
  'exitPlan.create': { zh: '制定退出计划', en: 'Created an exit plan' },
  'exitPlan.editItems': { zh: '修改退出计划', en: 'Edited an exit plan' },
  'powerPrice.issueList': { zh: '印发差别电价名单', en: 'Issued the power price list' },
  'land.create': { zh: '登记腾退土地', en: 'Recorded freed land' },
  'land.update': { zh: '修改腾退土地', en: 'Updated freed land' },
  'tip.submit': { zh: '提交举报', en: 'Submitted a tip' },
  'supervision.criteria': { zh: '修改督办标准', en: 'Changed the supervision criteria' },
  'supervision.followUp': { zh: '督办跟进', en: 'Followed up' },
  'yearend.settings': { zh: '修改年度设置', en: 'Changed the year-end settings' },
  'programme.remind': { zh: '发送提醒', en: 'Sent a reminder' },
  'province.import': { zh: '导入省级数据包', en: 'Imported a provincial package' },
  'province.registerKey': { zh: '登记签名密钥', en: 'Registered a signing key' },
  // acts whose code is built from a kind (issue 17 item 7: each read as words, not as its code)
  'credit.read.list': { zh: '查阅差别化信贷名单', en: 'Read the differentiated-credit list' },
  'enterprise.registration.submit': { zh: '报送企业登记', en: 'Submitted an enterprise registration' },
  'enterprise.registration.register': { zh: '确认企业登记', en: 'Confirmed an enterprise registration' },
  'enterprise.registration.merge': { zh: '并入已登记企业', en: 'Merged a registration into the registered enterprise' },
  'enterprise.registration.transfer': { zh: '转移企业属地', en: 'Transferred an enterprise to another territory' },
  'enterprise.registration.reject': { zh: '退回企业登记', en: 'Rejected an enterprise registration' },
  'exitPlan.submit': { zh: '报送退出计划', en: 'Submitted an exit plan' },
  'exitPlan.return': { zh: '退回退出计划', en: 'Returned an exit plan' },
  'exitPlan.file': { zh: '备案退出计划', en: 'Filed an exit plan' },
  'exitPlan.newVersion': { zh: '修订退出计划（新版本）', en: 'Started a new version of an exit plan' },
  'problem.requestClose': { zh: '申请问题销号', en: 'Requested a problem close-out' },
  'problem.signOff': { zh: '问题销号', en: 'Signed off a problem' },
  'problem.rejectClose': { zh: '退回问题销号', en: 'Returned a problem close-out' },
  'problem.reopen': { zh: '重新打开问题', en: 'Reopened a problem' },
  'publication.publish': { zh: '发布公开名单', en: 'Published a list' },
  'publication.correct': { zh: '更正公开名单', en: 'Corrected a published list' },
  'publication.withdraw': { zh: '撤回公开名单', en: 'Withdrew a published list' },
  'registry.alert.relocation': { zh: '预警：已退出设备疑似异地重建', en: 'Alert: an exited line may have been rebuilt elsewhere' },
  'registry.alert.restart': { zh: '预警：已退出设备疑似复产', en: 'Alert: an exited line may have restarted' },
  'summary.accept': { zh: '接收年度总结', en: 'Accepted a year-end summary' },
  'summary.return': { zh: '退回年度总结', en: 'Returned a year-end summary' },
  'supervision.criticism': { zh: '通报', en: 'Issued a criticism notice' },
  'supervision.summons': { zh: '约谈', en: 'Held a summons talk' },
  'tip.openCase': { zh: '举报转立案', en: 'Opened a case from a tip' },
  'tip.orderReinspection': { zh: '举报责令复查', en: 'Ordered a re-inspection on a tip' },
  'tip.merge': { zh: '合并重复举报', en: 'Merged a duplicate tip' },
  'tip.reject': { zh: '不予受理举报', en: 'Rejected a tip' },
  'yearend.remind': { zh: '发送年终提醒', en: 'Sent year-end reminders' },
  'case.assign': { zh: '指派案件承办人', en: 'Assigned a case' },
};

/** The deadline sweep's reminders (sweep-deadlines.ts `DeadlineEventKind`), in words. */
const DEADLINE_WORDS: Readonly<Record<string, Words>> = {
  due30: { zh: '30日内到期', en: 'due within 30 days' },
  due7: { zh: '7日内到期', en: 'due within 7 days' },
  due1: { zh: '1日内到期', en: 'due within a day' },
  passed: { zh: '已逾期', en: 'overdue' },
};

/** The act in words: case acts from the lifecycle's words, platform acts from the list above, else a prefix's word. */
export function actWords(act: string): Words {
  const caseAct = /^case\.act\.(\w+)$/.exec(act);
  if (caseAct) {
    const w = ACT_WORDS[caseAct[1]!];
    if (w) return { zh: `案件：${w.zh}`, en: `Case: ${w.en}` };
  }
  const deadline = /^case\.deadline\.(\w+)$/.exec(act);
  if (deadline) {
    const d = Object.hasOwn(DEADLINE_WORDS, deadline[1]!) ? DEADLINE_WORDS[deadline[1]!]! : { zh: deadline[1]!, en: deadline[1]! };
    return { zh: `期限提醒（${d.zh}）`, en: `Deadline reminder (${d.en})` };
  }
  const w = Object.hasOwn(PLATFORM_ACT_WORDS, act) ? PLATFORM_ACT_WORDS[act] : undefined;
  return w ?? { zh: act, en: act };
}

const ENTITY_WORDS: Readonly<Record<string, Words>> = {
  case: { zh: '案件', en: 'Case' },
  enterprise: { zh: '企业', en: 'Enterprise' },
  productionLine: { zh: '生产线', en: 'Production line' },
  user: { zh: '账号', en: 'Account' },
  document: { zh: '文书', en: 'Document' },
  certificate: { zh: '验收单', en: 'Acceptance certificate' },
  summary: { zh: '年度总结', en: 'Year-end summary' },
  report: { zh: '全市报告', en: 'City report' },
  problem: { zh: '问题', en: 'Problem' },
  tip: { zh: '举报', en: 'Tip' },
  notification: { zh: '通知', en: 'Notification' },
  evidence: { zh: '证据', en: 'Evidence' },
  apiToken: { zh: '接口令牌', en: 'API token' },
  registryImport: { zh: '台账导入', en: 'Registry import' },
  publication: { zh: '公开名单', en: 'Publication' },
  freed_land: { zh: '腾退土地', en: 'Freed land' },
  power_price_list: { zh: '差别电价名单', en: 'Power price list' },
};

export const ROLE_UNIT_WORDS: Readonly<Record<string, Words>> = {
  office: { zh: '市领导小组办公室', en: "Leading group's office" },
  government: { zh: '市政府', en: 'City government' },
  bank: { zh: '金融机构', en: 'Bank' },
  system: { zh: '平台（自动）', en: 'Platform (automatic)' },
};

export interface AuditRowLike {
  actor_id: number | null;
  actor_name: string | null;
  role: string | null;
  territory_code: string | null;
  department_code: string | null;
  act: string;
  entity_type: string | null;
  entity_id: string | null;
}

export interface AuditWords {
  actorDisplayName: string | null;
  unit: Words | null;
  actWords: Words;
  record: Words | null;
}

const ids = (rows: AuditRowLike[], type: string) => [
  ...new Set(rows.filter((r) => r.entity_type === type && /^\d{1,15}$/.test(r.entity_id ?? '')).map((r) => Number(r.entity_id))),
];

/** The words of a page of audit records: one look-up per kind of name. */
export async function auditWords(db: Kysely<DB>, rows: AuditRowLike[]): Promise<AuditWords[]> {
  const userIds = [...new Set([...rows.map((r) => r.actor_id).filter((x): x is number => x !== null), ...ids(rows, 'user')])];
  const caseIds = ids(rows, 'case');
  const entIds = ids(rows, 'enterprise');
  const lineIds = ids(rows, 'productionLine');
  const docIds = ids(rows, 'document');
  const terr = [...new Set(rows.map((r) => r.territory_code).filter((x): x is string => !!x))];
  const dept = [...new Set(rows.map((r) => r.department_code).filter((x): x is string => !!x))];
  const none = Promise.resolve([]);
  const [users, cases, ents, lines, docs, territories, departments] = await Promise.all([
    userIds.length ? db.selectFrom('app_user').select(['id', 'display_name']).where('id', 'in', userIds).execute() : none,
    caseIds.length
      ? db
          .selectFrom('case_file as c')
          .innerJoin('enterprise as e', 'e.id', 'c.enterprise_id')
          .select(['c.id', 'e.name'])
          .where('c.id', 'in', caseIds)
          .execute()
      : none,
    entIds.length ? db.selectFrom('enterprise').select(['id', 'name']).where('id', 'in', entIds).execute() : none,
    lineIds.length
      ? db
          .selectFrom('production_line as l')
          .innerJoin('enterprise as e', 'e.id', 'l.enterprise_id')
          .select(['l.id', 'l.name', sql<string>`e.name`.as('enterprise_name')])
          .where('l.id', 'in', lineIds)
          .execute()
      : none,
    docIds.length ? db.selectFrom('document').select(['id', 'number', 'title']).where('id', 'in', docIds).execute() : none,
    terr.length ? db.selectFrom('territory').select(['code', 'name', 'name_en']).where('code', 'in', terr).execute() : none,
    dept.length ? db.selectFrom('department').select(['code', 'name', 'name_en']).where('code', 'in', dept).execute() : none,
  ]);
  const userName = new Map(users.map((u) => [Number(u.id), u.display_name]));
  const caseName = new Map(cases.map((c) => [Number(c.id), c.name]));
  const entName = new Map(ents.map((e) => [Number(e.id), e.name]));
  const lineName = new Map(lines.map((l) => [Number(l.id), `${l.name}（${l.enterprise_name}）`]));
  const docName = new Map(docs.map((d) => [Number(d.id), `${d.number} ${d.title}`]));
  const terrName = new Map(territories.map((t) => [t.code, { zh: t.name, en: t.name_en }]));
  const deptName = new Map(departments.map((d) => [d.code, { zh: d.name, en: d.name_en }]));

  return rows.map((r) => {
    const unit = r.department_code
      ? (deptName.get(r.department_code) ?? { zh: r.department_code, en: r.department_code })
      : r.territory_code
        ? (terrName.get(r.territory_code) ?? { zh: r.territory_code, en: r.territory_code })
        : r.role
          ? (ROLE_UNIT_WORDS[r.role] ?? null)
          : null;
    let record: Words | null = null;
    if (r.entity_type) {
      const kind = ENTITY_WORDS[r.entity_type] ?? { zh: r.entity_type, en: r.entity_type };
      const n = Number(r.entity_id);
      const label =
        r.entity_type === 'case'
          ? caseName.has(n)
            ? `#${n} ${caseName.get(n)}`
            : undefined
          : r.entity_type === 'enterprise'
            ? entName.get(n)
            : r.entity_type === 'productionLine'
              ? lineName.get(n)
              : r.entity_type === 'user'
                ? userName.get(n)
                : r.entity_type === 'document'
                  ? docName.get(n)
                  : undefined;
      const tail = label ?? (r.entity_id ? `#${r.entity_id}` : '');
      record = { zh: `${kind.zh} ${tail}`.trim(), en: `${kind.en} ${tail}`.trim() };
    }
    return {
      actorDisplayName: r.actor_id !== null ? (userName.get(Number(r.actor_id)) ?? r.actor_name) : r.actor_name,
      unit,
      actWords: actWords(r.act),
      record,
    };
  });
}
