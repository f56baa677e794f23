/** Punctuation that follows the language: full-width in Chinese, ASCII with a space in English. */
import type { Lang } from './dict.ts';

/** `text（inner）` in Chinese, `text (inner)` in English. */
export function withParens(lang: Lang, text: string, inner: string | number): string {
  return lang === 'zh' ? `${text}（${inner}）` : `${text} (${inner})`;
}

/** `label：value` in Chinese, `label: value` in English. */
export function withColon(lang: Lang, label: string, value: string): string {
  return lang === 'zh' ? `${label}：${value}` : `${label}: ${value}`;
}

/** The punctuation marks of a language, for JSX that places them between pieces: `{p.colon}`, `{p.lp}…{p.rp}`. */
export function punct(lang: Lang): { colon: string; semi: string; lp: string; rp: string; list: string } {
  return lang === 'zh' ? { colon: '：', semi: '；', lp: '（', rp: '）', list: '、' } : { colon: ': ', semi: '; ', lp: ' (', rp: ')', list: ', ' };
}
