/**
 * A counter of roll-up writes in this process: every projection writer calls rollupsChanged(), and the overview's
 * cached answer (overview.routes.ts) is used only while the counter is where it was when the answer was built. A
 * writer calls it before its transaction commits, so an answer built in between may miss that write for at most the
 * cache's lifetime (OVERVIEW_CACHE_MS), as may writes of other processes.
 */
let rollupVersion = 0;
export function rollupsChanged(): void {
  rollupVersion++;
}
export function rollupsVersion(): number {
  return rollupVersion;
}
