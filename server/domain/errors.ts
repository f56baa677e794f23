/**
 * The one error type of the domain. Codes are stable; the platform maps them to HTTP statuses in one place.
 * No HTTP status lives here.
 */

/** Stable error codes thrown by the domain. */
export type DomainErrorCode =
  /** A period (months / days / working days) or its start date is invalid. */
  | 'INVALID_PERIOD'
  /** The act is not in the transition table for the case's current state. */
  | 'ILLEGAL_TRANSITION'
  /** The act is in the table but a legal guard refuses it (details carry a zh/en reason). */
  | 'GUARD_FAILED'
  /** The act (or finding) payload or date fails validation. */
  | 'INVALID_ACT_INPUT'
  /** The role may not take this act (the table names the roles allowed). */
  | 'ROLE_NOT_ALLOWED'
  /** A credit code is well-formed but its check digit is wrong. */
  | 'INVALID_CREDIT_CODE'
  /** A credit code does not have the GB 32100-2015 format. */
  | 'INVALID_CREDIT_CODE_FORMAT'
  /** No value of the parameter is in force on the date asked, or the name is unknown. */
  | 'PARAMETER_NOT_IN_FORCE'
  /** A basis id that is not in the registry. */
  | 'UNKNOWN_BASIS';

/** Human messages per code, zh and en. */
export const messages: Record<DomainErrorCode, { zh: string; en: string }> = {
  INVALID_PERIOD: { zh: '期间或起算日无效', en: 'Invalid period or start date' },
  ILLEGAL_TRANSITION: { zh: '当前状态下不允许该行为', en: 'This act is not allowed in the current state' },
  GUARD_FAILED: { zh: '不满足法定条件，行为被拒绝', en: 'A legal condition for this act is not met' },
  INVALID_ACT_INPUT: { zh: '行为内容不符合要求', en: 'Invalid act input' },
  ROLE_NOT_ALLOWED: { zh: '该角色无权实施此行为', en: 'This role may not take this act' },
  INVALID_CREDIT_CODE: { zh: '统一社会信用代码校验码错误', en: 'Unified social credit code check digit is wrong' },
  INVALID_CREDIT_CODE_FORMAT: { zh: '统一社会信用代码格式错误', en: 'Unified social credit code has the wrong format' },
  PARAMETER_NOT_IN_FORCE: { zh: '该日期无有效参数值', en: 'No parameter value in force on that date' },
  UNKNOWN_BASIS: { zh: '未知的依据编号', en: 'Unknown basis id' },
};

/** A domain failure with a stable `code` and structured `details` (never an HTTP status). */
export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: DomainErrorCode, details: Record<string, unknown> = {}) {
    super(`${code}: ${messages[code].en}`);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
}

/** Type guard for {@link DomainError}, optionally of one code. */
export function isDomainError(e: unknown, code?: DomainErrorCode): e is DomainError {
  return e instanceof DomainError && (code === undefined || e.code === code);
}
