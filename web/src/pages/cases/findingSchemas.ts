/**
 * The finding fields of each dimension, as the server checks them: fetched once from GET /law/finding-schemas
 * (public), which publishes the domain's findingSchemas without the fields the case fills in itself
 * (dimension, lines, enterprise, date, evidence).
 */
import { useEffect, useState } from 'react';
import { api, type FindingSchemaItem } from '../../api/index.ts';
import type { Dimension } from '../../shared/status.ts';

export type FindingSchemas = Partial<Record<Dimension, FindingSchemaItem>>;

let cached: Promise<FindingSchemas> | undefined;

function load(): Promise<FindingSchemas> {
  cached ??= api.law.findingSchemas().then(
    (r) => Object.fromEntries(r.items.map((i) => [i.dimension, i])) as FindingSchemas,
    (e: unknown) => {
      cached = undefined;
      throw e;
    },
  );
  return cached;
}

/** The finding schemas, empty until loaded; asked for only once `enabled` (the new-case drawer is open). */
export function useFindingSchemas(enabled = true): FindingSchemas {
  const [m, setM] = useState<FindingSchemas>({});
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    load().then(
      (x) => live && setM(x),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [enabled]);
  return m;
}
