/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015 (facts-cn §9). A failed check digit is reported,
 * not necessarily rejected: some early pilot-region codes are legal but fail it (callers warn or ask an override).
 */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
/** 2 chars (registration authority + category) · 6 digits (GB/T 2260 area) · 10 chars (9 subject id + check). */
export const CREDIT_CODE_PATTERN = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export type CreditCodeCheck = { ok: true } | { ok: false; reason: 'FORMAT' | 'CHECK_DIGIT'; expected?: string };

/** The 18th character for the first 17 (each char's value is its index in the 31-char set; W_i = 3^(i−1) mod 31). */
export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError('need the first 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CHARSET.indexOf(first17.charAt(i));
    if (v < 0) throw new RangeError(`invalid character ${first17.charAt(i)}`);
    sum += v * (WEIGHTS[i] as number);
  }
  return CHARSET.charAt((31 - (sum % 31)) % 31);
}

/** Checks format, then the check digit (`expected` = the check character the first 17 imply). */
export function checkCreditCode(s: string): CreditCodeCheck {
  if (typeof s !== 'string' || !CREDIT_CODE_PATTERN.test(s)) return { ok: false, reason: 'FORMAT' };
  const expected = creditCodeCheckChar(s.slice(0, 17));
  return expected === s.charAt(17) ? { ok: true } : { ok: false, reason: 'CHECK_DIGIT', expected };
}
