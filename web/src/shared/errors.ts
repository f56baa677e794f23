/** How an error becomes words on the page: the server's messageZh/message by language, field errors by field. */
import type { FormInstance } from 'antd';
import { ApiError, fieldName } from '../api/client.ts';
import { translate, type Lang } from '../i18n/index.tsx';

/** The message of any error, in the language shown. */
export function errorText(err: unknown, lang: Lang): string {
  if (err instanceof ApiError) {
    if (err.status === 0) return translate(lang, 'common.networkError');
    return lang === 'zh' ? err.messageZh || err.message : err.message || err.messageZh;
  }
  return translate(lang, 'common.unknownError');
}

/** Field errors of a problem, by form field name (from `details.errors[].field`, or `details.field` of a rule error). */
export function fieldErrorsOf(err: unknown, lang: Lang): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (!(err instanceof ApiError)) return out;
  for (const fe of err.fieldErrors) {
    const name = fieldName(fe.field);
    if (!name) continue;
    const text = lang === 'zh' && fe.messageZh ? fe.messageZh : fe.message;
    (out[name] ??= []).push(text);
  }
  const single = err.details.field;
  if (typeof single === 'string' && single !== '') {
    const name = fieldName(single);
    (out[name] ??= []).push(errorText(err, lang));
  }
  return out;
}

/**
 * Puts the server's field errors next to the form's fields. Returns how many fields got an error and the errors
 * that name no field of the form (the caller shows the problem's message above the form when nothing was placed).
 */
export function applyFieldErrors(form: FormInstance, err: unknown, lang: Lang, known: readonly string[]): { placed: number; rest: string[] } {
  const byField = fieldErrorsOf(err, lang);
  const placed: { name: string; errors: string[] }[] = [];
  const rest: string[] = [];
  for (const [name, errors] of Object.entries(byField)) {
    if (known.includes(name)) placed.push({ name, errors });
    else rest.push(...errors.map((e) => `${name}: ${e}`));
  }
  if (placed.length > 0) form.setFields(placed);
  return { placed: placed.length, rest };
}
