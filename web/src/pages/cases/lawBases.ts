/** The legal-basis registry (GET /law/bases, public), fetched once, to print a step's basis id as a citation. */
import { useEffect, useState } from 'react';
import { api, type LegalBasisRef } from '../../api/index.ts';
import type { Lang } from '../../i18n/index.tsx';
import { formatCitation } from '../../shared/citation.ts';

let cached: Promise<Map<string, LegalBasisRef>> | undefined;

function load(): Promise<Map<string, LegalBasisRef>> {
  cached ??= api.law.bases().then(
    (r) => new Map(r.items.map((b) => [b.id, b])),
    (e: unknown) => {
      cached = undefined;
      throw e;
    },
  );
  return cached;
}

export function useLawBases(): Map<string, LegalBasisRef> {
  const [m, setM] = useState<Map<string, LegalBasisRef>>(new Map());
  useEffect(() => {
    let live = true;
    load().then(
      (x) => live && setM(x),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return m;
}

/** 《中华人民共和国民法典》第二百零二条 / 《方案》二、（一） / Civil Code of the PRC, art. 202 (the id itself when unknown). */
export function citeBasis(bases: Map<string, LegalBasisRef>, id: string, lang: Lang): string {
  const b = bases.get(id);
  return b ? formatCitation(b, lang) : id;
}
