/**
 * A counter of roll-up writes in this process: every projection writer calls rollupsChanged(), and the overview's
 * cached answer (overview.routes.ts) is used only while the counter is where it was when the answer was built. A
 * writer calls it before its transaction commits, so an answer built in between may miss that write for at most the
 * cache's lifetime (OVERVIEW_CACHE_MS). Other instances hear of it through server/platform/signals.ts.
 */
let rollupVersion = 0;
const listeners = new Set<() => void>();
export function rollupsChanged(): void {
  rollupVersion++;
  for (const l of listeners) l();
}
/** Another instance wrote a roll-up (server/platform/signals.ts): drop this process's cached answers too. */
export function rollupsChangedElsewhere(): void {
  rollupVersion++;
}
/** Called after every local roll-up write (the signals publisher listens, to tell the other instances). */
export function onRollupsChanged(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}
export function rollupsVersion(): number {
  return rollupVersion;
}
