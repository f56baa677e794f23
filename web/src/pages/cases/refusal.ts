/**
 * How the server's refusal of an act (or of a new case) becomes words in the form, in the chosen language:
 * ILLEGAL_TRANSITION names the acts allowed now, ROLE_NOT_ALLOWED the roles the table allows, GUARD_FAILED the
 * legal reason (details.reason zh/en), INVALID_ACT_INPUT the reason and the payload fields at fault,
 * VALIDATION_FAILED / INVALID_FIELD the fields at fault. Field errors come back by field name so the form can put
 * them next to the field.
 */
import { ApiError, fieldName } from '../../api/client.ts';
import { dict, type DictKey } from '../../i18n/dict.ts';
import { translate, type Lang } from '../../i18n/index.tsx';
import { errorText } from '../../shared/errors.ts';
import { citeText } from '../../shared/citation.ts';

export interface RefusalView {
  /** the sentence shown above the form */
  text: string;
  /** error messages by field name (last path segment) */
  fields: Record<string, string[]>;
  code: string;
}

export function wordOf(lang: Lang, prefix: string, value: string): string {
  const k = `${prefix}.${value}`;
  return k in dict.zh ? translate(lang, k as DictKey) : value;
}

export const actLabel = (lang: Lang, kind: string) => wordOf(lang, 'act', kind);
export const roleLabel = (lang: Lang, role: string) => wordOf(lang, 'role', role);

function bilingual(v: unknown, lang: Lang): string | undefined {
  if (v && typeof v === 'object' && typeof (v as { zh?: unknown }).zh === 'string') {
    const r = v as { zh: string; en?: string };
    return lang === 'zh' ? r.zh : (r.en ?? r.zh);
  }
  return undefined;
}

const sep = (lang: Lang) => (lang === 'zh' ? '、' : ', ');

export function describeRefusal(err: unknown, lang: Lang): RefusalView {
  const fields: Record<string, string[]> = {};
  const add = (path: unknown, msg: string) => {
    const name = typeof path === 'string' ? fieldName(path) : '';
    if (name) (fields[name] ??= []).push(msg);
  };
  if (!(err instanceof ApiError)) return { text: errorText(err, lang), fields, code: 'UNKNOWN' };
  const d = err.details;
  const base = errorText(err, lang);
  switch (err.code) {
    case 'ILLEGAL_TRANSITION': {
      const allowed = Array.isArray(d.allowed) ? (d.allowed as string[]).map((a) => actLabel(lang, a)).join(sep(lang)) : '';
      return { text: translate(lang, 'refusal.illegalTransition', { acts: allowed || translate(lang, 'common.none') }), fields, code: err.code };
    }
    case 'ROLE_NOT_ALLOWED': {
      const roles = Array.isArray(d.roles) ? (d.roles as string[]).map((r) => roleLabel(lang, r)).join(sep(lang)) : '';
      return { text: translate(lang, 'refusal.roleNotAllowed', { roles }), fields, code: err.code };
    }
    case 'GUARD_FAILED': {
      const reason = citeText(bilingual(d.reason, lang) ?? bilingual(d, lang) ?? base, lang);
      if (typeof d.field === 'string') add(d.field, reason);
      return { text: translate(lang, 'refusal.guard', { reason }), fields, code: err.code };
    }
    case 'INVALID_ACT_INPUT': {
      const raw = typeof d.reason === 'string' ? d.reason : '';
      const reason = raw ? wordOf(lang, 'refusal.reason', raw) : base;
      if (Array.isArray(d.errors)) for (const e of d.errors as Array<{ path?: string; message?: string }>) add(e.path, e.message ?? base);
      if (raw === 'act dated after now' || raw === 'act dated before the previous act') add('date', reason);
      return { text: translate(lang, 'refusal.invalidInput', { reason }), fields, code: err.code };
    }
    case 'CONFLICT':
      return { text: translate(lang, 'refusal.conflict'), fields, code: err.code };
    default: {
      for (const fe of err.fieldErrors) add(fe.field, lang === 'zh' && fe.messageZh ? fe.messageZh : fe.message);
      const reason = bilingual(d.reason, lang) ?? (typeof d.reason === 'string' && lang === 'en' ? d.reason : undefined);
      if (typeof d.field === 'string') add(d.field, reason ?? base);
      return { text: reason ? `${base}${lang === 'zh' ? '：' : ': '}${reason}` : base, fields, code: err.code };
    }
  }
}
