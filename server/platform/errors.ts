/**
 * One error type for everything the platform refuses, with a stable code, a message in Chinese and English,
 * and one table that maps each code to its HTTP status (the error handler is the only place that reads it).
 * Domain code throws `DomainError` (server/domain/errors.ts); the handler maps those through the same table.
 */

export interface ErrorSpec {
  status: number;
  zh: string;
  en: string;
}

/** Every platform error code, with the HTTP status it maps to and its bilingual message. */
export const ERROR_CODES = {
  VALIDATION_FAILED: { status: 400, zh: '请求参数不合法', en: 'The request is not valid' },
  BAD_REQUEST: { status: 400, zh: '请求格式错误', en: 'The request is malformed' },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Please sign in' },
  INVALID_CREDENTIALS: { status: 401, zh: '用户名或密码错误', en: 'Wrong user name or password' },
  ACCOUNT_LOCKED: { status: 429, zh: '登录失败次数过多，账号已暂时锁定，请稍后再试', en: 'Too many failed sign-ins; the account is locked for a while' },
  ACCOUNT_DISABLED: { status: 403, zh: '账号已停用', en: 'The account is disabled' },
  CSRF_FAILED: { status: 403, zh: '安全校验失败，请刷新页面后重试', en: 'The CSRF check failed; reload the page and try again' },
  FORBIDDEN: { status: 403, zh: '无权执行此操作', en: 'You may not do this' },
  NOT_FOUND: { status: 404, zh: '记录不存在', en: 'Not found' },
  ROUTE_NOT_FOUND: { status: 404, zh: '接口不存在', en: 'No such endpoint' },
  CONFLICT: { status: 409, zh: '记录已存在或已被修改', en: 'The record already exists or was changed' },
  DUPLICATE_CREDIT_CODE: { status: 409, zh: '统一社会信用代码已存在', en: 'An enterprise with this credit code already exists' },
  UNKNOWN_TERRITORY: { status: 422, zh: '属地代码不存在或不可用于登记企业', en: 'Unknown territory code (or one enterprises cannot be registered in)' },
  TERRITORY_NOT_CURRENT: { status: 422, zh: '该属地已撤销或调整，请使用现行属地代码', en: 'This territory is no longer valid; use its current code' },
  UNKNOWN_INDUSTRY: { status: 422, zh: '行业代码不存在', en: 'Unknown industry code' },
  UNKNOWN_LINE_KIND: { status: 422, zh: '设备类型代码不存在', en: 'Unknown production line kind' },
  BAD_UNIT: { status: 422, zh: '产能单位不属于该行业允许的单位', en: "The capacity unit is not one of the industry's units" },
  INVALID_CAPACITY: { status: 422, zh: '产能须为不超过12位整数、4位小数的非负数', en: 'Capacity must be a non-negative decimal (up to 12 digits, 4 decimals)' },
  INVALID_FIELD: { status: 422, zh: '字段值不合法', en: 'A field value is not valid' },
  IMPORT_REJECTED: { status: 422, zh: '导入文件有错误，未写入任何数据', en: 'The import file has errors; nothing was written' },
  DUPLICATE_IN_FILE: { status: 422, zh: '文件中重复出现', en: 'Appears more than once in the file' },
  UNKNOWN_ENTERPRISE: { status: 422, zh: '企业不存在（统一社会信用代码未登记）', en: 'No enterprise with this credit code' },
  MISSING_SHEET: { status: 422, zh: '缺少工作表或表头', en: 'A sheet or its header row is missing' },
  UNKNOWN_EVIDENCE: { status: 422, zh: '证据文件不存在，请先上传', en: 'Unknown evidence file: upload it first' },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '上传内容过大', en: 'The upload is too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, zh: '不支持的文件类型', en: 'Unsupported file type' },
  DOCUMENT_UNIT_UNKNOWN: {
    status: 422,
    zh: '发文单位未在参考数据中配置（documents.json）',
    en: 'The issuing unit is not configured in the reference data (documents.json)',
  },
  DOCUMENT_KIND_UNKNOWN: { status: 422, zh: '文书种类不存在或未配置发文字号', en: 'Unknown document kind (or no 发文字号 prefix configured for it)' },
  DOCUMENT_VOIDED: { status: 409, zh: '该文书已作废，不能再修订或送达', en: 'The document is voided: it cannot be revised or served' },
  SERVICE_DATE_MISMATCH: {
    status: 422,
    zh: '该文书的期限自送达之日起算，送达日期须与送达（作出）行为的日期一致',
    en: 'The deadline in this document runs from its service: the service date must be the date of the act that served it',
  },
  PDF_UNAVAILABLE: {
    status: 503,
    zh: '服务器未安装 LibreOffice，暂不能生成 PDF，请下载 Word 文档（.docx）打印',
    en: 'LibreOffice is not installed on the server: no PDF; download the Word document (.docx) to print',
  },
  RATE_LIMITED: { status: 429, zh: '请求过于频繁', en: 'Too many requests' },
  DATABASE_UNAVAILABLE: { status: 503, zh: '数据库暂不可用，请稍后再试', en: 'The database is unavailable; try again shortly' },
  INTERNAL: { status: 500, zh: '服务器内部错误', en: 'Internal server error' },
  LOGIN_THROTTLED: { status: 429, zh: '登录尝试过于频繁，请稍后再试', en: 'Too many sign-in attempts; try again later' },
  IMPORT_BUSY: { status: 429, zh: '导入任务繁忙，请稍后重试', en: 'Imports are busy; retry shortly' },
  IMPORT_TOO_MANY_ROWS: { status: 422, zh: '导入文件行数超过上限，未写入任何数据', en: 'The import file has more rows than allowed; nothing was written' },
  PUBLICATION_NOT_IN_FORCE: { status: 409, zh: '该名单没有正在公布的版本，无法更正或撤回', en: 'The list has no version in force to correct or withdraw' },
  TIP_CLOSED: { status: 409, zh: '该举报已处理完毕', en: 'This tip has already been dealt with' },
  WRONG_STATE: { status: 409, zh: '当前状态不允许此操作', en: "The record's state does not allow this" },
  EVIDENCE_REQUIRED: { status: 422, zh: '销号须附整改证据', en: 'Closing out needs evidence' },
  REASON_REQUIRED: { status: 422, zh: '须填写理由、意见或编号', en: 'A reason, comment or number is required' },
  EMPTY_PLAN: { status: 422, zh: '退出计划至少须有一项', en: 'An exit plan needs at least one item' },
  CERTIFICATE_REQUIRED: { status: 409, zh: '验收须通过已完成签署的验收单办理', en: 'Acceptance is recorded only through a completed acceptance certificate' },
  NOT_AWAITING_ACCEPTANCE: { status: 409, zh: '该案件尚未处于关停待验收状态', en: 'The case is not awaiting acceptance' },
  CERTIFICATE_INCOMPLETE: { status: 409, zh: '验收单检查项未全部达到要求，不能签署', en: "The certificate's checks are not all met; it cannot be signed" },
  CERTIFICATE_LOCKED: { status: 409, zh: '验收单已完成，不能修改', en: 'The certificate is complete and cannot be changed' },
  SIGN_OUT_OF_ORDER: {
    status: 409,
    zh: '签署顺序不对：须依次由企业、县区、市牵头部门签署',
    en: 'Sign-offs go in order: enterprise, county, lead city department',
  },
  NOT_SIGNING_UNIT: { status: 403, zh: '该账号不属于应签署的单位', en: 'This account does not belong to the signing unit' },
  SUMMARY_STATE: { status: 409, zh: '总结当前状态不允许此操作', en: "The summary's status does not allow this" },
  RECONCILIATION_OPEN: { status: 409, zh: '尚有未说明或未更正的数据差异', en: 'Some differences against the ledger are neither explained nor corrected' },
  REPORT_LOCKED: {
    status: 409,
    zh: '报告已批准锁定，修改须另立新版本并说明理由',
    en: 'The report is approved and locked; an amendment is a new version with a reason',
  },
  REPORT_STATE: { status: 409, zh: '报告当前状态不允许此操作', en: "The report's status does not allow this" },
  PACKAGE_REFUSED: { status: 422, zh: '上报数据包被拒收，未写入任何数据', en: 'The package is refused; nothing was written' },
  INVALID_CALENDAR: { status: 422, zh: '节假日安排数据有误，未载入', en: 'The holiday calendar data has errors; nothing was loaded' },
  IMPORT_TIMEOUT: {
    status: 422,
    zh: '导入文件读取超时，未写入任何数据，请分批导入',
    en: 'Reading the import file took too long; nothing was written; import in parts',
  },
  IMPORT_WORKER_FAILED: {
    status: 422,
    zh: '导入文件读取失败（超出内存等限制），未写入任何数据',
    en: 'Reading the import file failed (memory or other limit); nothing was written',
  },
  REGISTRATION_STATE: { status: 409, zh: '该登记申请已处理', en: 'This registration has already been resolved' },
  CASE_ASSIGN_FORBIDDEN: {
    status: 403,
    zh: '只有市领导小组办公室、案件的牵头部门或属地可以指派本案承办人',
    en: "Only the leading group's office, the case's lead department or its territory may assign the case",
  },
  ASSIGNEE_NOT_ELIGIBLE: {
    status: 422,
    zh: '承办人须为本单位（牵头部门或属地，市领导小组办公室另可选办公室人员）的在用账号，请从候选人中选择',
    en: 'The assignee must be an active account of your unit (the lead department or the territory; the office may also pick its own staff): pick one of the candidates',
  },
  CASE_CLOSED: { status: 409, zh: '案件已办结，不能再指派承办人', en: 'The case is closed: it takes no new assignee' },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** A refusal with a stable code. `details` reaches the client, so put only user-facing facts in it. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;
  constructor(code: ErrorCode, details?: Record<string, unknown>, message?: string) {
    super(message ?? ERROR_CODES[code].en);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}

/** Thrown at boot when configuration is wrong; the CLI prints it and exits 1 without a stack trace. */
export class FatalError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'FatalError';
  }
}
