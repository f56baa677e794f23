/** Filter, page and page size kept in the URL (shareable, Back works, the overview links into it). */
import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';

export function useUrlFilter<K extends string>(keys: readonly K[]) {
  const [sp, setSp] = useSearchParams();
  const filter = useMemo(() => {
    const f: Partial<Record<K, string>> = {};
    for (const k of keys) {
      const v = sp.get(k);
      if (v) f[k] = v;
    }
    return f;
    // keys is a constant array per page
  }, [sp, keys]);
  const page = Math.max(1, Number(sp.get('page')) || 1);
  const pageSize = [10, 20, 50, 100].includes(Number(sp.get('pageSize'))) ? Number(sp.get('pageSize')) : 20;
  const update = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    }
    setSp(next);
  };
  const reset = () => setSp(new URLSearchParams());
  return { filter, page, pageSize, update, reset, key: sp.toString() };
}
