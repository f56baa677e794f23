/**
 * Forms that guide (issue 17 item 4): what an act's form pre-fills and states before the server would refuse. The
 * extension decision shows and pre-fills the months the enterprise requested; both extension forms state the
 * month limit in force (GET /law/parameters: energy.extensionMaxMonths, plan §2.1) and refuse more in the form,
 * saying what to enter instead.
 */
import { useEffect, useState } from 'react';
import { request } from '../../api/client.ts';
import type { ResponseOf } from '../../api/generated.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { LegalFacts } from './lawApi.ts';

type Params = ResponseOf<'/api/v1/law/parameters', 'get'>;

export interface ActGuide {
  /** payload values the form starts with */
  initialPayload?: Record<string, unknown>;
  /** a sentence shown above the fields */
  notice?: string;
  /** checks before sending: field → message when the value is out of bounds */
  check?: (payload: Record<string, unknown>) => { field: string; message: string } | null;
}

type Extension = { requestedMonths?: number; appliedOn?: string; status?: string };

/** The guide of `actKind` on a case with these legal facts (undefined: nothing to guide). */
export function useActGuide(actKind: string | undefined, facts: (LegalFacts & { extension?: Extension }) | undefined): ActGuide | undefined {
  const { t, pick } = useI18n();
  const [max, setMax] = useState<{ value: number; citation: string } | null>(null);
  const needsLimit = actKind === 'approveExtension' || actKind === 'applyExtension';
  const day = facts?.extension?.appliedOn;
  useEffect(() => {
    if (!needsLimit) return;
    let live = true;
    request<Params>('/law/parameters', { query: day ? { asOf: day } : {} }).then(
      (r) => {
        const p = r.items.find((x) => x.name === 'energy.extensionMaxMonths');
        if (live && p && typeof p.value === 'number') setMax({ value: p.value, citation: pick(p.citationZh, p.citation) });
      },
      () => undefined, // the server still refuses what exceeds it
    );
    return () => {
      live = false;
    };
  }, [needsLimit, day, pick]);
  if (!needsLimit) return undefined;
  const requested = facts?.extension?.status === 'requested' ? facts.extension.requestedMonths : undefined;
  const field = actKind === 'approveExtension' ? 'grantedMonths' : 'requestedMonths';
  const parts: string[] = [];
  if (actKind === 'approveExtension' && requested !== undefined) parts.push(t('ext.requested', { n: requested }));
  if (max) parts.push(`${t('ext.monthsHelp', { max: max.value, n: requested ?? '—' }).split(/[；;]/)[0]}${pick('（', ' (')}${max.citation}${pick('）', ')')}`);
  return {
    ...(actKind === 'approveExtension' && requested !== undefined
      ? { initialPayload: { grantedMonths: max ? Math.min(requested, max.value) : requested } }
      : {}),
    ...(parts.length ? { notice: parts.join(pick('；', '; ')) } : {}),
    check: (payload) => {
      const v = payload[field];
      if (typeof v !== 'number') return null;
      // §2.1 as the law's guards word it: never more than requested, never more than the limit
      if (actKind === 'approveExtension' && requested !== undefined && v > requested) return { field, message: t('ext.grantOver', { n: requested }) };
      return max && v > max.value ? { field, message: t('ext.monthsOver', { max: max.value }) } : null;
    },
  };
}
