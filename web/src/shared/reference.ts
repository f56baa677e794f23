/** Reference data (territories, industries, line kinds, departments), fetched once per page load and shared. */
import { useEffect, useState } from 'react';
import { api, type Department, type Industry, type LineKind, type Territory } from '../api/index.ts';

export interface Reference {
  territories: Territory[];
  industries: Industry[];
  lineKinds: LineKind[];
  departments: Department[];
}

let cached: Promise<Reference> | undefined;

export function loadReference(): Promise<Reference> {
  cached ??= Promise.all([api.reference.territories(), api.reference.industries(), api.reference.lineKinds(), api.reference.departments()]).then(
    ([t, i, k, d]) => ({ territories: t.items, industries: i.items, lineKinds: k.items, departments: d.items }),
    (e: unknown) => {
      cached = undefined;
      throw e;
    },
  );
  return cached;
}

const EMPTY: Reference = { territories: [], industries: [], lineKinds: [], departments: [] };

/** The reference data, empty until loaded (selects fill in when it arrives). */
export function useReference(): Reference {
  const [ref, setRef] = useState<Reference>(EMPTY);
  useEffect(() => {
    let live = true;
    loadReference().then(
      (r) => live && setRef(r),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return ref;
}

/** Territories that may hold enterprises today (not the city, not superseded). */
export function currentTerritories(ref: Reference): Territory[] {
  return ref.territories.filter((t) => t.kind !== 'city' && t.current);
}
