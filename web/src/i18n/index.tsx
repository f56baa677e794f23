/**
 * Language state (zh by default, en by the header switch, persisted in localStorage) and the `t()` lookup.
 * Dates are shown as 2020年9月15日 in Chinese and "Sep 15, 2020" in English.
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { dict, type DictKey, type Lang } from './dict.ts';

export type { DictKey, Lang } from './dict.ts';

const STORAGE_KEY = 'phaseout.lang';

function initialLang(): Lang {
  try {
    const v = window.localStorage.getItem(STORAGE_KEY);
    if (v === 'en' || v === 'zh') return v;
  } catch {
    /* storage unavailable: default */
  }
  return 'zh';
}

export type Translate = (key: DictKey, vars?: Record<string, string | number>) => string;

/** Fills `{name}` placeholders. */
export function format(template: string, vars?: Record<string, string | number>): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

/** Lookup outside React (e.g. module-level helpers), in the language given. */
export function translate(lang: Lang, key: DictKey, vars?: Record<string, string | number>): string {
  return format(dict[lang][key], vars);
}

export interface I18n {
  lang: Lang;
  setLang: (l: Lang) => void;
  t: Translate;
  /** A date (YYYY-MM-DD or an instant) as 2020年9月15日 / Sep 15, 2020; '—' when empty. */
  fmtDate: (d: string | null | undefined) => string;
  /** An instant with minutes. */
  fmtDateTime: (d: string | null | undefined) => string;
  /** Chooses the Chinese or English text of a bilingual pair (server messages, reference names). */
  pick: (zh: string | null | undefined, en: string | null | undefined) => string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((l: Lang) => {
    setLangState(l);
    try {
      window.localStorage.setItem(STORAGE_KEY, l);
    } catch {
      /* ignore */
    }
  }, []);
  const value = useMemo<I18n>(() => {
    dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    const t: Translate = (key, vars) => translate(lang, key, vars);
    return {
      lang,
      setLang,
      t,
      fmtDate: (d) => (d ? dayjs(d).format(lang === 'zh' ? 'YYYY年M月D日' : 'MMM D, YYYY') : '—'),
      fmtDateTime: (d) => (d ? dayjs(d).format(lang === 'zh' ? 'YYYY年M月D日 HH:mm' : 'MMM D, YYYY HH:mm') : '—'),
      pick: (zh, en) => (lang === 'zh' ? (zh ?? en ?? '') : (en ?? zh ?? '')),
    };
  }, [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
