/**
 * Reference names in the console's language (issue 17 item 8): several lists answer a territory, department or
 * industry by its Chinese name only (`territoryName`, `departmentName`, `industryName`). Reference data knows each
 * name's English form; `useRefName()` gives the name in the current language, looked up by the Chinese name or the
 * code, and leaves a name it does not know (user data, e.g. an issuer typed by hand) as it is.
 */
import { useMemo } from 'react';
import { useI18n } from '../i18n/index.tsx';
import { useReference } from './reference.ts';

export type RefName = (zhOrCode: string | null | undefined) => string;

export function useRefName(): RefName {
  const ref = useReference();
  const { pick } = useI18n();
  return useMemo(() => {
    const en = new Map<string, string>();
    for (const list of [ref.territories, ref.departments, ref.industries, ref.lineKinds] as { code: string; name: string; nameEn: string }[][]) {
      for (const x of list) {
        en.set(x.name, x.nameEn);
        en.set(x.code, x.nameEn);
      }
    }
    const zh = new Map<string, string>();
    for (const list of [ref.territories, ref.departments, ref.industries, ref.lineKinds] as { code: string; name: string }[][]) {
      for (const x of list) zh.set(x.code, x.name);
    }
    return (v) => {
      if (v === null || v === undefined || v === '') return '—';
      return pick(zh.get(v) ?? v, en.get(v) ?? null) || v;
    };
  }, [ref, pick]);
}
